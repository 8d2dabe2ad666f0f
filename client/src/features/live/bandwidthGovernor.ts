// Steps the connection down by itself when the link is weak, so a family on a poor mobile link
// keeps hearing the group: normal → low bandwidth (only the speaker's video, smallest layer;
// ours sent at the smallest layer) → audio only (no video either way). Steps back up only after
// the link has been good for a while, waiting twice as long each time a step up failed. A choice
// the person makes themselves wins: from then on the governor leaves the mode alone.

export type BandwidthMode = 'normal' | 'low' | 'audioOnly';

export interface LinkSample {
  /** Share of inbound packets lost since the previous sample. */
  lossRatio: number;
  rttMs: number;
  /** The browser's estimate of what it can send (kbit/s), when it has one. */
  sendKbps?: number | undefined;
}

const ORDER: BandwidthMode[] = ['normal', 'low', 'audioOnly'];
/** Consecutive weak samples (3 s apart) before stepping down. */
const WEAK_TO_STEP_DOWN = 2;
/** Consecutive good samples before trying a step up (doubled after each failed try). */
const GOOD_TO_STEP_UP = 20;
/** Good samples after a step up for it to count as having held. */
const STEP_UP_HELD = 10;

export function isWeak({ lossRatio, rttMs, sendKbps }: LinkSample): boolean {
  return lossRatio > 0.05 || rttMs > 800 || (sendKbps !== undefined && sendKbps < 200);
}

/** What the browser says before any media: saving data, or a 2G-class connection. */
export function startsWeak(connection?: { saveData?: boolean; effectiveType?: string }): boolean {
  return !!connection?.saveData || ['slow-2g', '2g'].includes(connection?.effectiveType ?? '');
}

export class BandwidthGovernor {
  private weak = 0;
  private good = 0;
  private upAfter = GOOD_TO_STEP_UP;
  private steppedUp = false;
  private chosen = false;

  constructor(private mode: BandwidthMode = 'normal') {}

  get current(): BandwidthMode {
    return this.mode;
  }

  /** Starts in this mode (the browser said the link is weak); returns it. */
  start(mode: BandwidthMode): BandwidthMode {
    return (this.mode = mode);
  }

  /** The person set the mode themselves: keep it. */
  personChose(mode: BandwidthMode): void {
    this.mode = mode;
    this.chosen = true;
  }

  /** The mode to switch to after this sample, or null to stay. */
  observe(sample: LinkSample): BandwidthMode | null {
    if (this.chosen) return null;
    const index = ORDER.indexOf(this.mode);
    if (isWeak(sample)) {
      this.good = 0;
      this.weak += 1;
      if (this.weak < WEAK_TO_STEP_DOWN || index === ORDER.length - 1) return null;
      // A step up that brought the weakness straight back: wait longer before the next one.
      if (this.steppedUp) this.upAfter *= 2;
      this.steppedUp = false;
      this.weak = 0;
      return (this.mode = ORDER[index + 1] ?? this.mode);
    }
    this.weak = 0;
    this.good += 1;
    if (this.good >= this.upAfter && index > 0) {
      this.good = 0;
      this.steppedUp = true;
      return (this.mode = ORDER[index - 1] ?? this.mode);
    }
    if (this.good >= STEP_UP_HELD) this.steppedUp = false;
    return null;
  }
}

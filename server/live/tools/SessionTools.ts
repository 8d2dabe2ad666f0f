// The state of a running session's tools, kept in its LiveSession (so a host who reconnects, or
// anyone who joins late, finds it as it is). Check-ins keep counts only, and the set of peers who
// answered (to refuse a second answer) — never who answered what.
import {
  CHECK_IN_CHOICES,
  CHECK_IN_MINIMUM,
  type CheckInKind,
  type PlanItem,
  type ToolsView,
} from '../../protocol/roomTools.ts';

export interface PlanRunItem {
  title: string;
  plannedMinutes: number;
  startedAt: Date;
  endedAt: Date | null;
  skipped: boolean;
}

interface PlanState {
  items: PlanItem[];
  index: number;
  startedAt: Date;
  endsAt: Date;
  run: PlanRunItem[];
}

interface RoundState {
  order: string[];
  index: number;
  speakerMs: number;
  speakerEndsAt: Date | null;
  queuedHands: string[];
  /** The spotlight before the round, given back after it. */
  spotlightBefore: string | null;
}

interface CheckInState {
  kind: CheckInKind;
  counts: number[];
  answeredBy: Set<string>;
  closed: boolean;
  inReport: boolean;
}

export class SessionTools {
  plan: PlanState | null = null;
  round: RoundState | null = null;
  checkIn: CheckInState | null = null;
  handsAfterRound: string[] = [];

  startPlan(items: PlanItem[], now: Date): void {
    this.plan = { items, index: 0, startedAt: now, endsAt: now, run: [] };
    this.beginItem(now);
  }

  private beginItem(now: Date): void {
    const plan = this.plan!;
    const item = plan.items[plan.index];
    plan.startedAt = now;
    plan.endsAt = new Date(now.getTime() + (item?.minutes ?? 0) * 60_000);
    if (item) {
      plan.run.push({
        title: item.title,
        plannedMinutes: item.minutes,
        startedAt: now,
        endedAt: null,
        skipped: false,
      });
    }
  }

  /** Ends the current item (done or skipped) and starts the next one, if any. */
  moveOn(now: Date, skipped: boolean): void {
    const plan = this.plan!;
    const current = plan.run[plan.run.length - 1];
    if (current && !current.endedAt) Object.assign(current, { endedAt: now, skipped });
    plan.index += 1;
    this.beginItem(now);
  }

  extend(minutes: number): void {
    this.plan!.endsAt = new Date(this.plan!.endsAt.getTime() + minutes * 60_000);
  }

  get planRunning(): boolean {
    return !!this.plan && this.plan.index < this.plan.items.length;
  }

  startRound(order: string[], speakerMs: number, spotlightBefore: string | null, now: Date) {
    this.round = {
      order,
      index: 0,
      speakerMs,
      speakerEndsAt: null,
      queuedHands: [],
      spotlightBefore,
    };
    this.handsAfterRound = [];
    this.timeSpeaker(now);
  }

  private timeSpeaker(now: Date): void {
    const round = this.round!;
    round.speakerEndsAt = round.speakerMs ? new Date(now.getTime() + round.speakerMs) : null;
  }

  get speaker(): string | null {
    return this.round?.order[this.round.index] ?? null;
  }

  /** The next speaker; false when the round is over. */
  nextSpeaker(now: Date): boolean {
    const round = this.round!;
    round.index += 1;
    this.timeSpeaker(now);
    return round.index < round.order.length;
  }

  /** Someone left: out of the order (the round moves on if they were speaking) and the queue. */
  forget(peerId: string, now: Date): { wasSpeaker: boolean } {
    const round = this.round;
    if (!round) return { wasSpeaker: false };
    round.queuedHands = round.queuedHands.filter((id) => id !== peerId);
    const at = round.order.indexOf(peerId);
    if (at < 0) return { wasSpeaker: false };
    round.order.splice(at, 1);
    const wasSpeaker = at === round.index;
    if (at < round.index) round.index -= 1;
    else if (wasSpeaker) this.timeSpeaker(now);
    return { wasSpeaker };
  }

  askCheckIn(kind: CheckInKind): void {
    const counts = Array.from({ length: CHECK_IN_CHOICES[kind] }, () => 0);
    this.checkIn = { kind, counts, answeredBy: new Set(), closed: false, inReport: false };
  }

  /** The result anyone may see: counts only, and only from the minimum number of answers up. */
  checkInResult(): { counts: number[]; total: number } | null {
    const c = this.checkIn;
    if (!c?.closed || c.answeredBy.size < CHECK_IN_MINIMUM) return null;
    return { counts: [...c.counts], total: c.answeredBy.size };
  }

  /** `viewer` is a person id: the answered set is by person, so a second device cannot answer. */
  view(viewer: string, now: Date): ToolsView {
    const { plan, round, checkIn } = this;
    return {
      serverNow: now.toISOString(),
      plan: plan && {
        items: plan.items,
        index: plan.index,
        startedAt: plan.startedAt.toISOString(),
        endsAt: plan.endsAt.toISOString(),
      },
      round: round && {
        order: [...round.order],
        index: round.index,
        speakerEndsAt: round.speakerEndsAt?.toISOString() ?? null,
        queuedHands: [...round.queuedHands],
      },
      checkIn: checkIn && {
        kind: checkIn.kind,
        answered: checkIn.answeredBy.size,
        mine: checkIn.answeredBy.has(viewer),
        closed: checkIn.closed,
        counts: this.checkInResult()?.counts ?? null,
        inReport: checkIn.inReport,
      },
      handsAfterRound: [...this.handsAfterRound],
    };
  }
}

// What the browser asks of the SFU for its screen: each video tile's width (so a fitting
// simulcast layer comes), how many videos, audio only, and the downlink — smaller in the low
// bandwidth mode, so the SFU answers with only the speaker at the smallest layer.
import type { RequestPayload } from '../../../../server/protocol/socket.ts';
import type { LocalMedia } from './liveState.ts';

/** Phones get fewer videos at once; the SFU sends the most recent speakers. */
const maxVideos = () => (window.innerWidth < 600 ? 4 : 9);
/** The downlink (Mbit/s) reported in low bandwidth mode: the SFU sends the smallest layer. */
const LOW_DOWNLINK_MBPS = 0.3;

export class LiveViewport {
  private tiles = new Map<string, number>();
  private timer: number | undefined;

  constructor(
    /** Null while not admitted: nothing is sent then. */
    private readonly local: () => Pick<LocalMedia, 'audioOnly' | 'lowBandwidth'> | null,
    private readonly send: (viewport: RequestPayload<'live:viewport'>) => void,
  ) {}

  /** The rendered widths changed: sent a moment later, once the layout has settled. */
  reportTiles(tiles: { producerId: string; width: number }[]): void {
    this.tiles = new Map(tiles.map((t) => [t.producerId, Math.round(t.width)]));
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.sendNow(), 300);
  }

  sendNow(): void {
    const local = this.local();
    if (!local) return;
    const connection = (navigator as { connection?: { downlink?: number } }).connection;
    const { audioOnly, lowBandwidth } = local;
    const downlink = lowBandwidth
      ? Math.min(connection?.downlink ?? LOW_DOWNLINK_MBPS, LOW_DOWNLINK_MBPS)
      : connection?.downlink;
    this.send({
      audioOnly,
      maxVideos: lowBandwidth ? 1 : maxVideos(),
      ...(downlink ? { downlinkKbps: Math.round(downlink * 1000) } : {}),
      tiles: [...this.tiles].slice(0, 40).map(([producerId, width]) => ({ producerId, width })),
    });
  }

  stop(): void {
    window.clearTimeout(this.timer);
  }
}

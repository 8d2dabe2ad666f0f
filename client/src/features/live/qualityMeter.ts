// Our own connection quality from WebRTC stats every few seconds: packet loss over the last
// interval, the round-trip time and the browser's send estimate. Shown to us, shared so
// facilitators see who struggles, and given to the bandwidth governor, which steps the session
// down to low bandwidth or audio only by itself when the link is weak.
import type { ConnectionQuality } from '../../../../server/protocol/live.ts';
import { BandwidthGovernor, startsWeak, type BandwidthMode } from './bandwidthGovernor.ts';
import type { LiveClient } from './liveClient.ts';

const INTERVAL_MS = 3000;

export function qualityOf(lossRatio: number, rttMs: number): ConnectionQuality {
  if (lossRatio > 0.08 || rttMs > 700) return 'poor';
  if (lossRatio > 0.02 || rttMs > 300) return 'fair';
  return 'good';
}

type NetworkInformation = { saveData?: boolean; effectiveType?: string };

export class QualityMeter {
  private readonly timer: number;
  private last = { lost: 0, received: 0 };
  private readonly governor = new BandwidthGovernor();

  constructor(private readonly client: LiveClient) {
    this.timer = window.setInterval(() => void this.measure(), INTERVAL_MS);
    // A phone saving data or on 2G starts low, before any packet is lost.
    const connection = (navigator as { connection?: NetworkInformation }).connection;
    if (startsWeak(connection)) this.step(this.governor.start('low'));
  }

  /** The person chose a mode themselves: the governor no longer changes it. */
  personChose(mode: BandwidthMode): void {
    this.governor.personChose(mode);
  }

  private async measure(): Promise<void> {
    const totals = await this.client.media?.measure().catch(() => null);
    if (!totals) return;
    const lost = totals.lost - this.last.lost;
    const received = totals.received - this.last.received;
    this.last = { lost: totals.lost, received: totals.received };
    const lossRatio = lost / Math.max(1, lost + received);
    const quality = qualityOf(lossRatio, totals.rttMs);
    if (quality !== this.client.getState().quality) this.client.reportQuality(quality);
    this.step(this.governor.observe({ lossRatio, rttMs: totals.rttMs, sendKbps: totals.sendKbps }));
  }

  private step(mode: BandwidthMode | null): void {
    if (mode) void this.client.autoBandwidth(mode).catch(() => undefined);
  }

  stop(): void {
    window.clearInterval(this.timer);
  }
}

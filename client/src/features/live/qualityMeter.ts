// Our own connection quality from WebRTC stats every few seconds: packet loss over the last
// interval and the round-trip time. Shown to us, and shared so facilitators see who struggles.
import type { ConnectionQuality } from '../../../../server/protocol/live.ts';
import type { LiveClient } from './liveClient.ts';

const INTERVAL_MS = 3000;

export function qualityOf(lossRatio: number, rttMs: number): ConnectionQuality {
  if (lossRatio > 0.08 || rttMs > 700) return 'poor';
  if (lossRatio > 0.02 || rttMs > 300) return 'fair';
  return 'good';
}

export class QualityMeter {
  private readonly timer: number;
  private last = { lost: 0, received: 0 };

  constructor(private readonly client: LiveClient) {
    this.timer = window.setInterval(() => void this.measure(), INTERVAL_MS);
  }

  private async measure(): Promise<void> {
    const totals = await this.client.media?.measure().catch(() => null);
    if (!totals) return;
    const lost = totals.lost - this.last.lost;
    const received = totals.received - this.last.received;
    this.last = totals;
    const quality = qualityOf(lost / Math.max(1, lost + received), totals.rttMs);
    if (quality !== this.client.getState().quality) this.client.reportQuality(quality);
  }

  stop(): void {
    window.clearInterval(this.timer);
  }
}

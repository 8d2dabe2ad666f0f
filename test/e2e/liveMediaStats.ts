// One remote video in a live page, by the SFU producer it shows: the frames its track decoded
// and their width, from the page's own WebRTC stats (inbound-rtp, matched by track id). And the
// selected ICE candidate pair of each of the page's connections.
import type { Page } from 'playwright-core';

export interface VideoSample {
  frames: number;
  width: number;
}

/** The video of this producer as the page decodes it, or null when the page shows none. */
export async function video(page: Page, producerId: string): Promise<VideoSample | null> {
  return page.evaluate(async (id) => {
    const element = document.querySelector<HTMLVideoElement>(`video[data-producer-id="${id}"]`);
    const track = (element?.srcObject as MediaStream | null)?.getVideoTracks()[0];
    if (!track) return null;
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue;
      let found: { frames: number; width: number } | null = null;
      (await pc.getStats()).forEach((stat: Record<string, unknown>) => {
        if (stat.type === 'inbound-rtp' && stat.trackIdentifier === track.id) {
          found = { frames: Number(stat.framesDecoded ?? 0), width: Number(stat.frameWidth ?? 0) };
        }
      });
      if (found) return found;
    }
    return null;
  }, producerId);
}

/** Whether the page decodes new frames of this producer's video (two samples `ms` apart). */
export async function videoRising(page: Page, producerId: string, ms = 500): Promise<boolean> {
  const first = await video(page, producerId);
  await new Promise((r) => setTimeout(r, ms));
  const second = await video(page, producerId);
  return !!first && !!second && second.frames > first.frames;
}

/** Polls until `check` gives something truthy, and returns it; fails naming `what`. */
export async function untilTrue<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 15_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface SelectedPair {
  protocol: string;
  candidateType: string;
  /** The remote (SFU's) ICE username fragment of the connection, from its remote description. */
  remoteUfrag: string;
  state: RTCPeerConnectionState;
}

/** Each open connection of the page: its selected candidate pair's local protocol and type. */
export async function selectedPairs(page: Page): Promise<SelectedPair[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    const result: SelectedPair[] = [];
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue;
      const stats = new Map<string, Record<string, unknown>>();
      (await pc.getStats()).forEach((s: Record<string, unknown>) => stats.set(String(s.id), s));
      const transport = [...stats.values()].find((s) => s.type === 'transport');
      const pair = stats.get(String(transport?.selectedCandidatePairId ?? ''));
      const local = stats.get(String(pair?.localCandidateId ?? ''));
      const ufrag = /a=ice-ufrag:(\S+)/.exec(pc.remoteDescription?.sdp ?? '')?.[1] ?? '';
      result.push({
        protocol: String(local?.protocol ?? ''),
        candidateType: String(local?.candidateType ?? ''),
        remoteUfrag: ufrag,
        state: pc.connectionState,
      });
    }
    return result;
  });
}

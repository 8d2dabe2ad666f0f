// Which videos a peer receives. A phone in a group of twelve should not decode twelve videos:
// each peer gets at most `maxVideos` cameras — the pinned peer first, then the most recent
// speakers — and no video at all in audio-only mode. The chosen simulcast layer follows the
// tile the client draws and the downlink it reports.

export interface ViewportPreferences {
  audioOnly: boolean;
  maxVideos: number;
  /** Width in CSS pixels of the tile each producer is drawn in. */
  tileWidths: Map<string, number>;
  downlinkKbps?: number | undefined;
}

export const defaultViewport = (): ViewportPreferences => ({
  audioOnly: false,
  maxVideos: 9,
  tileWidths: new Map(),
});

export interface VideoCandidate {
  producerId: string;
  peerId: string;
  source: 'camera' | 'screen';
}

/** The video producers to forward, given who spoke most recently (most recent first). */
export function chooseVideos(
  candidates: VideoCandidate[],
  viewport: ViewportPreferences,
  speakerOrder: string[],
  pinnedPeerId: string | null,
): Set<string> {
  if (viewport.audioOnly) return new Set();
  const rank = (peerId: string) => {
    if (peerId === pinnedPeerId) return -1;
    const index = speakerOrder.indexOf(peerId);
    return index === -1 ? speakerOrder.length : index;
  };
  // A screen share is always wanted: it is what everyone is looking at.
  const screens = candidates.filter((c) => c.source === 'screen');
  const cameras = candidates
    .filter((c) => c.source === 'camera')
    .sort((a, b) => rank(a.peerId) - rank(b.peerId))
    .slice(0, viewport.maxVideos);
  return new Set([...screens, ...cameras].map((c) => c.producerId));
}

/** Simulcast spatial layer (0 = smallest) for a tile of this width on this downlink. */
export function spatialLayerFor(tileWidth: number | undefined, downlinkKbps?: number): number {
  let layer = tileWidth === undefined ? 1 : tileWidth <= 240 ? 0 : tileWidth <= 560 ? 1 : 2;
  if (downlinkKbps !== undefined && downlinkKbps > 0) {
    if (downlinkKbps < 500) layer = 0;
    else if (downlinkKbps < 1500) layer = Math.min(layer, 1);
  }
  return layer;
}

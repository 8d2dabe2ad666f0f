// Which videos a peer receives: the pinned peer, then the most recent speakers, up to the cap;
// screens always; nothing in audio-only mode. Layers follow the tile and the downlink.
import assert from 'node:assert/strict';
import {
  chooseVideos,
  defaultViewport,
  spatialLayerFor,
  type VideoCandidate,
} from './forwarding.ts';

const camera = (peerId: string): VideoCandidate => ({
  producerId: `v-${peerId}`,
  peerId,
  source: 'camera',
});

describe('[video-1] SFU forwarding policy', () => {
  const twelve = Array.from({ length: 12 }, (_, i) => camera(`p${i}`));

  it('[video-1] caps cameras at maxVideos, most recent speakers first, pinned peer before all', () => {
    const viewport = { ...defaultViewport(), maxVideos: 3 };
    const chosen = chooseVideos(twelve, viewport, ['p7', 'p2', 'p9', 'p4'], 'p11');
    assert.deepEqual([...chosen].sort(), ['v-p11', 'v-p2', 'v-p7']);
    const unpinned = chooseVideos(twelve, viewport, ['p7', 'p2', 'p9', 'p4'], null);
    assert.deepEqual([...unpinned].sort(), ['v-p2', 'v-p7', 'v-p9']);
  });

  it('[video-1] always forwards a screen share, and nothing in audio-only mode', () => {
    const screen: VideoCandidate = { producerId: 's-p3', peerId: 'p3', source: 'screen' };
    const chosen = chooseVideos(
      [...twelve, screen],
      { ...defaultViewport(), maxVideos: 0 },
      [],
      null,
    );
    assert.deepEqual([...chosen], ['s-p3']);
    const audioOnly = chooseVideos(
      [...twelve, screen],
      { ...defaultViewport(), audioOnly: true },
      [],
      null,
    );
    assert.equal(audioOnly.size, 0);
  });

  it('[video-1] picks the simulcast layer from tile width and downlink', () => {
    assert.equal(spatialLayerFor(180), 0);
    assert.equal(spatialLayerFor(400), 1);
    assert.equal(spatialLayerFor(1000), 2);
    assert.equal(spatialLayerFor(1000, 800), 1, 'a modest downlink caps the layer');
    assert.equal(spatialLayerFor(1000, 300), 0, 'a weak downlink gets the smallest');
  });
});

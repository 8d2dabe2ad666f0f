// What each participant says about themselves: muting, hand, reactions, what they can show,
// how their connection is.
import { RequestError } from '../../errors.ts';
import { handle } from '../../realtime/handle.ts';
import type { RealtimeFeature } from '../../realtime/socket.ts';
import { everyone } from '../LiveSession.ts';
import { handDuringRound } from '../tools/rounds.ts';
import { member, type LiveContext } from './context.ts';

/** One reaction per person per this many milliseconds; more is noise, not feeling. */
const REACTION_INTERVAL_MS = 700;

export function presenceFeature(ctx: LiveContext): RealtimeFeature {
  return (socket) => {
    const { log } = ctx;

    handle(socket, log, 'live:selfMute', async ({ source, muted }) => {
      const { live, peer } = member(ctx, socket);
      if (await peer.media?.setPaused(source, muted)) live.participantUpdated(peer);
      return null;
    });

    handle(socket, log, 'live:hand', async ({ raised }) => {
      const { live, peer } = member(ctx, socket);
      if (peer.observer) throw new RequestError('live.observerCannot', 409);
      // During a speaking round a hand waits its turn (tools/rounds.ts).
      if (handDuringRound(live, peer, raised, ctx.clock.now())) return null;
      peer.handRaised = raised;
      live.participantUpdated(peer);
      return null;
    });

    handle(socket, log, 'live:react', async ({ reaction }) => {
      const { live, peer } = member(ctx, socket);
      if (peer.observer) throw new RequestError('live.observerCannot', 409);
      const now = Date.now();
      if (now - peer.lastReactionAt < REACTION_INTERVAL_MS)
        throw new RequestError('rateLimited', 429);
      peer.lastReactionAt = now;
      live.send(everyone, 'live:reaction', { peerId: peer.peerId, reaction });
      return null;
    });

    handle(socket, log, 'live:viewport', async ({ audioOnly, maxVideos, downlinkKbps, tiles }) => {
      const { live, peer } = member(ctx, socket);
      if (!peer.media) return null;
      peer.media.viewport = {
        audioOnly,
        maxVideos,
        downlinkKbps,
        tileWidths: new Map(tiles.map((t) => [t.producerId, t.width])),
      };
      live.room.forwardingChanged();
      return null;
    });

    handle(socket, log, 'live:quality', async ({ quality }) => {
      const { live, peer } = member(ctx, socket);
      if (peer.quality !== quality) {
        peer.quality = quality;
        live.participantUpdated(peer);
      }
      return null;
    });
  };
}

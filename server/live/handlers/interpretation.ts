// Interpreter channels: the host names interpreters, each participant picks what they hear.
// What the SFU forwards follows at once (interpretation.ts, LiveSession.enforceAudiences).
import { RequestError } from '../../errors.ts';
import { handle } from '../../realtime/handle.ts';
import type { RealtimeFeature } from '../../realtime/socket.ts';
import { member, moderator, visiblePeer, type LiveContext } from './context.ts';

export function interpretationFeature(ctx: LiveContext): RealtimeFeature {
  return (socket) => {
    const { log } = ctx;

    handle(socket, log, 'live:interpreter', async ({ peerId, language }) => {
      const { live } = moderator(ctx, socket);
      const target = visiblePeer(live, peerId);
      live.interpretation.name(target.personId, language);
      target.interpreting = language;
      live.enforceAudiences();
      live.participantUpdated(target);
      return null;
    });

    handle(socket, log, 'live:channel', async ({ language }) => {
      const { live, peer } = member(ctx, socket);
      if (language !== null && !live.interpretation.languages().has(language)) {
        throw new RequestError('live.noSuchChannel', 404);
      }
      if (language !== null && peer.interpreting) {
        throw new RequestError('live.interpreterHearsFloor', 409);
      }
      live.interpretation.listen(peer.personId, language);
      live.enforceAudiences();
      return { channel: language };
    });
  };
}

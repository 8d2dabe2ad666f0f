// The hidden trainer: whispers between observers and hosts (never families), and stepping in.
import { audit } from '../../audit/audit.model.ts';
import { RequestError } from '../../errors.ts';
import { handle } from '../../realtime/handle.ts';
import type { RealtimeFeature } from '../../realtime/socket.ts';
import { staff } from '../LiveSession.ts';
import { actorOf, member, type LiveContext } from './context.ts';

export function observerFeature(ctx: LiveContext): RealtimeFeature {
  return (socket) => {
    handle(socket, ctx.log, 'live:whisper', async ({ text }) => {
      const { live, peer } = member(ctx, socket);
      if (!peer.observer && !peer.isHost) throw new RequestError('forbidden', 403);
      const message = {
        from: peer.name,
        fromPeerId: peer.peerId,
        text,
        at: ctx.clock.now().toISOString(),
      };
      live.send(staff, 'live:whisper', message);
      return null;
    });

    handle(socket, ctx.log, 'live:stepIn', async () => {
      const { live, peer } = member(ctx, socket);
      if (!peer.observer) throw new RequestError('live.notObserving', 409);
      peer.observer = false;
      // A trainer who steps in sends camera and microphone like everyone else.
      peer.media!.allowedSources = new Set(['camera', 'microphone']);
      live.observersChanged();
      const room = live.roomOf(peer);
      live.send((p) => room(p) && p !== peer, 'live:participantJoined', peer.toParticipant());
      await live.recordJoin(peer);
      await audit('session.steppedIn', actorOf(socket).personId, live.id, {
        groupId: live.groupId,
      });
      return live.admittedState(peer);
    });
  };
}

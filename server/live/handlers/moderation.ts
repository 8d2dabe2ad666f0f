// A facilitator's controls over others. Muting pauses the microphone in the SFU (it never
// unmutes anyone: it can only ask). Removal is kept in the database so the person cannot rejoin.
import { audit } from '../../audit/audit.model.ts';
import { sessionEnded } from '../../sessions/lifecycle.ts';
import { RequestError } from '../../errors.ts';
import { handle } from '../../realtime/handle.ts';
import type { RealtimeFeature } from '../../realtime/socket.ts';
import { recordRemoval } from '../removal.model.ts';
import { actorOf, moderator, visiblePeer, type LiveContext } from './context.ts';
import { dropPeer } from './join.ts';
import { letIn } from './lobby.ts';

export function moderationFeature(ctx: LiveContext): RealtimeFeature {
  return (socket) => {
    const { log } = ctx;

    handle(socket, log, 'live:mute', async ({ peerId }) => {
      const { live } = moderator(ctx, socket);
      const target = visiblePeer(live, peerId);
      if (await target.media?.setPaused('microphone', true)) {
        live.participantUpdated(target);
        target.socket?.emit('live:mutedByHost', {});
      }
      return null;
    });

    handle(socket, log, 'live:askUnmute', async ({ peerId }) => {
      const { live } = moderator(ctx, socket);
      visiblePeer(live, peerId).socket?.emit('live:unmuteRequested', {});
      return null;
    });

    handle(socket, log, 'live:stopCamera', async ({ peerId }) => {
      const { live } = moderator(ctx, socket);
      const target = visiblePeer(live, peerId);
      if (target.media?.closeSource('camera')) target.socket?.emit('live:cameraStopped', {});
      return null;
    });

    handle(socket, log, 'live:remove', async ({ peerId, reason }) => {
      const { live, peer: host } = moderator(ctx, socket);
      await ctx.registry.locked(live.id, async () => {
        // Someone in the room or still waiting in the lobby; never an observer.
        const target = live.peers.get(peerId);
        if (!target || target.observer) throw new RequestError('live.peerNotFound', 404);
        // Facilitators cannot remove each other.
        if (target.isHost) throw new RequestError('live.cannotRemoveHost', 409);
        await recordRemoval(live.id, target.personId, host.personId, reason);
        await audit('session.removed', host.personId, live.id, { groupId: live.groupId });
        target.socket?.emit('live:removed', { reason });
        await dropPeer(ctx, live, target);
      });
      return null;
    });

    handle(socket, log, 'live:lock', async ({ locked }) => {
      const { live } = moderator(ctx, socket);
      await ctx.registry.locked(live.id, async () => {
        live.setSettings({ locked });
        // In a group that lets families straight in, those who came while it was locked
        // waited only for the lock: unlocking lets them in (they were left waiting before).
        const waited = [...live.peers.values()].filter(
          (p) => p.state === 'lobby' && p.role === 'family',
        );
        if (!locked && live.context.group.autoAdmit && waited.length > 0) await letIn(live, waited);
      });
      return null;
    });

    handle(socket, log, 'live:spotlight', async ({ peerId }) => {
      const { live } = moderator(ctx, socket);
      if (peerId !== null) visiblePeer(live, peerId);
      live.setSettings({ spotlight: peerId });
      return null;
    });

    handle(socket, log, 'live:end', async () => {
      const { live } = moderator(ctx, socket);
      // In the session's lock: a join in flight either got in before (and is ended now) or
      // finds the session ended.
      await ctx.registry.locked(live.id, async () => {
        await sessionEnded(live.id, live.groupId, ctx.clock.now());
        await audit('session.ended', actorOf(socket).personId, live.id, { groupId: live.groupId });
        live.send((p) => p.socket !== socket, 'live:ended', {});
        for (const peer of [...live.peers.values()]) await live.removePeer(peer);
        ctx.registry.end(live);
      });
      return null;
    });
  };
}

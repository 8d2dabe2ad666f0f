// Joining, rejoining after a dropped connection, leaving, and the grace period in between.
import { audit } from '../../audit/audit.model.ts';
import { serialised } from '../../db/claims.ts';
import { handle } from '../../realtime/handle.ts';
import type { RealtimeFeature, RealtimeSocket } from '../../realtime/socket.ts';
import type { JoinResult } from '../../protocol/live.ts';
import { admit, loadSessionContext } from '../admission.ts';
import { LivePeer } from '../LivePeer.ts';
import type { LiveSession } from '../LiveSession.ts';
import { sameToken } from '../registry.ts';
import { actorOf, type LiveContext } from './context.ts';

function joinResult(live: LiveSession, peer: LivePeer, resumed: boolean): JoinResult {
  const base = { rejoinToken: peer.rejoinToken, resumed };
  if (peer.admitted) return { ...base, state: 'admitted', admitted: live.admittedState(peer) };
  const lang = peer.socket?.data.lang ?? 'fi';
  return { ...base, state: 'lobby', peerId: peer.peerId, session: live.summary(lang) };
}

export async function leaveSession(ctx: LiveContext, live: LiveSession, peer: LivePeer) {
  ctx.registry.unbind(peer.socket);
  await live.removePeer(peer);
  ctx.registry.closeIfEmpty(live);
}

export function joinFeature(ctx: LiveContext): RealtimeFeature {
  return (socket) => {
    const { log, registry, clock } = ctx;

    handle(socket, log, 'live:join', async ({ sessionId, mode, rejoinToken }) => {
      const actor = actorOf(socket);
      const current = registry.binding(socket);
      if (current && current.live.id !== sessionId)
        await leaveSession(ctx, current.live, current.peer);
      const context = await loadSessionContext(sessionId, actor);
      const admission = await admit(actor, mode, context, clock.now());
      const live = await registry.open(sessionId, context);
      // One join at a time per session: two tabs of one person must not both get in.
      return serialised(`live:${sessionId}`, async () => {
        const existing = live.peerOfPerson(actor.personId);
        if (existing && rejoinToken && sameToken(existing.rejoinToken, rejoinToken)) {
          return resume(ctx, live, existing, socket);
        }
        if (existing) {
          existing.socket?.emit('live:replaced', {});
          await leaveSession(ctx, live, existing);
        }
        const { role, observer, name } = admission;
        const peer = new LivePeer(actor.personId, name, role, observer, socket);
        live.peers.set(peer.peerId, peer);
        registry.bind(socket, live, peer);
        const waits = role === 'family' && (!context.group.autoAdmit || live.settings.locked);
        if (!waits) await live.admit(peer);
        else live.lobbyChanged();
        if (observer) {
          await audit('session.observed', actor.personId, sessionId, { groupId: live.groupId });
        }
        return joinResult(live, peer, false);
      });
    });

    handle(socket, log, 'live:leave', async () => {
      const binding = registry.binding(socket);
      if (binding) await leaveSession(ctx, binding.live, binding.peer);
      return null;
    });

    socket.on('disconnect', () => {
      const binding = registry.binding(socket);
      if (!binding || binding.peer.socket !== socket) return;
      const { live, peer } = binding;
      peer.socket = null;
      live.participantUpdated(peer);
      peer.graceTimer = setTimeout(() => {
        peer.graceTimer = null;
        if (!peer.socket)
          void leaveSession(ctx, live, peer).catch((error: unknown) =>
            log.warn({ err: error }, 'live leave failed'),
          );
      }, ctx.graceMs);
    });
  };
}

/** The same peer on a new socket: its place, its lobby position and its media are kept. */
function resume(ctx: LiveContext, live: LiveSession, peer: LivePeer, socket: RealtimeSocket) {
  if (peer.graceTimer) clearTimeout(peer.graceTimer);
  peer.graceTimer = null;
  if (peer.socket && peer.socket !== socket) {
    ctx.registry.unbind(peer.socket);
    peer.socket.disconnect(true);
  }
  peer.socket = socket;
  ctx.registry.bind(socket, live, peer);
  live.participantUpdated(peer);
  return joinResult(live, peer, true);
}

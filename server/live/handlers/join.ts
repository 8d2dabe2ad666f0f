// Joining, rejoining after a dropped connection, leaving, and the grace period in between.
import { audit } from '../../audit/audit.model.ts';
import { RequestError } from '../../errors.ts';
import { handle } from '../../realtime/handle.ts';
import type { RealtimeFeature, RealtimeSocket } from '../../realtime/socket.ts';
import type { JoinResult } from '../../protocol/live.ts';
import { admit, loadSessionContext, type Admission } from '../admission.ts';
import { LivePeer } from '../LivePeer.ts';
import type { LiveSession } from '../LiveSession.ts';
import { Elsewhere, sameToken } from '../registry.ts';
import { wasRemoved } from '../removal.model.ts';
import { sessionStarted } from '../../sessions/lifecycle.ts';
import { actorOf, type LiveContext } from './context.ts';

function joinResult(live: LiveSession, peer: LivePeer, resumed: boolean): JoinResult {
  const base = { rejoinToken: peer.rejoinToken, resumed };
  if (peer.admitted) return { ...base, state: 'admitted', admitted: live.admittedState(peer) };
  const lang = peer.socket?.data.lang ?? 'fi';
  return { ...base, state: 'lobby', peerId: peer.peerId, session: live.summary(lang) };
}

/** Takes a peer out; the session closes when nobody is left. Call inside the session's lock. */
export async function dropPeer(ctx: LiveContext, live: LiveSession, peer: LivePeer) {
  ctx.registry.unbind(peer);
  await live.removePeer(peer);
  ctx.registry.closeIfEmpty(live);
}

export function leaveSession(ctx: LiveContext, live: LiveSession, peer: LivePeer) {
  return ctx.registry.locked(live.id, () => dropPeer(ctx, live, peer));
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
      // One join at a time per session: two tabs of one person must not both get in, and a
      // session ending or emptying meanwhile is seen here.
      return registry.locked(sessionId, async () => {
        // The connection went while we checked: nobody to answer, nothing to add.
        if (socket.disconnected) throw new RequestError('live.notInSession', 409);
        let live: LiveSession;
        try {
          live = await registry.open(sessionId, context);
        } catch (error) {
          // Hosted by another process: the browser opens its live socket there (ownership.ts).
          if (!(error instanceof Elsewhere)) throw error;
          return { state: 'elsewhere', nodeUrl: error.nodeUrl, rejoinToken: '', resumed: false };
        }
        const existing = live.peerOfPerson(actor.personId);
        if (existing && rejoinToken && sameToken(existing.rejoinToken, rejoinToken)) {
          return resume(ctx, live, existing, socket);
        }
        if (admission.role !== 'host' && (await wasRemoved(sessionId, actor.personId))) {
          throw new RequestError('live.removed', 403);
        }
        if (existing) {
          // Another tab or device of the same person: that one steps aside.
          existing.socket?.emit('live:replaced', {});
          registry.unbind(existing);
          await live.removePeer(existing);
        }
        return enter(ctx, live, admission, socket);
      });
    });

    handle(socket, log, 'live:leave', async () => {
      const binding = registry.binding(socket);
      if (binding) await leaveSession(ctx, binding.live, binding.peer);
      return null;
    });

    socket.on('disconnect', () => {
      const binding = registry.binding(socket);
      if (!binding) return;
      const { live, peer } = binding;
      peer.socket = null;
      live.participantUpdated(peer);
      peer.graceTimer = setTimeout(() => {
        peer.graceTimer = null;
        void registry
          .locked(live.id, async () => {
            if (!peer.socket) await dropPeer(ctx, live, peer);
          })
          .catch((error: unknown) => log.warn({ err: error }, 'live leave failed'));
      }, ctx.graceMs);
    });
  };
}

async function enter(
  ctx: LiveContext,
  live: LiveSession,
  { role, observer, name, interpreterFor }: Admission,
  socket: RealtimeSocket,
): Promise<JoinResult> {
  const actor = actorOf(socket);
  const peer = new LivePeer(actor.personId, name, role, observer, socket);
  if (interpreterFor) {
    // Invited to interpret: comes in as the interpreter into their language.
    live.interpretation.name(peer.personId, interpreterFor);
    peer.interpreting = interpreterFor;
  }
  live.peers.set(peer.peerId, peer);
  ctx.registry.bind(socket, live, peer);
  if (role === 'host') await sessionStarted(live.context.session, ctx.clock.now());
  const waits =
    role === 'family' &&
    (!live.context.group.autoAdmit || live.settings.locked) &&
    !live.readmit.has(actor.personId);
  if (!waits) await live.admit(peer);
  else live.lobbyChanged();
  if (observer) {
    await audit('session.observed', actor.personId, live.id, { groupId: live.groupId });
  }
  return joinResult(live, peer, false);
}

/** The same peer on a new socket: its place, its lobby position and its media are kept. */
function resume(ctx: LiveContext, live: LiveSession, peer: LivePeer, socket: RealtimeSocket) {
  if (peer.graceTimer) clearTimeout(peer.graceTimer);
  peer.graceTimer = null;
  const previous = peer.socket;
  ctx.registry.unbind(peer);
  peer.socket = socket;
  if (previous && previous !== socket) previous.disconnect(true);
  ctx.registry.bind(socket, live, peer);
  live.participantUpdated(peer);
  return joinResult(live, peer, true);
}

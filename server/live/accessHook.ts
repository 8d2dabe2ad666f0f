// Live peers asked about again when access changes (server/realtime/accessWatch.ts): a peer
// stays only while the policy would admit its person, as the database says now, in the same
// capacity — host, visible trainer, hidden observer, family. Otherwise its media closes at once
// (no grace period) and the client is told why.
import { may } from '../access/policy.ts';
import type { SignedInActor } from '../access/actor.ts';
import { Group } from '../groups/group.model.ts';
import { memberRef } from '../groups/views.ts';
import { translator } from '../i18n/index.ts';
import type { AccessChangeReason } from '../protocol/access.ts';
import type { AccessHook, PersonHook } from '../realtime/accessWatch.ts';
import type { LiveContext } from './handlers/context.ts';
import { leaveSession } from './handlers/join.ts';
import type { LivePeer } from './LivePeer.ts';
import type { LiveSession } from './LiveSession.ts';

async function stillAdmitted(actor: SignedInActor, live: LiveSession, peer: LivePeer) {
  const group = await Group.findById(live.context.group._id).lean();
  if (!group) return false;
  const ref = await memberRef(group, actor.personId);
  if (peer.observer) return may(actor, 'session.observe', ref);
  if (peer.isHost) return may(actor, 'session.moderate', ref);
  return may(actor, 'session.join', ref);
}

async function close(
  ctx: LiveContext,
  live: LiveSession,
  peer: LivePeer,
  reason: AccessChangeReason,
) {
  const socket = peer.socket;
  if (socket) {
    const message = translator(socket.data.lang)(`access.revoked.${reason}`);
    socket.emit('live:removed', { reason: message });
  }
  await leaveSession(ctx, live, peer);
}

export function liveAccessHooks(ctx: LiveContext): { hook: AccessHook; personHook: PersonHook } {
  const hook: AccessHook = async (socket, actor, reason) => {
    const binding = ctx.registry.binding(socket);
    if (!binding) return false;
    if (actor && (await stillAdmitted(actor, binding.live, binding.peer))) return false;
    await close(ctx, binding.live, binding.peer, reason);
    return true;
  };
  // A peer whose connection dropped has no socket to ask about: it does not keep its place.
  const personHook: PersonHook = async (personIds) => {
    for (const live of ctx.registry.all()) {
      for (const peer of [...live.peers.values()]) {
        if (!peer.socket && personIds.includes(peer.personId)) await leaveSession(ctx, live, peer);
      }
    }
  };
  return { hook, personHook };
}

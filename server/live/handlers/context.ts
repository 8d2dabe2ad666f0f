// What every live handler gets, and the checks they share: is this socket an admitted peer,
// is it a host, is the named peer someone visible in the same session.
import type { Logger } from 'pino';
import { may } from '../../access/policy.ts';
import type { SignedInActor } from '../../access/actor.ts';
import { RequestError } from '../../errors.ts';
import type { Clock } from '../../reminders/runner.ts';
import type { RealtimeSocket } from '../../realtime/socket.ts';
import type { LivePeer } from '../LivePeer.ts';
import type { LiveSession } from '../LiveSession.ts';
import type { Binding, LiveRegistry } from '../registry.ts';

export interface LiveContext {
  registry: LiveRegistry;
  log: Logger;
  clock: Clock;
  /** How long a dropped connection keeps its place before the peer is removed. */
  graceMs: number;
  /** The shortest breakout the host may set (1 minute; less only in tests). */
  breakoutMinMinutes: number;
}

export const actorOf = (socket: RealtimeSocket) => socket.data.actor as SignedInActor;

/** This socket's admitted peer (observers included). */
export function member(ctx: LiveContext, socket: RealtimeSocket): Binding {
  const binding = ctx.registry.binding(socket);
  if (!binding?.peer.admitted) throw new RequestError('live.notInSession', 409);
  return binding;
}

/** This socket's peer, when it may moderate (the group's lead or co-facilitator). */
export function moderator(ctx: LiveContext, socket: RealtimeSocket): Binding {
  const binding = member(ctx, socket);
  if (!may(actorOf(socket), 'session.moderate', binding.live.context.ref)) {
    throw new RequestError('forbidden', 403);
  }
  return binding;
}

/** A participant everyone sees; observers and people in the lobby are not targets. */
export function visiblePeer(live: LiveSession, peerId: string): LivePeer {
  const peer = live.peers.get(peerId);
  if (!peer?.visible) throw new RequestError('live.peerNotFound', 404);
  return peer;
}

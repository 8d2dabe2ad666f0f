// The lobby, from the host's side: admit one or everyone, send a short note to someone waiting.
import { RequestError } from '../../errors.ts';
import { handle } from '../../realtime/handle.ts';
import type { RealtimeFeature } from '../../realtime/socket.ts';
import type { LivePeer } from '../LivePeer.ts';
import type { LiveSession } from '../LiveSession.ts';
import { moderator, type LiveContext } from './context.ts';

function waiting(live: LiveSession, peerId: string) {
  const peer = live.peers.get(peerId);
  if (!peer || peer.state !== 'lobby') throw new RequestError('live.peerNotFound', 404);
  return peer;
}

/** Admits these waiting peers and tells each (call inside the session's lock). */
export async function letIn(live: LiveSession, peers: LivePeer[]): Promise<void> {
  for (const peer of peers) {
    await live.admit(peer);
    peer.socket?.emit('live:admitted', live.admittedState(peer));
  }
  live.lobbyChanged();
}

export function lobbyFeature(ctx: LiveContext): RealtimeFeature {
  return (socket) => {
    handle(socket, ctx.log, 'live:admit', async ({ peerId }) => {
      const { live } = moderator(ctx, socket);
      return ctx.registry.locked(live.id, async () => {
        const targets =
          peerId === 'all'
            ? [...live.peers.values()].filter((p) => p.state === 'lobby')
            : [waiting(live, peerId)];
        await letIn(live, targets);
        return { admitted: targets.length };
      });
    });

    handle(socket, ctx.log, 'live:lobbyMessage', async ({ peerId, text }) => {
      const { live } = moderator(ctx, socket);
      waiting(live, peerId).socket?.emit('live:lobbyMessage', { text });
      return null;
    });
  };
}

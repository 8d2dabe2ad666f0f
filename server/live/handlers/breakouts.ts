// Breakout rooms: hosts split, open, move (a visit is moving oneself), broadcast and close;
// members chat within their room. The chat is not stored: it exists only for those in the room
// at that moment, like the hosts' whispers. What the SFU forwards follows every change at once
// (breakouts.ts publishBreakouts → LiveSession.enforceAudiences).
import { RequestError } from '../../errors.ts';
import { Group } from '../../groups/group.model.ts';
import { handle } from '../../realtime/handle.ts';
import type { RealtimeFeature } from '../../realtime/socket.ts';
import type { BreakoutMessage } from '../../protocol/breakouts.ts';
import { publishBreakouts, splitPeople } from '../breakouts.ts';
import type { LivePeer } from '../LivePeer.ts';
import type { LiveSession } from '../LiveSession.ts';
import { member, moderator, type LiveContext } from './context.ts';

/**
 * Someone a host may put in a room: anyone admitted. A hidden observer only while the group
 * allows observation (asked of the database now) — and once in a room they are listed there.
 */
async function movable(live: LiveSession, peerId: string): Promise<LivePeer> {
  const peer = live.peers.get(peerId);
  if (!peer?.admitted) throw new RequestError('live.peerNotFound', 404);
  if (peer.observer) {
    const group = await Group.findById(live.context.group._id, { observationAllowed: 1 }).lean();
    if (!group?.observationAllowed) throw new RequestError('live.observationNotAllowed', 403);
  }
  return peer;
}

function emitTo(live: LiveSession, audience: (p: LivePeer) => boolean, message: BreakoutMessage) {
  for (const peer of live.peers.values()) {
    if (peer.admitted && audience(peer)) peer.socket?.emit('live:breakoutMessage', message);
  }
}

export function breakoutFeature(ctx: LiveContext): RealtimeFeature {
  return (socket) => {
    const { log, clock } = ctx;

    handle(socket, log, 'live:breakoutOpen', async ({ minutes, split }) => {
      const { live } = moderator(ctx, socket);
      if (minutes < ctx.breakoutMinMinutes) throw new RequestError('live.breakoutTooShort', 400);
      return ctx.registry.locked(live.id, async () => {
        if (live.breakouts.open) throw new RequestError('live.breakoutsOpen', 409);
        let groups: string[][];
        if (split.by === 'hand') {
          const seen = new Set<string>();
          groups = [];
          for (const room of split.rooms) {
            const people: string[] = [];
            for (const peerId of room) {
              const peer = await movable(live, peerId);
              if (seen.has(peer.personId)) throw new RequestError('live.breakoutTwice', 400);
              seen.add(peer.personId);
              people.push(peer.personId);
            }
            groups.push(people);
          }
        } else {
          // Automatic: everyone seen in the room but the hosts (they visit); never an observer.
          const people = [...live.peers.values()].filter((p) => p.visible && !p.isHost);
          const personOf = (peerId: string) => live.peers.get(peerId)?.personId ?? peerId;
          const apart = split.apart.map(([a, b]) => [personOf(a), personOf(b)] as [string, string]);
          if (people.length < 2) throw new RequestError('live.breakoutTooFew', 409);
          groups = splitPeople(
            people.map((p) => p.personId),
            split,
            apart,
          );
        }
        live.breakouts.start(groups, minutes, clock.now(), {
          warning: () => publishBreakouts(live),
          end: () => {
            live.breakouts.stop();
            publishBreakouts(live);
          },
        });
        publishBreakouts(live);
        return { rooms: groups.length };
      });
    });

    handle(socket, log, 'live:breakoutMove', async ({ peerId, roomId }) => {
      const { live } = moderator(ctx, socket);
      if (!live.breakouts.open) throw new RequestError('live.breakoutsClosed', 409);
      if (roomId && !live.breakouts.has(roomId)) throw new RequestError('live.noSuchRoom', 404);
      const peer = roomId ? await movable(live, peerId) : live.peers.get(peerId);
      if (!peer) throw new RequestError('live.peerNotFound', 404);
      live.breakouts.move(peer.personId, roomId);
      publishBreakouts(live);
      return null;
    });

    handle(socket, log, 'live:breakoutClose', async () => {
      const { live } = moderator(ctx, socket);
      if (!live.breakouts.open) return null;
      live.breakouts.stop();
      publishBreakouts(live);
      return null;
    });

    handle(socket, log, 'live:breakoutBroadcast', async ({ text }) => {
      const { live, peer } = moderator(ctx, socket);
      if (!live.breakouts.open) throw new RequestError('live.breakoutsClosed', 409);
      const at = clock.now().toISOString();
      emitTo(live, () => true, {
        from: peer.name,
        fromPeerId: peer.peerId,
        text,
        at,
        broadcast: true,
      });
      return null;
    });

    handle(socket, log, 'live:breakoutChat', async ({ text }) => {
      const { live, peer } = member(ctx, socket);
      if (!live.breakouts.roomOf(peer.personId)) throw new RequestError('live.notInBreakout', 409);
      const at = clock.now().toISOString();
      const message = { from: peer.name, fromPeerId: peer.peerId, text, at, broadcast: false };
      emitTo(live, live.roomOf(peer), message);
      return null;
    });
  };
}

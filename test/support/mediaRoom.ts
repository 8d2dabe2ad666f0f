// A plain media room for browser tests of the SFU path: every socket that connects with
// `auth.testRoom` (signed in) becomes a peer of that room. The product admits peers through live sessions.
import { isSignedIn } from '../../server/access/actor.ts';
import type { Sfu, SfuPeer, SfuRoom } from '../../sfu/index.ts';
import type { MembershipOf } from '../../server/media/handlers.ts';
import type { RealtimeFeature } from '../../server/realtime/socket.ts';

export function testMediaRoom(sfu: Sfu): { admit: RealtimeFeature; membership: MembershipOf } {
  const members = new Map<string, Promise<{ room: SfuRoom; peer: SfuPeer }>>();
  const admit: RealtimeFeature = (socket) => {
    const roomId = (socket.handshake.auth as { testRoom?: unknown }).testRoom;
    if (typeof roomId !== 'string' || !isSignedIn(socket.data.actor)) return;
    const membership = sfu
      .getOrCreateRoom(roomId)
      .then((room) => ({ room, peer: room.addPeer(socket.id) }));
    members.set(socket.id, membership);
    socket.on('disconnect', () => {
      members.delete(socket.id);
      void membership.then(({ room, peer }) => room.removePeer(peer.id));
    });
  };
  return { admit, membership: (socket) => members.get(socket.id) };
}

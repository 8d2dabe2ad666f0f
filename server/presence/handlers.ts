// Presence requests on a socket. Every socket of someone who shares presence is an entry:
// `away` until the tab says `online`, gone when the socket goes. Watching a group is for those
// who may read its chat; the watcher then hears of changes until the socket goes.
import { isValidObjectId } from 'mongoose';
import { gate, may } from '../access/policy.ts';
import { isSignedIn, type SignedInActor } from '../access/actor.ts';
import { RequestError } from '../errors.ts';
import { Group } from '../groups/group.model.ts';
import { memberRef } from '../groups/views.ts';
import type { RoomGuard } from '../realtime/accessWatch.ts';
import { handle } from '../realtime/handle.ts';
import type { RealtimeFeature } from '../realtime/socket.ts';
import { isStaff, membersOf } from './members.ts';
import { presenceKey, staffRoom, watchRoom, type PresenceService } from './service.ts';

/**
 * What a person may watch of a group, as the database says now: null when nothing; the staff
 * room as well for the group's own facilitators and trainer (holding the role behind it).
 */
export async function watchAccess(actor: SignedInActor, groupId: string) {
  const group = await Group.findById(groupId).lean();
  if (!group) return null;
  const ref = await memberRef(group, actor.personId);
  if (!may(actor, 'chat.read', ref)) return null;
  const staff = isStaff(group, actor.personId) && may(actor, 'group.roster', ref);
  return {
    group,
    staff,
    rooms: staff ? [watchRoom(groupId), staffRoom(groupId)] : [watchRoom(groupId)],
  };
}

export const presenceRoomGuard: RoomGuard = {
  owns: (room) => room.startsWith('presence:'),
  async allows(actor, room) {
    const groupId = room.split(':')[1] ?? '';
    if (!isValidObjectId(groupId)) return false;
    return (await watchAccess(actor, groupId))?.rooms.includes(room) ?? false;
  },
};

export function presenceFeature(presence: PresenceService): RealtimeFeature {
  return (socket) => {
    const { actor } = socket.data;
    const entry = `socket:${socket.id}`;
    if (isSignedIn(actor) && gate(actor, 'presence.share') === 'allowed') {
      const { personId } = actor;
      void presence.update(personId, entry, 'away');
      socket.on('disconnect', () => void presence.update(personId, entry, null));
    }

    handle(socket, presence.log, 'presence:set', async ({ state }) => {
      await presence.update((actor as SignedInActor).personId, entry, state);
      return {};
    });

    handle(socket, presence.log, 'presence:watch', async ({ groupId }) => {
      // Asked of the actor as it is now: access may have changed since the handshake.
      const access = await watchAccess(socket.data.actor as SignedInActor, groupId);
      // A group one may not see answers exactly like one that does not exist (as its chat).
      if (!access) throw new RequestError('chat.notFound', 404);
      const members = await membersOf(access.group, access.staff);
      // Join before reading: a change in between then arrives as an event, not lost.
      await socket.join(access.rooms);
      const states = await presence.states(members.map((m) => m.personId));
      return {
        groupId,
        members: members.map((m) => ({
          key: presenceKey(groupId, m.personId),
          name: m.name,
          role: m.role,
          state: states.get(m.personId) ?? 'offline',
        })),
      };
    });
  };
}

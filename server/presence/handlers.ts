// Presence requests on a socket. Every socket of someone who shares presence is an entry:
// `away` until the tab says `online`, gone when the socket goes. Watching a group is for those
// who may read its chat; the watcher then hears of changes until the socket goes.
import { gate, may } from '../access/policy.ts';
import { isSignedIn, type SignedInActor } from '../access/actor.ts';
import { RequestError } from '../errors.ts';
import { Group } from '../groups/group.model.ts';
import { memberRef } from '../groups/views.ts';
import { handle } from '../realtime/handle.ts';
import type { RealtimeFeature } from '../realtime/socket.ts';
import { isStaff, membersOf } from './members.ts';
import { presenceKey, staffRoom, watchRoom, type PresenceService } from './service.ts';

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
      const me = actor as SignedInActor;
      const group = await Group.findById(groupId).lean();
      // A group one may not see answers exactly like one that does not exist (as its chat).
      if (!group || !may(me, 'chat.read', await memberRef(group, me.personId))) {
        throw new RequestError('chat.notFound', 404);
      }
      const staff = isStaff(group, me.personId);
      const members = await membersOf(group, staff);
      // Join before reading: a change in between then arrives as an event, not lost.
      await socket.join(staff ? [watchRoom(groupId), staffRoom(groupId)] : watchRoom(groupId));
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

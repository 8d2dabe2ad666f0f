// Watching groups over Socket.IO: a socket joins `groupwatch:<id>` for each group it may see, and
// hears `group:changed` when the group's enrolments or sessions change. With the Redis adapter the
// event reaches watchers on every server process.
import { isValidObjectId } from 'mongoose';
import type { Logger } from 'pino';
import type { SignedInActor } from '../access/actor.ts';
import type { RoomGuard } from '../realtime/accessWatch.ts';
import { handle } from '../realtime/handle.ts';
import type { RealtimeFeature, RealtimeServer } from '../realtime/socket.ts';
import { onGroupChange } from './changes.ts';
import { visibleGroup } from './routes.ts';

const PREFIX = 'groupwatch:';
const roomOf = (groupId: string) => `${PREFIX}${groupId}`;

async function mayWatch(actor: SignedInActor, groupId: string): Promise<boolean> {
  return visibleGroup(groupId, actor).then(
    () => true,
    () => false,
  );
}

export const groupWatchGuard: RoomGuard = {
  owns: (room) => room.startsWith(PREFIX),
  allows(actor, room) {
    const groupId = room.slice(PREFIX.length);
    return isValidObjectId(groupId) ? mayWatch(actor, groupId) : Promise.resolve(false);
  },
};

export function groupWatch(log: Logger): {
  feature: RealtimeFeature;
  attach(io: RealtimeServer): () => void;
} {
  return {
    feature: (socket) => {
      handle(socket, log, 'group:watch', async ({ groupIds }) => {
        const actor = socket.data.actor as SignedInActor;
        const ids = [...new Set(groupIds)];
        const allowed = await Promise.all(ids.map((id) => mayWatch(actor, id)));
        const watching = ids.filter((_, i) => allowed[i]);
        await socket.join(watching.map(roomOf));
        return { watching };
      });
    },
    attach: (io) =>
      onGroupChange((groupId, what) =>
        io.to(roomOf(groupId)).emit('group:changed', { groupId, what }),
      ),
  };
}

// The chat's rooms, asked about again when access changes: a reader must still be allowed to
// read the channel, a moderator to moderate it.
import type { RoomGuard } from '../realtime/accessWatch.ts';
import { channelIdSchema } from '../protocol/chat.ts';
import { currentAccess } from './channels.ts';

const ROOM = /^(chat|chatmod):(.+)$/;

export const chatRoomGuard: RoomGuard = {
  owns: (room) => ROOM.test(room),
  async allows(actor, room) {
    const [, kind, channelId] = ROOM.exec(room) ?? [];
    const channel = channelIdSchema.safeParse(channelId);
    if (!channel.success) return false;
    const access = await currentAccess(actor, channel.data);
    return access !== null && (kind === 'chat' || access.canModerate);
  },
};

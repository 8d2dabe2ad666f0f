// Changing messages: edit and delete one's own, hide (a group's facilitators), report (members).
import { Types } from 'mongoose';
import { RequestError } from '../../errors.ts';
import { handle } from '../../realtime/handle.ts';
import { channelAccess, checkChannel } from '../channels.ts';
import { toView, type MessageDoc } from '../message.model.ts';
import { noticeOfReport } from '../notices.ts';
import { ChatReport, chatReportId } from '../report.model.ts';
import { changeMessage, findMessage } from '../store.ts';
import { broadcastUpdate, type ChatContext } from './context.ts';
import { isDuplicateKey } from '../../db/claims.ts';

const missing = () => new RequestError('chat.messageNotFound', 404);

export function editingRequests(ctx: ChatContext): void {
  const { socket, log, actor } = ctx;

  /** Changes the sender's own, undeleted message. */
  const changeOwn = async (
    channelId: string,
    seq: number,
    change: (m: MessageDoc) => Partial<MessageDoc>,
  ) => {
    const changed = await changeMessage(channelId, seq, (m) => {
      if (String(m.senderId) !== actor().personId) throw new RequestError('chat.notYours', 403);
      if (m.deleted) throw new RequestError('chat.deleted', 409);
      return change(m);
    });
    if (!changed) throw missing();
    broadcastUpdate(ctx, changed);
    return changed;
  };

  handle(socket, log, 'chat:edit', async ({ channelId, seq, text }) => {
    // An edit is broadcast like a message: it spends from the same budget.
    if (!ctx.allow(actor().personId)) throw new RequestError('rateLimited', 429);
    const access = await checkChannel(actor(), channelId, 'chat.post');
    const changed = await changeOwn(access.key, seq, (m) =>
      m.text === text ? {} : { text, editedAt: new Date(), lang: socket.data.lang },
    );
    return toView(changed, access.canModerate);
  });

  handle(socket, log, 'chat:delete', async ({ channelId, seq }) => {
    // Leaving a group does not take away the right to delete what one wrote there.
    const access = await channelAccess(actor(), channelId);
    const changed = await changeOwn(access.key, seq, () => ({ deleted: true, text: '' }));
    return toView(changed, access.canModerate);
  });

  handle(socket, log, 'chat:hide', async ({ channelId, seq, hidden }) => {
    const access = await channelAccess(actor(), channelId);
    if (!access.canModerate) throw new RequestError('chat.notAllowed', 403);
    const changed = await changeMessage(access.key, seq, (m) =>
      m.hidden === hidden
        ? null
        : { hidden, hiddenBy: hidden ? new Types.ObjectId(actor().personId) : null },
    );
    if (!changed) throw missing();
    broadcastUpdate(ctx, changed);
    return toView(changed, true);
  });

  handle(socket, log, 'chat:report', async ({ channelId, seq, reason, note }) => {
    const access = await channelAccess(actor(), channelId);
    const me = actor().personId;
    const message = await findMessage(access.key, seq);
    if (!message || message.deleted) throw missing();
    // Reports go to a group's facilitators and trainer: there must be a group, and someone else.
    if (!access.group || String(message.senderId) === me)
      throw new RequestError('chat.notAllowed', 403);
    const _id = chatReportId(me, access.key, seq);
    const existing = await ChatReport.exists({ _id });
    if (!existing) {
      try {
        await ChatReport.create({
          _id,
          channelId: access.key,
          seq,
          groupId: access.group._id,
          reporterId: me,
          reason,
          note,
          textAtReport: message.text,
          senderName: message.senderName,
          senderId: message.senderId,
        });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    await noticeOfReport(access, _id, me);
    return { reported: true as const };
  });
}

// Telling people about chat beyond the chat itself: a report reaches the group's facilitators and
// trainer, a mention of the facilitators reaches them — as in-app notifications (the bell).
// Notification ids are derived from the event (an HMAC: they name nobody), so a retried request
// notifies once.
import { opaqueId } from '../privacy/opaqueId.ts';
import { notify } from '../reminders/notification.model.ts';
import type { ChannelAccess } from './channels.ts';

async function notifyAll(
  ids: string[],
  key: string,
  kind: string,
  groupId: unknown,
): Promise<void> {
  for (const personId of new Set(ids)) {
    await notify(opaqueId(kind, key, personId), { personId, kind, groupId });
  }
}

/** The facilitators and trainer hear of a report (not the reporter). */
export async function noticeOfReport(
  access: ChannelAccess,
  reportId: string,
  reporterId: string,
): Promise<void> {
  if (!access.group) return;
  const staff = [...access.facilitatorIds, ...(access.trainerId ? [access.trainerId] : [])];
  await notifyAll(
    staff.filter((id) => id !== reporterId),
    reportId,
    'chat-report',
    access.group._id,
  );
}

export async function noticeOfMention(
  access: ChannelAccess,
  messageId: string,
  senderId: string,
): Promise<void> {
  if (!access.group) return;
  await notifyAll(
    access.facilitatorIds.filter((id) => id !== senderId),
    messageId,
    'chat-mention',
    access.group._id,
  );
}

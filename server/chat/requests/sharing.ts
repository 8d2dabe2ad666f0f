// Sharing a service directory entry into a group's channel: those who run the group post it as
// an ordinary message (same sending path, retries, rate limit) that carries the entry's card.
import { Types } from 'mongoose';
import { may } from '../../access/policy.ts';
import { DirectoryEntry } from '../../directory/entry.model.ts';
import { cardText, toCard, toEntryInfos } from '../../directory/views.ts';
import { forbidden, RequestError } from '../../errors.ts';
import { memberRef } from '../../groups/views.ts';
import { handle } from '../../realtime/handle.ts';
import { checkChannel } from '../channels.ts';
import type { ChatContext } from './context.ts';
import { post } from './messaging.ts';

export function sharingRequests(ctx: ChatContext): void {
  const { socket, log, actor } = ctx;

  handle(socket, log, 'chat:shareEntry', async ({ groupId, entryId, clientId }) => {
    const key = `group:${groupId}`;
    const access = await checkChannel(actor(), { kind: 'group', id: groupId, key }, 'chat.post');
    if (
      !access.group ||
      !may(actor(), 'directory.share', await memberRef(access.group, actor().personId))
    )
      throw forbidden();
    const entry = await DirectoryEntry.findById(new Types.ObjectId(entryId)).lean();
    if (!entry) throw new RequestError('directory.entryNotFound', 404);
    const [info] = await toEntryInfos([entry], actor(), new Date());
    if (!info) throw new RequestError('directory.entryNotFound', 404);
    const card = toCard(info);
    return post(ctx, access, { clientId, text: cardText(card), entry: card });
  });
}

// The conversations list: every channel a person can read outside live sessions, with unread
// counts; and opening a direct conversation about a group (one per pair, found or created).
import { findByIds } from '../db/byIds.ts';
import type { SignedInActor } from '../access/actor.ts';
import { may } from '../access/policy.ts';
import { RequestError } from '../errors.ts';
import { linkedGroupIds } from '../groups/memberships.ts';
import { facilitatorIds, Group, type GroupDoc } from '../groups/group.model.ts';
import { memberRef } from '../groups/views.ts';
import { Person, type PersonDoc } from '../people/person.model.ts';
import { opaqueId } from '../privacy/opaqueId.ts';
import {
  FACILITATOR_ANNOUNCEMENTS,
  type ConversationSummary,
  type ChannelKind,
} from '../protocol/chat.ts';
import { channelAccess, directAccess, type ChannelAccess } from './channels.ts';
import {
  Conversation,
  conversationIdsOf,
  conversationOfPair,
  createConversation,
  type ConversationDoc,
} from './conversation.model.ts';
import { toView } from './message.model.ts';
import { readSeqs } from './readMarker.model.ts';
import { latestMessage, unreadCount } from './store.ts';
import { isDuplicateKey } from '../db/claims.ts';

/** The names listed as the reader's language lists them ("Aino, Basma ja Ulla"). */
const names = async (ids: unknown[], lang: string) => {
  const people = await findByIds<PersonDoc>(Person, ids, { displayName: 1 });
  return new Intl.ListFormat(lang, { type: 'conjunction' }).format(
    people.map((p) => p.displayName),
  );
};

async function counterpartOf(
  conversation: ConversationDoc,
  access: ChannelAccess,
  lang: string,
): Promise<ConversationSummary['counterpart']> {
  if (conversation.kind === 'alongside') {
    return access.role === 'family'
      ? { role: 'volunteer', name: await names([conversation.facilitatorId], lang) }
      : { role: 'family', name: await names([conversation.familyId], lang) };
  }
  if (conversation.kind === 'supervision') {
    return access.role === 'trainer'
      ? { role: 'facilitator', name: await names([conversation.facilitatorId], lang) }
      : { role: 'trainer', name: await names([conversation.trainerId], lang) };
  }
  return access.role === 'family'
    ? { role: 'facilitators', name: await names(access.facilitatorIds, lang) }
    : { role: 'family', name: await names([conversation.familyId], lang) };
}

async function summarise(
  actor: SignedInActor,
  access: ChannelAccess,
  readSeq: number,
  conversation: ConversationDoc | null,
): Promise<ConversationSummary> {
  const latest = await latestMessage(access.key);
  const last = latest ? toView(latest, access.canModerate) : null;
  return {
    channelId: access.key,
    kind: access.kind as Exclude<ChannelKind, 'session'>,
    group: access.group
      ? {
          id: String(access.group._id),
          title: access.group.title.map((t) => ({ lang: t.lang ?? '', text: t.text ?? '' })),
        }
      : null,
    counterpart: conversation ? await counterpartOf(conversation, access, actor.lang) : null,
    lastSeq: latest?.seq ?? 0,
    readSeq,
    unread:
      latest && latest.seq > readSeq ? await unreadCount(access.key, actor.personId, readSeq) : 0,
    lastMessage: last && {
      senderName: last.senderName,
      text: last.text,
      sentAt: last.sentAt,
      deleted: last.deleted,
      hidden: last.hidden,
    },
    canPost: access.canPost,
  };
}

async function myGroups(actor: SignedInActor): Promise<GroupDoc[]> {
  const me = actor.personId;
  const { lead, co, trainer, confirmed } = await linkedGroupIds(me);
  const groups = await findByIds<GroupDoc>(Group, [...lead, ...co, ...trainer, ...confirmed]);
  return groups.filter((g) => g.status !== 'draft');
}

export async function listConversations(actor: SignedInActor): Promise<ConversationSummary[]> {
  const me = actor.personId;
  const groups = await myGroups(actor);
  const facilitated = groups.filter((g) => facilitatorIds(g).includes(me)).map((g) => g._id);
  const conversations = await findByIds<ConversationDoc>(
    Conversation,
    await conversationIdsOf(me, facilitated),
  );
  const entries: { access: ChannelAccess; conversation: ConversationDoc | null }[] = [];
  for (const group of groups) {
    const access = await channelAccess(actor, {
      kind: 'group',
      id: String(group._id),
      key: `group:${String(group._id)}`,
    }).catch(() => null);
    if (access) entries.push({ access, conversation: null });
  }
  for (const conversation of conversations) {
    const access = await directAccess(actor, conversation, `direct:${String(conversation._id)}`);
    if (access) entries.push({ access, conversation });
  }
  const announcements = await channelAccess(actor, {
    kind: 'announcements',
    id: 'facilitators',
    key: FACILITATOR_ANNOUNCEMENTS,
  }).catch(() => null);
  if (announcements) entries.push({ access: announcements, conversation: null });

  const reads = await readSeqs(
    me,
    entries.map((e) => e.access.key),
  );
  const summaries = await Promise.all(
    entries.map(({ access, conversation }) =>
      summarise(actor, access, reads.get(access.key) ?? 0, conversation),
    ),
  );
  // An empty direct conversation is shown only to whoever opened it.
  const shown = summaries.filter(
    (s, i) =>
      s.kind !== 'direct' || s.lastSeq > 0 || String(entries[i]!.conversation?.openedBy) === me,
  );
  const at = (s: ConversationSummary) => s.lastMessage?.sentAt ?? '';
  return shown.sort((a, b) => at(b).localeCompare(at(a)));
}

const notFound = () => new RequestError('chat.notFound', 404);

/** Who the actor would talk to about this group, and the pair's key; refuses anyone else. */
async function pairFor(actor: SignedInActor, groupId: string, partner: string) {
  const group = await Group.findById(groupId).lean();
  if (!group) throw notFound();
  const ref = await memberRef(group, actor.personId);
  if (!may(actor, 'chat.read', ref)) throw notFound();
  const me = actor.personId;
  const runs = ref.facilitatorIds.includes(me);
  // A partnership table talks in its shared channel: no families' support threads there.
  const support = ref.enrolled && !runs && group.kind !== 'partnership';
  if (partner === 'facilitators' && support)
    return { kind: 'support', pairKey: opaqueId('support', groupId, me), familyId: me };
  const supervision = (facilitatorId: unknown, trainerId: unknown) =>
    facilitatorId && trainerId && String(facilitatorId) !== String(trainerId)
      ? {
          kind: 'supervision',
          pairKey: opaqueId('supervision', facilitatorId, trainerId),
          facilitatorId,
          trainerId,
        }
      : null;
  const trainer = ref.trainerId === me;
  const pair =
    partner === 'trainer' && runs
      ? supervision(me, group.trainerId)
      : partner === 'lead' && trainer
        ? supervision(group.leadFacilitatorId, me)
        : partner === 'coFacilitator' && trainer
          ? supervision(group.coFacilitatorId, me)
          : null;
  if (!pair) throw new RequestError('chat.noSuchPartner', 404);
  return pair;
}

export async function openDirect(
  actor: SignedInActor,
  groupId: string,
  partner: string,
): Promise<ConversationSummary> {
  const pair = await pairFor(actor, groupId, partner);
  let conversation = await conversationOfPair(pair.pairKey);
  if (!conversation) {
    try {
      conversation = await createConversation({ ...pair, groupId, openedBy: actor.personId });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      conversation = await conversationOfPair(pair.pairKey); // another tab made it just now
    }
  }
  if (!conversation) throw notFound();
  const key = `direct:${String(conversation._id)}`;
  const access = await directAccess(actor, conversation, key);
  if (!access) throw notFound();
  const reads = await readSeqs(actor.personId, [key]);
  return summarise(actor, access, reads.get(key) ?? 0, conversation);
}

/** The people on the other side of a direct conversation (to tell them it has news). */
export async function directParties(conversationId: string): Promise<string[]> {
  const conversation = await Conversation.findById(conversationId).lean();
  if (!conversation) return [];
  if (conversation.kind === 'supervision')
    return [conversation.facilitatorId, conversation.trainerId].filter(Boolean).map(String);
  if (conversation.kind === 'alongside')
    return [conversation.familyId, conversation.facilitatorId].filter(Boolean).map(String);
  const group = await Group.findById(conversation.groupId).lean();
  return [String(conversation.familyId), ...(group ? facilitatorIds(group) : [])];
}

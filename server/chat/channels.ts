// Who may read, post and moderate in a channel, decided from the database on every request:
// - a group's channel and its sessions' chats: facilitators and confirmed families; the trainer
//   reads; the group's facilitators moderate;
// - a direct conversation: its family and the group's current facilitators, or a facilitator and
//   their trainer;
// - the facilitators' announcements: facilitators, trainers and coordinators read; coordinators post.
// A channel one may not read answers exactly like one that does not exist.
import { isValidObjectId } from 'mongoose';
import { onAccessChange } from '../access/changes.ts';
import { may } from '../access/policy.ts';
import type { SignedInActor } from '../access/actor.ts';
import { RequestError } from '../errors.ts';
import { Group, type GroupDoc } from '../groups/group.model.ts';
import { memberRef } from '../groups/views.ts';
import { wasRemoved } from '../live/removal.model.ts';
import type { ChannelKind, SenderRole } from '../protocol/chat.ts';
import { GroupSession } from '../sessions/groupSession.model.ts';
import { Conversation, type ConversationDoc } from './conversation.model.ts';

export interface ChannelName {
  kind: ChannelKind;
  id: string;
  key: string;
}

export interface ChannelAccess {
  key: string;
  kind: ChannelKind;
  /** The group the channel belongs to or is about (none for announcements and supervision). */
  group: GroupDoc | null;
  /** How the actor appears in this channel. */
  role: SenderRole;
  canPost: boolean;
  canModerate: boolean;
  /** Who hears of reports and mentions. */
  facilitatorIds: string[];
  trainerId: string | null;
}

const notFound = () => new RequestError('chat.notFound', 404);
const STAFF_ROLES = ['facilitator', 'trainer', 'coordinator'] as const;

async function groupChannel(
  actor: SignedInActor,
  channel: ChannelName,
): Promise<ChannelAccess | null> {
  let groupId: unknown = channel.id;
  if (channel.kind === 'session') {
    const session = await GroupSession.findById(channel.id, { groupId: 1 }).lean();
    groupId = session?.groupId;
  }
  const group = groupId ? await Group.findById(groupId).lean() : null;
  if (!group) return null;
  const ref = await memberRef(group, actor.personId);
  if (!may(actor, 'chat.read', ref)) return null;
  const runs = ref.facilitatorIds.includes(actor.personId);
  // Someone removed from a live session may read its chat (it was said to them) but not write.
  const removed = channel.kind === 'session' && (await wasRemoved(channel.id, actor.personId));
  return {
    key: channel.key,
    kind: channel.kind,
    group,
    // At a partnership table coordinators show as such; partners, like families, need no badge.
    role:
      group.kind === 'partnership' && actor.roles.includes('coordinator')
        ? 'coordinator'
        : runs
          ? 'facilitator'
          : ref.trainerId === actor.personId
            ? 'trainer'
            : 'family',
    canPost: may(actor, 'chat.post', ref) && !removed,
    canModerate: may(actor, 'chat.moderate', ref),
    facilitatorIds: ref.facilitatorIds,
    trainerId: ref.trainerId,
  };
}

/**
 * A walk-alongside pair's conversation: the family always reads it, the volunteer only while the
 * pairing lasts (its group is ended with the pairing); nobody writes after that.
 */
async function alongsideAccess(
  me: string,
  conversation: ConversationDoc,
  key: string,
): Promise<ChannelAccess | null> {
  const volunteerId = String(conversation.facilitatorId);
  const isFamily = String(conversation.familyId) === me;
  if (!isFamily && volunteerId !== me) return null;
  const group = await Group.findById(conversation.groupId, { status: 1 }).lean();
  const active = !!group && group.status !== 'ended';
  if (!isFamily && !active) return null;
  return {
    key,
    kind: 'direct',
    group: null,
    role: isFamily ? 'family' : 'facilitator',
    canPost: active,
    canModerate: false,
    facilitatorIds: [volunteerId],
    trainerId: null,
  };
}

/** A direct conversation as seen by one of its parties (null for anyone else). */
export async function directAccess(
  actor: SignedInActor,
  conversation: ConversationDoc,
  key: string,
): Promise<ChannelAccess | null> {
  const me = actor.personId;
  if (conversation.kind === 'alongside') return alongsideAccess(me, conversation, key);
  if (conversation.kind === 'supervision') {
    const mine = [String(conversation.facilitatorId), String(conversation.trainerId)];
    if (!mine.includes(me)) return null;
    return {
      key,
      kind: 'direct',
      group: null,
      role: String(conversation.trainerId) === me ? 'trainer' : 'facilitator',
      canPost: true,
      canModerate: false,
      facilitatorIds: [],
      trainerId: null,
    };
  }
  const group = await Group.findById(conversation.groupId).lean();
  if (!group) return null;
  const ref = await memberRef(group, me);
  const isFamily = String(conversation.familyId) === me;
  const runs = ref.facilitatorIds.includes(me);
  if (!isFamily && !runs) return null;
  return {
    key,
    kind: 'direct',
    group,
    role: runs ? 'facilitator' : 'family',
    // A family that left the group can still read what was said, not write.
    canPost: runs || ref.enrolled,
    canModerate: false,
    facilitatorIds: ref.facilitatorIds,
    trainerId: ref.trainerId,
  };
}

function announcements(actor: SignedInActor, key: string): ChannelAccess | null {
  if (!actor.roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r))) return null;
  const coordinator = actor.roles.includes('coordinator');
  return {
    key,
    kind: 'announcements',
    group: null,
    role: coordinator ? 'coordinator' : actor.roles.includes('trainer') ? 'trainer' : 'facilitator',
    canPost: coordinator,
    canModerate: false,
    facilitatorIds: [],
    trainerId: null,
  };
}

/**
 * Access worked out in the last few seconds, by person and channel: a busy chat asks on every
 * message, and this database answers membership questions by scanning. A change of membership
 * takes effect within ACCESS_TTL_MS.
 */
const ACCESS_TTL_MS = 5000;
const recent = new Map<string, { access: ChannelAccess; until: number }>();
const forget = (personId: string) => {
  for (const key of recent.keys()) if (key.startsWith(`${personId}|`)) recent.delete(key);
};
// A change said in this process (a pairing ended, a role taken) is not waited out: the people's
// remembered answers go at once, whatever channels their sockets have open.
onAccessChange(({ personIds }) => personIds?.forEach(forget));

/** The actor's access to a channel; throws "not found" when they may not read it. */
export async function channelAccess(
  actor: SignedInActor,
  channel: ChannelName,
): Promise<ChannelAccess> {
  const cacheKey = `${actor.personId}|${actor.roles.join(',')}|${channel.key}`;
  const now = Date.now();
  const cached = recent.get(cacheKey);
  if (cached && cached.until > now) return cached.access;
  const access = await workOutAccess(actor, channel);
  if (recent.size > 20_000) recent.clear();
  recent.set(cacheKey, { access, until: now + ACCESS_TTL_MS });
  return access;
}

/**
 * Access as the database says right now, for a socket being asked about again after a change
 * (server/realtime/accessWatch.ts); null when the channel may no longer be read. The person's
 * remembered answers are dropped too, so their next request is decided afresh.
 */
export async function currentAccess(
  actor: SignedInActor,
  channel: ChannelName,
): Promise<ChannelAccess | null> {
  forget(actor.personId);
  try {
    return await workOutAccess(actor, channel);
  } catch (error) {
    if (error instanceof RequestError) return null;
    throw error;
  }
}

async function workOutAccess(actor: SignedInActor, channel: ChannelName): Promise<ChannelAccess> {
  if (channel.kind !== 'announcements' && !isValidObjectId(channel.id)) throw notFound();
  let access: ChannelAccess | null;
  if (channel.kind === 'announcements') access = announcements(actor, channel.key);
  else if (channel.kind === 'direct') {
    const conversation = await Conversation.findById(channel.id).lean();
    access = conversation ? await directAccess(actor, conversation, channel.key) : null;
  } else access = await groupChannel(actor, channel);
  if (!access) throw notFound();
  return access;
}

export async function checkChannel(
  actor: SignedInActor,
  channel: ChannelName,
  action: 'chat.read' | 'chat.post',
): Promise<ChannelAccess> {
  const access = await channelAccess(actor, channel);
  if (action === 'chat.post' && !access.canPost) throw new RequestError('chat.readOnly', 403);
  return access;
}

// Who may read and post in a channel, decided from the database: a group's channel and the
// chats of its sessions belong to its facilitators and confirmed families; its trainer reads.
// A channel one may not read answers exactly like one that does not exist.
import { isValidObjectId } from 'mongoose';
import { may, type LiveGroupRef } from '../access/policy.ts';
import type { SignedInActor } from '../access/actor.ts';
import { RequestError } from '../errors.ts';
import { Enrolment } from '../groups/enrolment.model.ts';
import { facilitatorIds, Group } from '../groups/group.model.ts';
import { GroupSession } from '../sessions/groupSession.model.ts';

export interface ChannelName {
  kind: 'group' | 'session';
  id: string;
  key: string;
}

async function groupOf(channel: ChannelName) {
  if (!isValidObjectId(channel.id)) return null;
  if (channel.kind === 'group') return Group.findById(channel.id).lean();
  const session = await GroupSession.findById(channel.id, { groupId: 1 }).lean();
  return session ? Group.findById(session.groupId).lean() : null;
}

export async function checkChannel(
  actor: SignedInActor,
  channel: ChannelName,
  action: 'chat.read' | 'chat.post',
): Promise<void> {
  const group = await groupOf(channel);
  if (!group) throw new RequestError('chat.notFound', 404);
  const enrolled =
    (await Enrolment.exists({
      groupId: group._id,
      personId: actor.personId,
      status: 'confirmed',
    })) !== null;
  const ref: LiveGroupRef = {
    facilitatorIds: facilitatorIds(group),
    leadFacilitatorId: String(group.leadFacilitatorId),
    trainerId: String(group.trainerId),
    enrolled,
    observationAllowed: group.observationAllowed,
  };
  if (!may(actor, 'chat.read', ref)) throw new RequestError('chat.notFound', 404);
  if (action === 'chat.post' && !may(actor, 'chat.post', ref)) {
    throw new RequestError('chat.readOnly', 403);
  }
}

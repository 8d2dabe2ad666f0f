// Who may enter a live session, and as what. Everything is decided here from the database —
// the session's times and status, the person's confirmed enrolment or role in the group, an
// earlier removal — never from what the client says about itself.
import { isValidObjectId } from 'mongoose';
import { may, type LiveGroupRef } from '../access/policy.ts';
import type { SignedInActor } from '../access/actor.ts';
import { RequestError } from '../errors.ts';
import { Group, type GroupDoc } from '../groups/group.model.ts';
import { memberRef, toUpcoming } from '../groups/views.ts';
import { Person } from '../people/person.model.ts';
import type { LiveRole } from '../protocol/live.ts';
import { sessionState, type SessionState } from '../protocol/sessionState.ts';
import { GroupSession, type GroupSessionDoc } from '../sessions/groupSession.model.ts';
import { wasRemoved } from './removal.model.ts';
import { invitedInterpreter } from './sessionInterpreters.model.ts';

export interface SessionContext {
  session: GroupSessionDoc;
  group: GroupDoc;
  ref: LiveGroupRef;
}

export interface Admission {
  role: LiveRole;
  observer: boolean;
  name: string;
  /** An interpreter invited for this session: named interpreter into this language on entry. */
  interpreterFor?: string;
}

export async function loadSessionContext(
  sessionId: string,
  actor: SignedInActor,
): Promise<SessionContext> {
  const session = isValidObjectId(sessionId) ? await GroupSession.findById(sessionId).lean() : null;
  const group = session ? await Group.findById(session.groupId).lean() : null;
  // A session of a group one may not see is indistinguishable from one that does not exist.
  if (!session || !group) throw new RequestError('live.notFound', 404);
  const ref: LiveGroupRef = {
    ...(await memberRef(group, actor.personId)),
    interpreterFor: await invitedInterpreter(session._id, actor.personId),
  };
  if (!may(actor, 'session.join', ref)) throw new RequestError('live.notFound', 404);
  return { session, group, ref };
}

/** Why a session in this state lets nobody in (null: it is open or live). */
const CLOSED: Partial<Record<SessionState, string>> = {
  cancelled: 'live.cancelled',
  scheduled: 'live.notOpenYet',
};

export async function admit(
  actor: SignedInActor,
  mode: 'participant' | 'observer',
  { session, group, ref }: SessionContext,
  now: Date,
): Promise<Admission> {
  const host = ref.facilitatorIds.includes(actor.personId);
  const trainer = ref.trainerId === actor.personId;
  if (mode === 'observer' && !may(actor, 'session.observe', ref)) {
    throw new RequestError('live.observationNotAllowed', 403);
  }
  const times = toUpcoming(session, group.joinWindowMinutes, host || trainer);
  const state = sessionState(times, now);
  if (state === 'ended') throw new RequestError(session.endedAt ? 'live.ended' : 'live.over', 409);
  const closed = CLOSED[state];
  if (closed)
    throw new RequestError(closed, 409, undefined, { opensAt: new Date(times.joinOpensAt) });
  if (!host && (await wasRemoved(String(session._id), actor.personId))) {
    throw new RequestError('live.removed', 403);
  }
  const person = await Person.findById(actor.personId, { displayName: 1 }).lean();
  const name = person?.displayName ?? '';
  if (host) return { role: 'host', observer: false, name };
  if (trainer) return { role: 'trainer', observer: mode === 'observer', name };
  if (!ref.enrolled && ref.interpreterFor) {
    return { role: 'guest', observer: false, name, interpreterFor: ref.interpreterFor };
  }
  return { role: 'family', observer: false, name };
}

// A facilitator invites someone with an account who is not in the group — a professional
// interpreter, a volunteer from another group — to interpret one session: they may join it,
// come in as the interpreter into their language, and nothing else of the group opens to them.
import type { ApiRouter } from '../http/api.ts';
import { signedIn } from '../http/api.ts';
import type { SignedInActor } from '../access/actor.ts';
import { may } from '../access/policy.ts';
import { audit } from '../audit/audit.model.ts';
import { RequestError } from '../errors.ts';
import { Group } from '../groups/group.model.ts';
import { memberRef } from '../groups/views.ts';
import { namesOf } from '../people/names.ts';
import { personByEmail } from '../people/byEmail.ts';
import { interpreterInvite, type InvitedInterpreter } from '../protocol/live.ts';
import type { Clock } from '../reminders/runner.ts';
import { GroupSession } from '../sessions/groupSession.model.ts';
import { isValidObjectId } from 'mongoose';
import { SessionInterpreters } from './sessionInterpreters.model.ts';

/** More would be a conference, not a peer group. */
const MOST_INTERPRETERS = 6;

async function sessionRunBy(sessionId: string, actor: SignedInActor) {
  const session = isValidObjectId(sessionId) ? await GroupSession.findById(sessionId).lean() : null;
  const group = session ? await Group.findById(session.groupId).lean() : null;
  if (!session || !group) throw new RequestError('live.notFound', 404);
  if (!may(actor, 'session.invite', await memberRef(group, actor.personId)))
    throw new RequestError('live.notFound', 404);
  return session;
}

async function listOf(sessionId: unknown): Promise<InvitedInterpreter[]> {
  const doc = await SessionInterpreters.findById(sessionId).lean();
  const invited = (doc?.interpreters ?? []).filter((i) => i.personId);
  const names = await namesOf(invited.map((i) => i.personId));
  return invited.map((i) => ({
    personId: String(i.personId),
    displayName: names.get(String(i.personId)) ?? '',
    language: i.language,
  }));
}

export function interpreterRoutes(api: ApiRouter, clock: Clock): void {
  api.get(
    '/sessions/:sessionId/interpreters',
    { action: 'session.invite' },
    async ({ actor, params }) => {
      const session = await sessionRunBy(params.sessionId ?? '', signedIn(actor));
      return listOf(session._id);
    },
  );

  api.post(
    '/sessions/:sessionId/interpreters',
    { action: 'session.invite', body: interpreterInvite },
    async ({ actor, params, body }) => {
      const me = signedIn(actor);
      const session = await sessionRunBy(params.sessionId ?? '', me);
      if (session.status === 'cancelled' || session.endedAt || session.endsAt <= clock.now())
        throw new RequestError('live.over', 409);
      const person = await personByEmail(body.email);
      // Only people with an account: the session page needs them signed in.
      if (!person) throw new RequestError('live.noAccount', 404);
      const doc = await SessionInterpreters.findById(session._id).lean();
      const others = (doc?.interpreters ?? []).filter(
        (i) => i.personId && String(i.personId) !== String(person._id),
      );
      if (others.length >= MOST_INTERPRETERS)
        throw new RequestError('live.tooManyInterpreters', 409);
      const entry = {
        personId: person._id,
        language: body.language,
        invitedBy: me.personId,
        invitedAt: clock.now(),
      };
      await SessionInterpreters.updateOne(
        { _id: session._id },
        { $set: { interpreters: [...others, entry] } },
        { upsert: true },
      );
      await audit('session.interpreterInvited', me.personId, String(session._id), {
        interpreter: String(person._id),
        language: body.language,
      });
      return listOf(session._id);
    },
  );

  api.delete(
    '/sessions/:sessionId/interpreters/:personId',
    { action: 'session.invite' },
    async ({ actor, params }) => {
      const me = signedIn(actor);
      const session = await sessionRunBy(params.sessionId ?? '', me);
      const doc = await SessionInterpreters.findById(session._id).lean();
      const kept = (doc?.interpreters ?? []).filter((i) => String(i.personId) !== params.personId);
      if (doc && kept.length !== doc.interpreters.length) {
        await SessionInterpreters.updateOne({ _id: session._id }, { $set: { interpreters: kept } });
        await audit('session.interpreterUninvited', me.personId, String(session._id), {
          interpreter: params.personId ?? '',
        });
      }
      return listOf(session._id);
    },
  );
}

// The applicant's side of a recruitment interview: the personal link from the booking email
// shows when the interview is and lets them into its live session. A pure applicant account (no
// role, no password) is signed in by the link itself; an account with a password is not — the
// link alone must never open an account that has more in it than this interview.
import type { RequestHandler } from 'express';
import { isSignedIn } from '../access/actor.ts';
import { signInAs } from '../auth/routes.ts';
import type { FeatureDeps } from '../deps.ts';
import { RequestError } from '../errors.ts';
import type { ApiRouter } from '../http/api.ts';
import { Person } from '../people/person.model.ts';
import { trainingSchemas, type InterviewEntry, type InterviewInfo } from '../protocol/training.ts';
import { GroupSession } from '../sessions/groupSession.model.ts';
import { applicationByToken } from './interview.ts';

async function interviewOf(token: string, now: Date) {
  const application = await applicationByToken(token, now);
  const session = await GroupSession.findById(application.interviewSessionId).lean();
  if (!session || session.status === 'cancelled' || session.endedAt)
    throw new RequestError('interview.notFound', 404);
  return { application, session };
}

export function interviewRoutes(
  api: ApiRouter,
  deps: FeatureDeps,
  publicLimit: RequestHandler,
): void {
  api.get(
    '/interviews/:token',
    { action: 'recruitment.interview', limits: [publicLimit] },
    async ({ params }): Promise<InterviewInfo> => {
      const { application, session } = await interviewOf(String(params.token), new Date());
      return {
        name: application.name,
        startsAt: session.startsAt.toISOString(),
        endsAt: session.endsAt.toISOString(),
      };
    },
  );

  api.post(
    '/interviews/enter',
    {
      action: 'recruitment.interview',
      body: trainingSchemas.interviewEnter,
      limits: [publicLimit],
    },
    async ({ actor, body, res }): Promise<InterviewEntry> => {
      const { application, session } = await interviewOf(body.token, new Date());
      const personId = String(application.personId);
      const entry = { sessionId: String(session._id) };
      if (isSignedIn(actor) && actor.personId === personId) return entry;
      const person = await Person.findById(personId, { passwordHash: 1, roles: 1 }).lean();
      if (!person) throw new RequestError('interview.notFound', 404);
      if (person.passwordHash || person.roles.length > 0)
        throw new RequestError('interview.signInFirst', 409);
      await signInAs(deps, actor, res, personId);
      return entry;
    },
  );
}

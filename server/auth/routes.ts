// Sign-up, email verification, sign-in, sign-out (here or everywhere) and password reset.
// Answers never reveal whether an email address has an account — neither by what they say nor
// by how long they take (publicPaths.ts).
import { setTimeout } from 'node:timers/promises';
import type { RequestHandler, Response } from 'express';
import { isSignedIn, type Actor } from '../access/actor.ts';
import { audit } from '../audit/audit.model.ts';
import { appLink, type FeatureDeps } from '../deps.ts';
import { RequestError } from '../errors.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { Person, toMe } from '../people/person.model.ts';
import { apiSchemas, type SessionInfo } from '../protocol/api.ts';
import type { LanguageCode } from '../protocol/languages.ts';
import { redeemEmailToken } from './emailToken.model.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { clearSessionCookie, endAllSessions, endSession, startSession } from './sessions.ts';
import { personByEmail } from '../people/byEmail.ts';
import { requestPasswordReset, resendVerification, signUp } from './publicPaths.ts';
import { clientAddress } from './rateLimits.ts';
import { checkAttempt, clearClient, clearFailures, recordFailure } from './throttle.ts';

export async function sessionInfo(actor: Actor): Promise<SessionInfo> {
  if (!isSignedIn(actor)) return { person: null, csrfToken: null };
  const person = await Person.findById(actor.personId).lean();
  return person
    ? { person: toMe(person), csrfToken: actor.csrfToken }
    : { person: null, csrfToken: null };
}

/** Signs a person in on this response: a brand-new session (never reuse one from before). */
export async function signInAs(
  deps: FeatureDeps,
  actor: Actor,
  res: Response,
  personId: string,
): Promise<SessionInfo> {
  if (isSignedIn(actor)) await endSession(actor.sessionId);
  const { csrfToken } = await startSession(res, personId, deps.cookies);
  const person = await Person.findById(personId).lean();
  return { person: person ? toMe(person) : null, csrfToken };
}

export function authRoutes(api: ApiRouter, deps: FeatureDeps, authLimit: RequestHandler): void {
  const { mailer, config } = deps;
  const limits = [authLimit];

  api.get('/auth/session', { action: 'session.read' }, async ({ actor }) => sessionInfo(actor));

  api.post(
    '/auth/sign-up',
    { action: 'account.signUp', body: apiSchemas.signUp, status: 202, limits },
    async ({ body }) => {
      await signUp(deps, body);
      return { status: 'check-email' };
    },
  );

  api.post(
    '/auth/verify-email',
    { action: 'account.verifyEmail', body: apiSchemas.verifyEmail, limits },
    async ({ body }) => {
      const personId = await redeemEmailToken(body.token, 'verify');
      if (!personId) throw new RequestError('auth.linkInvalid', 400);
      await Person.updateOne({ _id: personId }, { emailVerifiedAt: new Date() });
      return { status: 'verified' };
    },
  );

  api.post(
    '/auth/resend-verification',
    { action: 'account.verifyEmail', body: apiSchemas.resendVerification, status: 202, limits },
    async ({ body }) => {
      resendVerification(deps, body.email);
      return { status: 'check-email' };
    },
  );

  api.post(
    '/auth/sign-in',
    { action: 'account.signIn', body: apiSchemas.signIn, limits },
    async ({ body, actor, req, res }) => {
      const attempt = { email: body.email, client: clientAddress(req) };
      const verdict = await checkAttempt(attempt);
      if ('lockedUntil' in verdict)
        throw new RequestError('auth.locked', 429, undefined, {
          count: Math.ceil((verdict.lockedUntil.getTime() - Date.now()) / 60_000),
        });
      // Many failures on this address from all clients together: slower, never shut.
      if (verdict.delayMs > 0) await setTimeout(verdict.delayMs);
      const person = await personByEmail(body.email);
      if (!(await verifyPassword(person?.passwordHash, body.password))) {
        if ((await recordFailure(attempt)) && person)
          await audit('account.locked', null, String(person._id), { oneClient: true });
        throw new RequestError('auth.invalidCredentials', 401);
      }
      if (!person) throw new RequestError('auth.invalidCredentials', 401);
      await clearClient(attempt);
      if (!person.emailVerifiedAt) throw new RequestError('auth.emailNotVerified', 403);
      return signInAs(deps, actor, res, String(person._id));
    },
  );

  api.post('/auth/sign-out', { action: 'account.signOut' }, async ({ actor, res }) => {
    const me = signedIn(actor);
    await endSession(me.sessionId);
    clearSessionCookie(res, deps.cookies);
    deps.connections.dropSession(me.sessionId);
  });

  api.post('/auth/sign-out-everywhere', { action: 'account.signOut' }, async ({ actor, res }) => {
    const me = signedIn(actor);
    await endAllSessions(me.personId);
    clearSessionCookie(res, deps.cookies);
    deps.connections.dropPerson(me.personId);
  });

  api.post(
    '/auth/password-reset',
    { action: 'account.resetPassword', body: apiSchemas.requestPasswordReset, status: 202, limits },
    async ({ body, actor }) => {
      requestPasswordReset(deps, body.email, actor.lang);
      return { status: 'check-email' };
    },
  );

  api.post(
    '/auth/password-reset/complete',
    { action: 'account.resetPassword', body: apiSchemas.completePasswordReset, limits },
    async ({ body }) => {
      const personId = await redeemEmailToken(body.token, 'reset');
      if (!personId) throw new RequestError('auth.linkInvalid', 400);
      const now = new Date();
      // The link proved the address, so it counts as verified too.
      const person = await Person.findByIdAndUpdate(
        personId,
        {
          passwordHash: await hashPassword(body.password),
          passwordChangedAt: now,
          emailVerifiedAt: now,
        },
        { new: true },
      ).lean();
      if (!person) throw new RequestError('auth.linkInvalid', 400);
      await endAllSessions(personId);
      deps.connections.dropPerson(personId);
      await clearFailures(person.email);
      await mailer.queue({
        to: person.email,
        lang: person.language as LanguageCode,
        template: 'passwordChanged',
        params: { link: appLink(config, '/forgot-password') },
      });
      return { status: 'reset' };
    },
  );
}

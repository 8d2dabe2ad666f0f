// Sign-up, email verification, sign-in, sign-out (here or everywhere) and password reset.
// Answers never reveal whether an email address has an account.
import type { RequestHandler, Response } from 'express';
import { isSignedIn, type Actor } from '../access/actor.ts';
import { audit } from '../audit/audit.model.ts';
import { appLink, type FeatureDeps } from '../deps.ts';
import { RequestError } from '../errors.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { Person, toMe } from '../people/person.model.ts';
import { recordConsent } from '../privacy/consent.model.ts';
import { apiSchemas, PRIVACY_NOTICE_VERSION, type SessionInfo } from '../protocol/api.ts';
import type { LanguageCode } from '../protocol/languages.ts';
import { linkReferral } from '../referrals/referral.model.ts';
import { issueEmailToken, redeemEmailToken } from './emailToken.model.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { clearSessionCookie, endAllSessions, endSession, startSession } from './sessions.ts';
import { clearFailures, lockedUntil, recordFailure } from './throttle.ts';

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
      const existing = await Person.findOne({ email: body.email }, { language: 1 }).lean();
      if (existing) {
        await mailer.send({
          to: body.email,
          lang: existing.language as LanguageCode,
          template: 'alreadyRegistered',
          params: { link: appLink(config, '/forgot-password') },
        });
        return { status: 'check-email' };
      }
      const person = await Person.create({
        email: body.email,
        passwordHash: await hashPassword(body.password),
        displayName: body.displayName,
        roles: ['family'],
        language: body.language,
      }).catch((error: { code?: number }) => {
        if (error.code === 11000) return null; // signed up twice at once: the first one wins
        throw error;
      });
      if (!person) return { status: 'check-email' };
      const personId = String(person._id);
      await recordConsent(personId, 'privacy-notice', PRIVACY_NOTICE_VERSION);
      if (body.referral) await linkReferral(body.referral, personId);
      await audit('account.created', personId, personId, {
        via: body.referral ? 'referral' : 'sign-up',
      });
      const token = await issueEmailToken(personId, 'verify');
      await mailer.send({
        to: body.email,
        lang: body.language,
        template: 'verifyEmail',
        params: { name: body.displayName, link: appLink(config, '/verify-email', { token }) },
      });
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
      const person = await Person.findOne({ email: body.email }).lean();
      if (person && !person.emailVerifiedAt) {
        const token = await issueEmailToken(String(person._id), 'verify');
        await mailer.send({
          to: person.email,
          lang: person.language as LanguageCode,
          template: 'verifyEmail',
          params: { name: person.displayName, link: appLink(config, '/verify-email', { token }) },
        });
      }
      return { status: 'check-email' };
    },
  );

  api.post(
    '/auth/sign-in',
    { action: 'account.signIn', body: apiSchemas.signIn, limits },
    async ({ body, actor, res }) => {
      const locked = await lockedUntil(body.email);
      if (locked)
        throw new RequestError('auth.locked', 429, undefined, {
          minutes: Math.ceil((locked.getTime() - Date.now()) / 60_000),
        });
      const person = await Person.findOne({ email: body.email }).lean();
      if (!(await verifyPassword(person?.passwordHash, body.password))) {
        if ((await recordFailure(body.email)) && person)
          await audit('account.locked', null, String(person._id));
        throw new RequestError('auth.invalidCredentials', 401);
      }
      if (!person) throw new RequestError('auth.invalidCredentials', 401);
      await clearFailures(body.email);
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
    async ({ body }) => {
      const person = await Person.findOne({ email: body.email }).lean();
      if (person) {
        const token = await issueEmailToken(String(person._id), 'reset');
        await mailer.send({
          to: person.email,
          lang: person.language as LanguageCode,
          template: 'passwordReset',
          params: { link: appLink(config, '/reset-password', { token }) },
        });
      }
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
      await mailer.send({
        to: person.email,
        lang: person.language as LanguageCode,
        template: 'passwordChanged',
        params: { link: appLink(config, '/forgot-password') },
      });
      return { status: 'reset' };
    },
  );
}

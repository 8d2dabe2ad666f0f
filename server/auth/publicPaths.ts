// Sign-up and password reset, written so that a known and an unknown email take the same steps
// before the answer — its timing must not tell whether an address has an account.
//   sign-up: one argon2 hash, one insert of the account (refused by the unique email index when
//     it exists), one look-up of the account, the referral's look-up, one audit entry, one email
//     token, one queued email; then the same answer. Only a new account's consent record is extra.
//   reset, resend verification: the answer comes at once; the look-up and the email follow it.
import { audit } from '../audit/audit.model.ts';
import { appLink, type FeatureDeps } from '../deps.ts';
import { personByEmail } from '../people/byEmail.ts';
import { Person } from '../people/person.model.ts';
import { afterResponse } from '../platform/afterResponse.ts';
import { recordConsent } from '../privacy/consent.model.ts';
import { PRIVACY_NOTICE_VERSION, type apiSchemas } from '../protocol/api.ts';
import type { LanguageCode } from '../protocol/languages.ts';
import { linkReferral, referralIsOpen } from '../referrals/referral.model.ts';
import type { z } from 'zod';
import { issueEmailToken } from './emailToken.model.ts';
import { hashPassword } from './passwords.ts';
import { isDuplicateKey } from '../db/claims.ts';

type SignUp = z.output<typeof apiSchemas.signUp>;

export async function signUp(deps: FeatureDeps, body: SignUp): Promise<void> {
  const { mailer, config } = deps;
  const created = await Person.create({
    email: body.email,
    passwordHash: await hashPassword(body.password),
    displayName: body.displayName,
    roles: ['family'],
    language: body.language,
  }).catch((error: { code?: number }) => {
    if (isDuplicateKey(error)) return null; // the address has an account (or signed up twice at once)
    throw error;
  });
  // Read back on both paths, so both pay for the same look-up.
  const account = await personByEmail(body.email);
  if (!account) return; // erased meanwhile
  const personId = String(account._id);

  if (!created) {
    // The same referral look-up as a new account's, changing nothing: the family decides.
    if (body.referral) await referralIsOpen(body.referral);
    await audit('account.signUpRepeated', null, personId);
    // The owner may simply have forgotten: the email offers a new password straight away.
    const token = await issueEmailToken(personId, 'reset');
    await mailer.queue({
      to: account.email,
      lang: account.language as LanguageCode,
      template: 'alreadyRegistered',
      params: { link: appLink(config, '/reset-password', { token }) },
    });
    return;
  }

  await recordConsent(personId, 'privacy-notice', PRIVACY_NOTICE_VERSION);
  if (body.referral) await linkReferral(body.referral, personId, body.referralStages);
  await audit('account.created', personId, personId, {
    via: body.referral ? 'referral' : 'sign-up',
  });
  const token = await issueEmailToken(personId, 'verify');
  // No name in it: whoever signs up chooses the name, and the address may be someone else's.
  await mailer.queue({
    to: account.email,
    lang: body.language,
    template: 'verifyEmail',
    params: { link: appLink(config, '/verify-email', { token }) },
  });
}

/** A reset link to an account's address; to an unknown address, a note that it has none. */
export function requestPasswordReset(deps: FeatureDeps, email: string, lang: LanguageCode): void {
  const { mailer, config } = deps;
  afterResponse(deps.log, 'password reset', async () => {
    const person = await personByEmail(email);
    if (!person) {
      await mailer.queue({
        to: email,
        lang,
        template: 'passwordResetNoAccount',
        params: { link: appLink(config, '/sign-up') },
      });
      return;
    }
    const token = await issueEmailToken(String(person._id), 'reset');
    await mailer.queue({
      to: person.email,
      lang: person.language as LanguageCode,
      template: 'passwordReset',
      params: { link: appLink(config, '/reset-password', { token }) },
    });
  });
}

/** A new verification link, only for an account still unverified; nothing otherwise. */
export function resendVerification(deps: FeatureDeps, email: string): void {
  const { mailer, config } = deps;
  afterResponse(deps.log, 'resend verification', async () => {
    const person = await personByEmail(email);
    if (!person || person.emailVerifiedAt) return;
    const token = await issueEmailToken(String(person._id), 'verify');
    await mailer.queue({
      to: person.email,
      lang: person.language as LanguageCode,
      template: 'verifyEmail',
      params: { link: appLink(config, '/verify-email', { token }) },
    });
  });
}

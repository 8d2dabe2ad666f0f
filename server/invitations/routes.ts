// Invitations: coordinators invite staff, volunteers and partner workers by email; the invited
// person opens the link and creates an account (or adds the roles to the one they have).
import { Types } from 'mongoose';
import { isSignedIn } from '../access/actor.ts';
import { audit } from '../audit/audit.model.ts';
import { hashPassword } from '../auth/passwords.ts';
import { signInAs } from '../auth/routes.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { claimOnce } from '../db/claims.ts';
import { op } from '../db/operators.ts';
import { appLink, type FeatureDeps } from '../deps.ts';
import { notFound, RequestError } from '../errors.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { Organisation } from '../people/organisation.model.ts';
import { personByEmail } from '../people/byEmail.ts';
import { Person } from '../people/person.model.ts';
import { recordConsent } from '../privacy/consent.model.ts';
import {
  apiSchemas,
  PRIVACY_NOTICE_VERSION,
  type InvitationInfo,
  type Role,
} from '../protocol/api.ts';
import type { LanguageCode } from '../protocol/languages.ts';
import { Invitation, type InvitationDoc } from './invitation.model.ts';

const LIFETIME_MS = 14 * 24 * 3600 * 1000;

async function toInfo(invitations: InvitationDoc[]): Promise<InvitationInfo[]> {
  const orgIds = [...new Set(invitations.map((i) => String(i.organisationId)))];
  const orgs = await Organisation.find({ _id: op({ $in: orgIds }) }, { name: 1 }).lean();
  const names = new Map(orgs.map((o) => [String(o._id), o.name]));
  return invitations.map((i) => ({
    id: String(i._id),
    email: i.email,
    roles: i.roles as Role[],
    organisationId: String(i.organisationId),
    organisationName: names.get(String(i.organisationId)) ?? '',
    expiresAt: i.expiresAt.toISOString(),
    acceptedAt: i.acceptedAt ? i.acceptedAt.toISOString() : null,
  }));
}

/** An invitation that can still be used. */
const usable = (token: string) => ({
  tokenHash: hashToken(token),
  acceptedAt: null,
  revokedAt: null,
  expiresAt: op({ $gt: new Date() }),
});

const validToken = (token: string | undefined) =>
  token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : undefined;

export function invitationRoutes(api: ApiRouter, deps: FeatureDeps): void {
  api.get('/invitations', { action: 'invitation.list' }, async () => {
    const invitations = await Invitation.find({ revokedAt: null })
      .sort({ createdAt: -1 })
      .limit(200)
      .lean();
    return toInfo(invitations);
  });

  api.post(
    '/invitations',
    { action: 'invitation.create', body: apiSchemas.createInvitation, status: 201 },
    async ({ actor, body, t }) => {
      const me = signedIn(actor);
      if (!(await Organisation.exists({ _id: body.organisationId }))) {
        throw new RequestError('invalid', 400, { organisationId: t('field.invalid') });
      }
      const token = newToken();
      const invitation = await Invitation.create({
        tokenHash: hashToken(token),
        email: body.email,
        roles: body.roles,
        organisationId: body.organisationId,
        invitedBy: me.personId,
        language: body.language,
        expiresAt: new Date(Date.now() + LIFETIME_MS),
      });
      const [info] = await toInfo([invitation.toObject()]);
      await audit('invitation.created', me.personId, String(invitation._id), {
        roles: body.roles,
        organisationId: body.organisationId,
      });
      await deps.mailer.queue({
        to: body.email,
        lang: body.language,
        template: 'invitation',
        params: {
          organisation: info?.organisationName ?? '',
          link: appLink(deps.config, '/invitation', { token }),
        },
      });
      return info;
    },
  );

  api.delete('/invitations/:id', { action: 'invitation.revoke' }, async ({ actor, params }) => {
    if (!Types.ObjectId.isValid(params.id ?? '')) throw notFound();
    const revoked = await Invitation.findOneAndUpdate(
      { _id: params.id, acceptedAt: null, revokedAt: null },
      { revokedAt: new Date() },
    );
    if (!revoked) throw notFound();
    await audit('invitation.revoked', signedIn(actor).personId, String(revoked._id));
  });

  api.get('/invitations/:token', { action: 'invitation.view' }, async ({ params }) => {
    const token = validToken(params.token);
    const invitation = token ? await Invitation.findOne(usable(token)).lean() : null;
    if (!invitation) throw new RequestError('invitation.invalid', 404);
    return (await toInfo([invitation]))[0];
  });

  api.post(
    '/invitations/:token/accept',
    { action: 'invitation.accept', body: apiSchemas.acceptInvitation },
    async ({ actor, body, params, res, t }) => {
      const token = validToken(params.token);
      const pending = token ? await Invitation.findOne(usable(token)).lean() : null;
      if (!token || !pending) throw new RequestError('invitation.invalid', 404);
      const found = await personByEmail(pending.email);
      // An applicant's account (made for their recruitment interview: no password, no roles) is
      // completed by the invitation like a new one; any other account signs in first.
      const applicant = found && !found.passwordHash && found.roles.length === 0 ? found : null;
      const existing = applicant ? null : found;
      if (existing && !(isSignedIn(actor) && actor.personId === String(existing._id))) {
        throw new RequestError('invitation.signInFirst', 409);
      }
      if (!existing && (!body.password || !body.displayName)) {
        const required = t('field.required');
        throw new RequestError('invalid', 400, {
          ...(body.password ? {} : { password: required }),
          ...(body.displayName ? {} : { displayName: required }),
        });
      }
      // Claim the invitation once: a second click or a parallel request finds it used.
      if (!(await claimOnce(`invitation:${String(pending._id)}`))) {
        throw new RequestError('invitation.invalid', 404);
      }
      const claimed = await Invitation.findOneAndUpdate(
        { _id: pending._id },
        { acceptedAt: new Date() },
        { new: true },
      ).lean();
      if (!claimed) throw new RequestError('invitation.invalid', 404);

      let personId: string;
      if (existing) {
        personId = String(existing._id);
        const roles = [...new Set([...(existing.roles as Role[]), ...(claimed.roles as Role[])])];
        await Person.updateOne(
          { _id: personId },
          { roles, organisationId: claimed.organisationId },
        );
      } else if (applicant) {
        personId = String(applicant._id);
        await Person.updateOne(
          { _id: personId },
          {
            emailVerifiedAt: new Date(),
            passwordHash: await hashPassword(body.password ?? ''),
            displayName: body.displayName,
            roles: claimed.roles,
            organisationId: claimed.organisationId,
          },
        );
        await audit('account.created', personId, personId, { via: 'invitation', applicant: true });
      } else {
        const person = await Person.create({
          email: claimed.email,
          emailVerifiedAt: new Date(), // the invitation link proved the address
          passwordHash: await hashPassword(body.password ?? ''),
          displayName: body.displayName,
          roles: claimed.roles,
          organisationId: claimed.organisationId,
          language: claimed.language as LanguageCode,
        });
        personId = String(person._id);
        await audit('account.created', personId, personId, { via: 'invitation' });
      }
      await recordConsent(personId, 'privacy-notice', PRIVACY_NOTICE_VERSION);
      await audit('invitation.accepted', personId, String(claimed._id), {
        roles: claimed.roles as string[],
      });
      return signInAs(deps, actor, res, personId);
    },
  );
}

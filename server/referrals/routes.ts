import { scopeOf } from '../access/policy.ts';
import { audit } from '../audit/audit.model.ts';
import { newToken } from '../auth/tokens.ts';
import { hashToken } from '../auth/tokens.ts';
import { appLink, type FeatureDeps } from '../deps.ts';
import { RequestError } from '../errors.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { apiSchemas, type ReferralInfo, type ReferralStatus } from '../protocol/api.ts';
import { Referral, type ReferralDoc } from './referral.model.ts';

const LIFETIME_MS = 60 * 24 * 3600 * 1000;

// The link itself is shown once, when created (only its hash is stored); the list shows status.
const toInfo = (referral: ReferralDoc, link: string): ReferralInfo => ({
  id: String(referral._id),
  reference: referral.reference,
  status: referral.status as ReferralStatus,
  link,
  createdAt: referral.createdAt.toISOString(),
});

export function referralRoutes(api: ApiRouter, deps: FeatureDeps): void {
  api.get('/referrals', { action: 'referral.list' }, async ({ actor }) => {
    const referrals = await Referral.find(scopeOf(signedIn(actor), 'referral.list'))
      .sort({ createdAt: -1 })
      .limit(200)
      .lean();
    return referrals.map((r) => toInfo(r, ''));
  });

  api.post(
    '/referrals',
    { action: 'referral.create', body: apiSchemas.createReferral, status: 201 },
    async ({ actor, body }) => {
      const me = signedIn(actor);
      if (!me.organisationId) throw new RequestError('referral.noOrganisation', 409);
      const token = newToken();
      const referral = await Referral.create({
        tokenHash: hashToken(token),
        organisationId: me.organisationId,
        createdBy: me.personId,
        reference: body.reference,
        language: body.language,
        expiresAt: new Date(Date.now() + LIFETIME_MS),
      });
      await audit('referral.created', me.personId, String(referral._id), {
        organisationId: me.organisationId,
      });
      return toInfo(
        referral.toObject(),
        appLink(deps.config, '/sign-up', { referral: token, lang: body.language }),
      );
    },
  );
}

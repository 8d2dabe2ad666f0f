// Referrals: a partner refers a family to a group (or a kind of group); the family opens the
// link in their language, chooses what the partner may follow, and can withdraw that any time.
import { Types } from 'mongoose';
import { isSignedIn } from '../access/actor.ts';
import { audit } from '../audit/audit.model.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { findByIds } from '../db/byIds.ts';
import { appLink, type FeatureDeps } from '../deps.ts';
import { notFound, RequestError } from '../errors.ts';
import { Group } from '../groups/group.model.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { Organisation } from '../people/organisation.model.ts';
import { recordConsent } from '../privacy/consent.model.ts';
import {
  referralSchemas,
  type MyReferralInfo,
  type ReferralConsentState,
  type ReferralStage,
} from '../protocol/referrals.ts';
import { familyReferrals, rememberFamilyReferral } from './followThrough.ts';
import { Referral, referralByToken } from './referral.model.ts';
import { listReferrals, toInfo, toLinkInfo } from './views.ts';
import { referralSources } from './sources.ts';

const LIFETIME_MS = 60 * 24 * 3600 * 1000;

const validToken = (token: string | undefined) =>
  token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : undefined;

async function linkedReferral(token: string | undefined) {
  const valid = validToken(token);
  const referral = valid ? await referralByToken(valid) : null;
  if (!referral) throw new RequestError('referral.invalid', 404);
  return referral;
}

export function referralRoutes(api: ApiRouter, deps: FeatureDeps): void {
  api.get(
    '/referrals',
    { action: 'referral.list', query: referralSchemas.listReferrals },
    async ({ actor, query }) => {
      const me = signedIn(actor);
      return listReferrals(me.organisationId ?? null, me.lang, query.cursor);
    },
  );

  api.get('/referrals/sources', { action: 'referral.sources' }, async () => referralSources());

  api.post(
    '/referrals',
    { action: 'referral.create', body: referralSchemas.createReferral, status: 201 },
    async ({ actor, body, t }) => {
      const me = signedIn(actor);
      if (!me.organisationId) throw new RequestError('referral.noOrganisation', 409);
      if (body.groupId) {
        const group = await Group.findById(body.groupId, { kind: 1, status: 1 }).lean();
        if (!group || group.kind !== 'family' || ['draft', 'ended'].includes(group.status))
          throw new RequestError('invalid', 400, { groupId: t('referral.groupNotOpen') });
      }
      const token = newToken();
      const referral = await Referral.create({
        tokenHash: hashToken(token),
        organisationId: me.organisationId,
        createdBy: me.personId,
        reference: body.reference,
        language: body.language,
        target: body.alongside
          ? { alongside: true }
          : body.groupId
            ? { groupId: body.groupId }
            : { language: body.groupLanguage, region: body.region, topic: body.topic },
        expiresAt: new Date(Date.now() + LIFETIME_MS),
      });
      await audit('referral.created', me.personId, String(referral._id), {
        organisationId: me.organisationId,
      });
      const link = appLink(deps.config, '/referral', { token, lang: body.language });
      if (body.familyEmail) {
        const org = await Organisation.findById(me.organisationId, { name: 1 }).lean();
        await deps.mailer.queue({
          to: body.familyEmail,
          lang: body.language,
          template: 'referralLink',
          params: { organisation: org?.name ?? '', link },
        });
      }
      return toInfo(referral.toObject(), me.lang, link);
    },
  );

  api.get('/referral-links/:token', { action: 'referral.follow' }, async ({ actor, params }) => {
    const referral = await linkedReferral(params.token);
    if (!referral.openedAt) {
      await Referral.updateOne({ _id: referral._id, openedAt: null }, { openedAt: new Date() });
    }
    return toLinkInfo(referral, isSignedIn(actor) ? actor.lang : referral.language);
  });

  api.post(
    '/referral-links/:token/consent',
    { action: 'referral.follow', body: referralSchemas.giveConsent },
    async ({ actor, params, body }) => {
      const referral = await linkedReferral(params.token);
      const state = body.stages.length > 0 ? 'given' : 'declined';
      // The link is no proof of who holds it (the partner saw it too): sharing is said by the
      // family's own account — signed in here, or in the sign-up the referral page leads to.
      const isFamily = isSignedIn(actor) && actor.roles.includes('family');
      if (state === 'given' && !isFamily) throw new RequestError('referral.signInToShare', 401);
      // Once taken up, only that family's account answers for it.
      const own = isFamily && String(referral.familyId) === actor.personId;
      if (referral.familyId && !own) throw new RequestError('referral.invalid', 404);
      const consent = {
        state,
        version: body.version,
        stages: [...new Set(body.stages)],
        at: new Date(),
      };
      // A family already signed in takes the referral up now; others do when they sign up.
      const family = isFamily && !referral.familyId ? actor.personId : null;
      await Referral.updateOne(
        { _id: referral._id },
        family
          ? { consent, status: 'signed-up', familyId: family, signedUpAt: new Date() }
          : { consent },
      );
      if (family) await rememberFamilyReferral(family, referral._id);
      const familyId = family ?? (referral.familyId ? String(referral.familyId) : null);
      if (familyId && state === 'given')
        await recordConsent(familyId, 'referral', body.version, String(referral._id));
      await audit('referral.consent', familyId, String(referral._id), { state });
      const updated = await Referral.findById(referral._id).lean();
      return toLinkInfo(updated!, isSignedIn(actor) ? actor.lang : referral.language);
    },
  );

  api.get('/me/referrals', { action: 'referral.mine' }, async ({ actor }) => {
    const referrals = await familyReferrals(signedIn(actor).personId);
    const orgs = await findByIds<{ _id: unknown; name: string }>(
      Organisation,
      referrals.map((r) => r.organisationId),
      { name: 1 },
    );
    return referrals.map((r): MyReferralInfo => ({
      id: String(r._id),
      organisationName: orgs.find((o) => String(o._id) === String(r.organisationId))?.name ?? '',
      consent: (r.consent?.state ?? 'pending') as ReferralConsentState,
      stages: (r.consent?.stages ?? []) as ReferralStage[],
      consentedAt: r.consent?.at ? r.consent.at.toISOString() : null,
    }));
  });

  api.post('/me/referrals/:id/withdraw', { action: 'referral.mine' }, async ({ actor, params }) => {
    const me = signedIn(actor);
    if (!Types.ObjectId.isValid(params.id ?? '')) throw notFound();
    const withdrawn = await Referral.findOneAndUpdate(
      { _id: params.id, familyId: me.personId },
      { consent: { state: 'withdrawn', version: null, stages: [], at: new Date() } },
    );
    if (!withdrawn) throw notFound();
    await audit('referral.consentWithdrawn', me.personId, String(withdrawn._id));
  });
}

import { useTranslation } from 'react-i18next';
import type { ReferralPage } from '../../../../server/protocol/referrals.ts';
import { MoreButton } from '../../lib/MoreButton.tsx';
import { usePages } from '../../lib/usePages.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useSession } from '../account/session.tsx';
import { OwnOrganisation } from '../partners/OwnOrganisation.tsx';
import { RegionReach } from '../partners/RegionReach.tsx';
import { ReferralCard } from './ReferralCard.tsx';
import { ReferralForm } from './ReferralForm.tsx';
import { ReferralSources } from './ReferralSources.tsx';

/** A partner worker refers families and follows what each family shares; coordinators see sources. */
export function ReferralsPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('referrals.title'));
  const { person } = useSession();
  return (
    <section className="page">
      <h1>{t('referrals.title')}</h1>
      {person?.roles.includes('partner') ? <PartnerReferrals /> : null}
      {person?.roles.includes('coordinator') ? <ReferralSources /> : null}
    </section>
  );
}

/** The partner's side: a new referral, their organisation's referrals a page at a time. */
function PartnerReferrals() {
  const { t } = useTranslation('account');
  const referrals = usePages('/referrals', (page: ReferralPage) => page.referrals);
  return (
    <>
      <p className="lead">{t('referrals.intro')}</p>
      <section className="section" aria-labelledby="new-referral-heading">
        <h2 id="new-referral-heading">{t('referrals.newTitle')}</h2>
        <ReferralForm onCreated={referrals.reload} />
      </section>
      <section className="section" aria-labelledby="referrals-heading">
        <h2 id="referrals-heading">{t('referrals.listTitle')}</h2>
        {referrals.error ? (
          <p className="error-summary" role="alert">
            {referrals.error.message}
          </p>
        ) : null}
        {referrals.items?.length === 0 ? <p>{t('referrals.none')}</p> : null}
        {!referrals.items && !referrals.error ? <p role="status">{t('common:loading')}</p> : null}
        <ul className="plain-list">
          {(referrals.items ?? []).map((referral) => (
            <ReferralCard key={referral.id} referral={referral} />
          ))}
        </ul>
        <MoreButton pages={referrals} label={t('partners:referral.more')} />
      </section>
      <OwnOrganisation />
      <RegionReach />
    </>
  );
}

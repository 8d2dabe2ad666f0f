import { useTranslation } from 'react-i18next';
import type { ReferralInfo } from '../../../../server/protocol/referrals.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
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
  const isPartner = !!person?.roles.includes('partner');
  const referrals = useResource<ReferralInfo[]>(isPartner ? '/referrals' : null);

  return (
    <section className="page">
      <h1>{t('referrals.title')}</h1>
      {isPartner ? <p className="lead">{t('referrals.intro')}</p> : null}
      {isPartner ? (
        <section className="section" aria-labelledby="new-referral-heading">
          <h2 id="new-referral-heading">{t('referrals.newTitle')}</h2>
          <ReferralForm onCreated={referrals.reload} />
        </section>
      ) : null}
      {isPartner ? (
        <section className="section" aria-labelledby="referrals-heading">
          <h2 id="referrals-heading">{t('referrals.listTitle')}</h2>
          {referrals.error ? (
            <p className="error-summary" role="alert">
              {referrals.error.message}
            </p>
          ) : null}
          {referrals.data?.length === 0 ? <p>{t('referrals.none')}</p> : null}
          {!referrals.data && !referrals.error ? <p role="status">{t('common:loading')}</p> : null}
          <ul className="plain-list">
            {(referrals.data ?? []).map((referral) => (
              <ReferralCard key={referral.id} referral={referral} />
            ))}
          </ul>
        </section>
      ) : null}
      {isPartner ? <OwnOrganisation /> : null}
      {isPartner ? <RegionReach /> : null}
      {person?.roles.includes('coordinator') ? <ReferralSources /> : null}
    </section>
  );
}

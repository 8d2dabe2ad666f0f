// On a family's profile: the organisations that referred them, what each one sees, and the
// way to stop it (the partner then sees only that consent was withdrawn).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyReferralInfo } from '../../../../server/protocol/referrals.ts';
import { ApiError, post } from '../../lib/api.ts';
import { isolate } from '../../lib/bidi.tsx';
import { useFormat } from '../../lib/format.ts';
import { useResource } from '../../lib/useResource.ts';
import { useReferralWords } from './referralWords.ts';

export function MyReferralsSection() {
  const { t } = useTranslation('partners');
  const referrals = useResource<MyReferralInfo[]>('/me/referrals');
  if (!referrals.data?.length) return null;
  return (
    <section className="section" aria-labelledby="my-referrals-heading">
      <h2 id="my-referrals-heading">{t('mine.title')}</h2>
      <p>{t('mine.intro')}</p>
      <ul className="plain-list">
        {referrals.data.map((referral) => (
          <MyReferral key={referral.id} referral={referral} onChange={referrals.reload} />
        ))}
      </ul>
    </section>
  );
}

function MyReferral({ referral, onChange }: { referral: MyReferralInfo; onChange: () => void }) {
  const { t } = useTranslation('partners');
  const words = useReferralWords();
  const format = useFormat();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const organisation = isolate(referral.organisationName);

  const withdraw = async () => {
    setError(null);
    try {
      await post(`/me/referrals/${referral.id}/withdraw`);
      onChange();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t('errors:internal'));
    }
  };

  return (
    <li className="card">
      <h3>{referral.organisationName}</h3>
      {referral.consent === 'given' ? (
        <>
          <p>{t('mine.sharing', { organisation })}</p>
          <ul className="chips">
            {referral.stages.map((s) => (
              <li key={s}>{words.stage(s)}</li>
            ))}
          </ul>
          {referral.consentedAt ? (
            <p className="meta">{t('mine.since', { date: format.date(referral.consentedAt) })}</p>
          ) : null}
        </>
      ) : (
        <p>{t(`mine.state.${referral.consent}`, { organisation })}</p>
      )}
      {error ? (
        <p className="error-summary" role="alert">
          {error}
        </p>
      ) : null}
      {referral.consent === 'given' && !confirming ? (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setConfirming(true)}>
            {t('mine.withdraw')}
          </button>
        </div>
      ) : null}
      {referral.consent === 'given' && confirming ? (
        <div className="notice" role="group" aria-label={t('mine.withdraw')}>
          <p>{t('mine.confirm', { organisation })}</p>
          <div className="actions">
            <button type="button" className="danger" onClick={() => void withdraw()}>
              {t('mine.withdrawConfirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t('mine.keep')}
            </button>
          </div>
        </div>
      ) : null}
    </li>
  );
}

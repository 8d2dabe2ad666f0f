// One referral as the partner sees it: their reference, what it points to, and only the stages
// the family chose to share (or that they withdrew).
import { useTranslation } from 'react-i18next';
import type { ReferralInfo } from '../../../../server/protocol/referrals.ts';
import { useFormat } from '../../lib/format.ts';
import { useReferralWords } from './referralWords.ts';

export function ReferralCard({ referral }: { referral: ReferralInfo }) {
  const { t } = useTranslation('partners');
  const format = useFormat();
  const words = useReferralWords();
  return (
    <li className="card referral-card" data-testid="referral-card">
      <h3>{referral.reference}</h3>
      <p>{t('referral.to', { target: words.target(referral.target) })}</p>
      <p>
        <span className={`tag consent-${referral.consent}`}>
          {t(`consent.${referral.consent}`)}
        </span>
      </p>
      {referral.consent === 'given' ? (
        referral.stages.length ? (
          <ol className="stages" aria-label={t('referral.stages')}>
            {referral.stages.map((s) => (
              <li key={s.stage} data-stage={s.stage}>
                {t('referral.stageOn', {
                  stage: words.stage(s.stage, s.waitlisted, referral.target.alongside),
                  date: format.localDate(s.on),
                })}
              </li>
            ))}
          </ol>
        ) : (
          <p className="meta">{t('referral.noStagesYet')}</p>
        )
      ) : null}
      <p className="meta">
        {t('referral.created', { date: format.date(referral.createdAt) })}
        {referral.remindedAt
          ? ` · ${t('referral.reminded', { date: format.date(referral.remindedAt) })}`
          : null}
      </p>
    </li>
  );
}

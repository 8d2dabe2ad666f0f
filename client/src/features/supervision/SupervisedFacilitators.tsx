import { useTranslation } from 'react-i18next';
import type { SupervisedFacilitator } from '../../../../server/protocol/supervision.ts';
import { useFormat } from '../../lib/format.ts';

/** The facilitators this trainer supervises: who is pausing, certified, learning, out of touch. */
export function SupervisedFacilitators({
  facilitators,
}: {
  facilitators: readonly SupervisedFacilitator[];
}) {
  const { t } = useTranslation('supervision');
  const format = useFormat();
  const now = Date.now();
  return (
    <section className="section" aria-labelledby="facilitators-heading">
      <h2 id="facilitators-heading">{t('dashboard.facilitatorsTitle')}</h2>
      {facilitators.length === 0 ? (
        <p className="meta">{t('dashboard.noFacilitators')}</p>
      ) : (
        <ul className="plain-list facilitator-grid">
          {facilitators.map((f) => {
            const valid = f.certifiedUntil !== null && new Date(f.certifiedUntil).getTime() > now;
            return (
              <li key={f.id} className="card" data-testid="supervised-facilitator">
                <h3 dir="auto">{f.displayName}</h3>
                {f.paused ? (
                  <span className="tag tag-warning">{t('facilitator.paused')}</span>
                ) : null}
                <dl className="details meta">
                  <dt>{t('facilitator.certification')}</dt>
                  <dd>
                    {f.certifiedUntil === null
                      ? t('facilitator.notCertified')
                      : valid
                        ? t('facilitator.certifiedUntil', { date: format.date(f.certifiedUntil) })
                        : t('facilitator.expired', { date: format.date(f.certifiedUntil) })}
                  </dd>
                  {f.requiredTotal > 0 ? (
                    <>
                      <dt>{t('facilitator.training')}</dt>
                      <dd>
                        {t('facilitator.progress', {
                          passed: f.requiredPassed,
                          total: f.requiredTotal,
                        })}{' '}
                        <progress
                          className="training-progress"
                          max={f.requiredTotal}
                          value={f.requiredPassed}
                          aria-hidden="true"
                        />
                      </dd>
                    </>
                  ) : null}
                  <dt>{t('facilitator.lastContact')}</dt>
                  <dd>
                    {f.lastContactAt ? format.date(f.lastContactAt) : t('facilitator.noContact')}
                  </dd>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

// The supervising trainer's view of their walk-alongside volunteers: how many families each walks
// with, the last logged contact, hours this year, and pairings quiet for four weeks.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QUIET_PAIRING_DAYS, type VolunteerLoad } from '../../../../server/protocol/alongside.ts';
import { useFormat } from '../../lib/format.ts';
import { AlertIcon, MessageIcon } from '../../lib/icons.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import './alongside.css';
import { PersonName } from '../../lib/bidi.tsx';

export function VolunteerLoadsPage() {
  const { t } = useTranslation('alongside');
  const format = useFormat();
  usePageTitle(t('care.title'));
  const loads = useResource<VolunteerLoad[]>('/alongside/volunteers');
  return (
    <section className="page">
      <h1>{t('care.title')}</h1>
      <p className="lead">{t('care.intro', { count: QUIET_PAIRING_DAYS })}</p>
      {loads.error ? (
        <p className="error-summary" role="alert">
          {loads.error.message}
        </p>
      ) : null}
      {loads.data?.length === 0 ? <p>{t('care.none')}</p> : null}
      {loads.data && loads.data.length > 0 ? (
        // Wider than a phone: the box scrolls, so the keyboard must reach it too.
        <div className="table-scroll" role="region" aria-label={t('care.title')} tabIndex={0}>
          <table>
            <caption className="visually-hidden">{t('care.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('care.volunteer')}</th>
                <th scope="col">{t('care.active')}</th>
                <th scope="col">{t('care.lastContact')}</th>
                <th scope="col">{t('care.hours')}</th>
                <th scope="col">{t('care.attention')}</th>
              </tr>
            </thead>
            <tbody>
              {loads.data.map((load) => (
                <tr key={load.volunteerId}>
                  <th scope="row">
                    <PersonName name={load.name} />
                  </th>
                  <td>{format.number(load.activePairings)}</td>
                  <td>{load.lastContactAt ? format.date(load.lastContactAt) : t('care.never')}</td>
                  <td>{format.number(Math.round(load.minutesThisYear / 6) / 10)}</td>
                  <td>
                    {load.quietPairings.length > 0 ? (
                      <span className="warning-text">
                        <AlertIcon aria-hidden="true" size={16} />{' '}
                        {t('care.quiet', {
                          count: load.quietPairings.length,
                          date: format.date(load.quietPairings[0]!.since),
                        })}
                      </span>
                    ) : (
                      t('care.fine')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p>
        <Link to="/messages">
          <MessageIcon aria-hidden="true" size={16} /> {t('care.toMessages')}
        </Link>
      </p>
    </section>
  );
}

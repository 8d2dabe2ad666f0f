import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SupervisionDashboard } from '../../../../server/protocol/supervision.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { AlertCard } from './AlertCard.tsx';
import { DashboardSessions } from './DashboardSessions.tsx';
import { useGroupChanges } from '../groups/useGroupChanges.ts';
import { RecentReports } from './RecentReports.tsx';
import { SupervisedFacilitators } from './SupervisedFacilitators.tsx';
import './supervision.css';

/** Sessions come and go live: the dashboard looks again this often while open. */
const REFRESH_MS = 30_000;

/** /supervision — the trainer's view of their facilitators' work. */
export function DashboardPage() {
  const { t } = useTranslation('supervision');
  usePageTitle(t('dashboard.title'));
  const dashboard = useResource<SupervisionDashboard>('/supervision/dashboard');
  const { reload } = dashboard;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const d = dashboard.data;
  // A session starting or ending in one of the trainer's groups shows at once.
  useGroupChanges([...new Set(d?.sessions.map((s) => s.groupId) ?? [])], reload);
  // The acknowledged alert leaves the list: said in words, for those who cannot see it go.
  const [status, setStatus] = useState('');
  const acknowledged = () => {
    setStatus(t('alerts.done'));
    reload();
  };

  return (
    <section className="page supervision-dashboard">
      <h1>{t('dashboard.title')}</h1>
      <p role="status" className={status ? 'notice' : 'visually-hidden'}>
        {status}
      </p>
      {dashboard.error ? (
        <p className="error-summary" role="alert">
          {dashboard.error.message}
        </p>
      ) : null}
      {!d ? (
        dashboard.error ? null : (
          <p role="status">{t('common:loading')}</p>
        )
      ) : (
        <>
          {d.openAlerts.length > 0 ? (
            <section
              className="section supervision-alerts"
              aria-labelledby="alerts-heading"
              data-testid="open-alerts"
            >
              <h2 id="alerts-heading">
                {t('dashboard.alertsTitle', { count: d.openAlerts.length })}
              </h2>
              <p>{t('dashboard.alertsIntro')}</p>
              <ul className="plain-list">
                {d.openAlerts.map((alert) => (
                  <li key={alert.id}>
                    <AlertCard alert={alert} onAcknowledged={acknowledged} />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {d.reflectionsWaiting > 0 ? (
            <p className="notice">
              <Link to="/training/trainees" data-testid="reflections-waiting">
                {t('dashboard.reflectionsWaiting', { count: d.reflectionsWaiting })}
              </Link>
            </p>
          ) : null}
          <DashboardSessions sessions={d.sessions} />
          <p>
            <Link to="/alongside/volunteers">{t('alongside:care.link')}</Link>
          </p>
          <RecentReports reports={d.recentReports} />
          <SupervisedFacilitators facilitators={d.facilitators} />
        </>
      )}
    </section>
  );
}

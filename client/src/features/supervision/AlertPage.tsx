import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AlertInfo } from '../../../../server/protocol/supervision.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { AlertCard } from './AlertCard.tsx';
import './supervision.css';

/** /supervision/alerts/:id — where the alert's notification and email lead. */
export function AlertPage() {
  const { t } = useTranslation('supervision');
  usePageTitle(t('alerts.title'));
  const { id = '' } = useParams();
  // The protocol lists a trainer's alerts (their own only); the one asked for is among them.
  const alerts = useResource<AlertInfo[]>('/alerts?state=all');
  const [acknowledged, setAcknowledged] = useState<AlertInfo | null>(null);
  const alert = acknowledged ?? alerts.data?.find((a) => a.id === id);

  return (
    <section className="page">
      <p>
        <Link to="/supervision">{t('alerts.back')}</Link>
      </p>
      <h1>{t('alerts.title')}</h1>
      {alerts.error ? (
        <p className="error-summary" role="alert">
          {alerts.error.message}
        </p>
      ) : !alerts.data ? (
        <p role="status">{t('common:loading')}</p>
      ) : alert ? (
        <>
          {alert.acknowledgedAt === null ? <p>{t('alerts.pageIntro')}</p> : null}
          <AlertCard alert={alert} heading="h2" onAcknowledged={setAcknowledged} />
        </>
      ) : (
        <p>{t('alerts.notFound')}</p>
      )}
    </section>
  );
}

// The coordinator pairs families who asked with qualified volunteers: certified facilitators who
// passed the walk-alongside module, those sharing the family's languages first.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AlongsideRequestInfo,
  VolunteerCandidate,
} from '../../../../server/protocol/alongside.ts';
import { ApiError, post } from '../../lib/api.ts';
import { PersonName, isolate } from '../../lib/bidi.tsx';
import { useFormat } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { AdminNav } from '../admin/AdminNav.tsx';
import './alongside.css';

export function PairingAdminPage() {
  const { t } = useTranslation('alongside');
  usePageTitle(t('admin.title'));
  const requests = useResource<AlongsideRequestInfo[]>('/alongside/requests');
  const waiting = requests.data?.filter((r) => r.status === 'waiting') ?? [];
  const others = requests.data?.filter((r) => r.status !== 'waiting') ?? [];
  return (
    <section className="page">
      <AdminNav />
      <h1>{t('admin.title')}</h1>
      <p className="lead">{t('admin.intro')}</p>
      {requests.error ? (
        <p className="error-summary" role="alert">
          {requests.error.message}
        </p>
      ) : null}
      <h2>{t('admin.waiting', { count: waiting.length })}</h2>
      {requests.data && waiting.length === 0 ? <p>{t('admin.noneWaiting')}</p> : null}
      <ul className="plain-list">
        {waiting.map((request) => (
          <RequestCard key={request.id} request={request} onPaired={requests.reload} />
        ))}
      </ul>
      {others.length > 0 ? (
        <>
          <h2>{t('admin.earlier')}</h2>
          <ul className="plain-list">
            {others.map((request) => (
              <RequestCard key={request.id} request={request} onPaired={requests.reload} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function RequestCard({
  request,
  onPaired,
}: {
  request: AlongsideRequestInfo;
  onPaired: () => void;
}) {
  const { t } = useTranslation('alongside');
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const name = isolate(request.familyName ?? '');
  return (
    <li className="card">
      <h3>{t('admin.family', { name })}</h3>
      <p className="meta">
        {t('admin.asked', { date: format.date(request.createdAt) })} ·{' '}
        {t(`admin.status.${request.status}`)}
        {request.partnerName
          ? ` · ${t('admin.throughPartner', { partner: isolate(request.partnerName) })}`
          : ''}
      </p>
      <p className="quote" lang={request.helpLang} dir="auto">
        {request.help}
      </p>
      <p className="meta">
        {t('admin.languages', {
          languages: format.list(request.languages.map(format.languageName)),
        })}
      </p>
      {request.status === 'waiting' ? (
        open ? (
          <Candidates request={request} onPaired={onPaired} />
        ) : (
          <button type="button" onClick={() => setOpen(true)}>
            {t('admin.findVolunteer')}
          </button>
        )
      ) : null}
    </li>
  );
}

function Candidates({
  request,
  onPaired,
}: {
  request: AlongsideRequestInfo;
  onPaired: () => void;
}) {
  const { t } = useTranslation('alongside');
  const format = useFormat();
  const candidates = useResource<VolunteerCandidate[]>(
    `/alongside/requests/${request.id}/candidates`,
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pair = async (volunteerId: string) => {
    setError(null);
    setBusy(true);
    try {
      await post(`/alongside/requests/${request.id}/pair`, { volunteerId });
      onPaired();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t('errors:internal'));
      setBusy(false);
    }
  };
  if (!candidates.data) return <p role="status">{t('common:loading')}</p>;
  return (
    <div className="candidate-list" aria-label={t('admin.candidates')} role="group">
      {error ? (
        <p className="error-summary" role="alert">
          {error}
        </p>
      ) : null}
      {candidates.data.length === 0 ? <p>{t('admin.noCandidates')}</p> : null}
      {candidates.data.map((c) => (
        <div key={c.id} className="card candidate" data-testid="candidate">
          <strong>
            <PersonName name={c.name} />
          </strong>
          <p className="meta">
            {t('admin.speaks', {
              languages: format.list(c.languagesSpoken.map(format.languageName)),
            })}
            {' · '}
            {c.sharedLanguages.length > 0
              ? t('admin.shared', {
                  languages: format.list(c.sharedLanguages.map(format.languageName)),
                })
              : t('admin.noShared')}
            {' · '}
            {t('admin.load', { count: c.activePairings })}
          </p>
          <button type="button" disabled={busy} onClick={() => void pair(c.id)}>
            {t('admin.pairWith', { name: isolate(c.name) })}
          </button>
        </div>
      ))}
    </div>
  );
}

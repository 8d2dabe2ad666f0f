// A partner keeps their organisation's services current: add, edit, say "still current" (a
// service not confirmed for a year is shown to families as possibly out of date), remove.
// Coordinators see and keep every partner's services here.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DirectoryEntryInfo } from '../../../../server/protocol/directory.ts';
import type { PartnerOrganisationInfo } from '../../../../server/protocol/partners.ts';
import { api } from '../../lib/api.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { EntryForm } from './EntryForm.tsx';
import { EntryView } from './EntryView.tsx';
import './directory.css';

export function ManagePage() {
  const { t } = useTranslation('directory');
  usePageTitle(t('manage.title'));
  const entries = useResource<DirectoryEntryInfo[]>('/directory/mine');
  const organisations = useResource<PartnerOrganisationInfo[]>('/partners');
  /** The entry being edited, 'new', or none. */
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);

  const act = async (action: () => Promise<unknown>, done: string) => {
    setError(null);
    setStatus(null);
    try {
      await action();
      setStatus(done);
      entries.reload();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : t('errors:internal'));
    }
  };
  const saved = () => {
    setEditing(null);
    setStatus(t('manage.saved'));
    entries.reload();
  };
  const orgs = organisations.data ?? [];

  return (
    <section className="page directory-manage">
      <h1>{t('manage.title')}</h1>
      <p className="lead">{t('manage.intro')}</p>
      <p>
        <Link to="/directory">{t('search.title')}</Link>
      </p>
      <p role="status" className="notice-status">
        {status}
      </p>
      {error ? (
        <p role="alert" className="error-summary">
          {error}
        </p>
      ) : null}
      {entries.error ? (
        <p role="alert" className="error-summary">
          {entries.error.message}
        </p>
      ) : null}
      {editing === 'new' && orgs.length ? (
        <EntryForm
          entry={null}
          organisations={orgs}
          onSaved={saved}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <div className="actions">
          <button
            type="button"
            disabled={!orgs.length}
            onClick={() => {
              setStatus(null);
              setEditing('new');
            }}
          >
            {t('manage.add')}
          </button>
        </div>
      )}
      {entries.data?.length === 0 ? <p>{t('manage.none')}</p> : null}
      {!entries.data && !entries.error ? <p role="status">{t('common:loading')}</p> : null}
      <ul className="plain-list">
        {(entries.data ?? []).map((entry) => (
          <li key={entry.id}>
            {editing === entry.id ? (
              <EntryForm
                entry={entry}
                organisations={orgs.filter((o) => o.id === entry.organisationId)}
                onSaved={saved}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <EntryView entry={entry}>
                <button type="button" onClick={() => setEditing(entry.id)}>
                  {t('manage.edit')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    void act(
                      () => api('POST', `/directory/${entry.id}/confirm`),
                      t('manage.confirmed'),
                    )
                  }
                >
                  {t('manage.confirm')}
                </button>
                {removing === entry.id ? (
                  <>
                    <span>{t('manage.removeConfirm')}</span>
                    <button
                      type="button"
                      className="danger"
                      onClick={() =>
                        void act(() => api('DELETE', `/directory/${entry.id}`), t('manage.removed'))
                      }
                    >
                      {t('manage.remove')}
                    </button>
                    <button type="button" className="secondary" onClick={() => setRemoving(null)}>
                      {t('manage.cancel')}
                    </button>
                  </>
                ) : (
                  <button type="button" className="secondary" onClick={() => setRemoving(entry.id)}>
                    {t('manage.remove')}
                  </button>
                )}
              </EntryView>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

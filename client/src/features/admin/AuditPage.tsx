import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryInfo } from '../../../../server/protocol/api.ts';
import { ApiError, get } from '../../lib/api.ts';
import { PersonName } from '../../lib/bidi.tsx';
import { useFormat } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { AdminNav } from './AdminNav.tsx';
import { AUDIT_ROLE_FIELDS } from '../../../../server/protocol/audit.ts';

const PAGE = 50; // what the server sends at a time

/** Who did what and when: newest first, older pages on request. */
export function AuditPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('audit.title'));
  const format = useFormat();
  // A detail's value in words where it is one: yes/no, role names, a date; ids and counts as
  // they are (ids read left to right).
  const detailText = (field: string, value: unknown): string => {
    if (typeof value === 'boolean') return t(`audit.values.${value}`);
    if (typeof value === 'number') return format.number(value);
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    if (AUDIT_ROLE_FIELDS.includes(field))
      return format.list(values.map((role) => t(`roles.${role}`, { defaultValue: role })));
    if (field === 'validUntil' && !Number.isNaN(Date.parse(values[0]!)))
      return format.date(values[0]!);
    return format.list(values);
  };
  const [entries, setEntries] = useState<AuditEntryInfo[]>([]);
  const [more, setMore] = useState(true);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = async (before?: string) => {
    setLoading(true);
    try {
      const page = await get<AuditEntryInfo[]>(`/audit${before ? `?before=${before}` : ''}`);
      setEntries((current) => (before ? [...current, ...page] : page));
      setMore(page.length === PAGE);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors:internal'));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    void load();
    // Only the first page on arrival; later pages come from the button.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <section className="page">
      <AdminNav />
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      {error ? (
        <p className="error-summary" role="alert">
          {error}
        </p>
      ) : null}
      <ol className="plain-list">
        {entries.map((entry) => (
          <li key={entry.id} className="card">
            <p>
              <strong>{t(`audit.actions.${entry.action}`, { defaultValue: entry.action })}</strong>
            </p>
            <p className="meta">
              <time dateTime={entry.at}>{format.dateTime(entry.at)}</time> ·{' '}
              {entry.actorName ? (
                <PersonName name={entry.actorName} />
              ) : entry.actorId ? (
                t('audit.erasedPerson')
              ) : (
                t('audit.system')
              )}
            </p>
            {entry.targetId || Object.keys(entry.details).length > 0 ? (
              <dl className="details meta">
                {entry.targetId ? (
                  <>
                    <dt>{t('audit.target')}</dt>
                    <dd dir="ltr">{entry.targetId}</dd>
                  </>
                ) : null}
                {Object.entries(entry.details).map(([key, value]) => (
                  <div key={key} className="contents">
                    <dt>{t(`audit.fields.${key}`, { defaultValue: key })}</dt>
                    <dd dir="auto">{detailText(key, value)}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </li>
        ))}
      </ol>
      <p role="status">
        {loading ? t('common:loading') : entries.length === 0 ? t('audit.none') : null}
      </p>
      {more && entries.length > 0 ? (
        <div className="actions">
          <button
            type="button"
            className="secondary"
            disabled={loading}
            onClick={() => void load(entries.at(-1)?.id)}
          >
            {t('audit.older')}
          </button>
        </div>
      ) : null}
    </section>
  );
}

import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PEOPLE_PAGE,
  ROLES,
  type OrganisationInfo,
  type PersonSummary,
  type Role,
} from '../../../../server/protocol/api.ts';
import { ApiError, get } from '../../lib/api.ts';
import { useResource } from '../../lib/useResource.ts';
import { RoleEditor } from './RoleEditor.tsx';
import { PersonName, isolate } from '../../lib/bidi.tsx';

/**
 * Everyone (newest first, a page at a time), a role's members or a name's matches; each person's
 * roles open for editing in place.
 */
export function PeopleList({ organisations }: { organisations: OrganisationInfo[] }) {
  const { t } = useTranslation('account');
  const [role, setRole] = useState<Role | ''>('');
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const params = new URLSearchParams({ ...(role ? { role } : {}), ...(query ? { q: query } : {}) });
  const path = `/people?${params.toString()}`;
  const people = useResource<PersonSummary[]>(path);
  // Everyone and families come a page at a time; a staff role or a name comes whole.
  const paged = !query && (role === '' || role === 'family');
  const [older, setOlder] = useState<{ people: PersonSummary[]; more: boolean }>({
    people: [],
    more: true,
  });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  useEffect(() => setOlder({ people: [], more: true }), [path, people.data]);
  const listed = [...(people.data ?? []), ...older.people];
  const mayHaveMore =
    paged && older.more && (people.data?.length ?? 0) === PEOPLE_PAGE && !people.loading;
  const showMore = async () => {
    setLoadingMore(true);
    try {
      const before = listed.at(-1)?.id ?? '';
      const page = await get<PersonSummary[]>(`${path}&before=${before}`);
      setOlder((o) => ({ people: [...o.people, ...page], more: page.length === PEOPLE_PAGE }));
      setMoreError(null);
    } catch (e) {
      setMoreError(e instanceof ApiError ? e.message : t('errors:internal'));
    } finally {
      setLoadingMore(false);
    }
  };
  const trainers = useResource<PersonSummary[]>('/people?role=trainer');
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  const trainerNames = new Map((trainers.data ?? []).map((p) => [p.id, p.displayName]));

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setQuery(search.trim());
  };

  return (
    <>
      <form className="inline-add" role="search" onSubmit={onSearch}>
        <div className="field">
          <label htmlFor="people-role">{t('admin.people.filterRole')}</label>
          <select
            id="people-role"
            value={role}
            onChange={(event) => setRole(event.target.value as Role | '')}
          >
            <option value="">{t('admin.people.allRoles')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="people-search">{t('admin.people.search')}</label>
          <input
            id="people-search"
            type="search"
            value={search}
            maxLength={60}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <div className="field actions">
          <button type="submit" className="secondary">
            {t('admin.people.searchButton')}
          </button>
        </div>
      </form>
      {people.error ? (
        <p className="error-summary" role="alert">
          {people.error.message}
        </p>
      ) : null}
      <p role="status">
        {people.loading ? t('common:loading') : t('admin.people.count', { count: listed.length })}
        {paged && !people.loading ? ` · ${t('admin.people.newestFirst')}` : null}
      </p>
      <ul className="plain-list">
        {listed.map((person) => (
          <li key={person.id} className="card">
            <h3>
              <PersonName name={person.displayName} />
            </h3>
            <p className="meta" dir="ltr">
              {person.email}
            </p>
            <p>
              {person.roles.length === 0 ? t('profile.noRoles') : null}
              {person.roles.map((r) => (
                <span className="tag" key={r}>
                  {t(`roles.${r}`)}
                </span>
              ))}
            </p>
            <p className="meta">
              {/* Only what there is, separated: no separator before the first. */}
              {[
                person.organisationId ? names.get(person.organisationId) : null,
                person.supervisorId
                  ? t('admin.people.supervisedBy', {
                      name: isolate(trainerNames.get(person.supervisorId) ?? '—'),
                    })
                  : null,
                person.emailVerified ? null : t('admin.people.unverified'),
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
            <button
              type="button"
              className="secondary"
              aria-expanded={editing === person.id}
              onClick={() => setEditing(editing === person.id ? null : person.id)}
            >
              {t('admin.people.editRoles')}
              <span className="visually-hidden"> {person.displayName}</span>
            </button>
            {editing === person.id ? (
              <RoleEditor
                person={person}
                organisations={organisations}
                trainers={trainers.data ?? []}
                onSaved={() => {
                  people.reload();
                  trainers.reload();
                }}
              />
            ) : null}
          </li>
        ))}
      </ul>
      {moreError ? (
        <p className="error-summary" role="alert">
          {moreError}
        </p>
      ) : null}
      {mayHaveMore ? (
        <div className="actions">
          <button
            type="button"
            className="secondary"
            disabled={loadingMore}
            onClick={() => void showMore()}
          >
            {loadingMore ? t('common:loading') : t('admin.people.more')}
          </button>
        </div>
      ) : null}
    </>
  );
}

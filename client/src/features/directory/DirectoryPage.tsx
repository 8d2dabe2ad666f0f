// Families and those who work with them search the service directory by area, language and
// need (in the UI language); the choices live in the address, so a search can be shared and
// Back returns to it. A facilitator can share a service into the chat of a group they run.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  SERVICE_NEEDS,
  type DirectoryPage as Page,
} from '../../../../server/protocol/directory.ts';
import { REGIONS, type MyGroups } from '../../../../server/protocol/groups.ts';
import { useFormat } from '../../lib/format.ts';
import { SelectField, TextField } from '../../lib/forms/fields.tsx';
import { byName, COMMON_SPOKEN_LANGUAGES } from '../../lib/spokenLanguages.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { hasAnyRole, useSession } from '../account/session.tsx';
import { EntryView } from './EntryView.tsx';
import { ShareControl } from './ShareControl.tsx';
import './directory.css';

const FILTERS = ['region', 'language', 'need', 'q', 'page'] as const;

export function DirectoryPage() {
  const { t } = useTranslation('directory');
  usePageTitle(t('search.title'));
  const { person } = useSession();
  const format = useFormat();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const [words, setWords] = useState(params.get('q') ?? '');
  const query = new URLSearchParams();
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) query.set(key, value);
  }
  const results = useResource<Page>(`/directory?${query.toString()}`);
  const facilitator = hasAnyRole(person, ['facilitator']);
  const mine = useResource<MyGroups>(facilitator ? '/groups/mine' : null);
  const keeper = hasAnyRole(person, ['partner', 'coordinator']);

  const choose = (key: (typeof FILTERS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next);
  };
  const search = (event: FormEvent) => {
    event.preventDefault();
    choose('q', words.trim());
  };
  const select = (
    key: 'region' | 'language' | 'need',
    label: string,
    options: [string, string][],
  ) => (
    <SelectField
      id={`${id}-${key}`}
      label={label}
      value={params.get(key) ?? ''}
      onChange={(event) => choose(key, event.target.value)}
    >
      <option value="">{t('search.any')}</option>
      {options.map(([value, name]) => (
        <option key={value} value={value}>
          {name}
        </option>
      ))}
    </SelectField>
  );
  const data = results.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <section className="page directory-page">
      <h1>{t('search.title')}</h1>
      <p className="lead">{t('search.intro')}</p>
      {keeper ? (
        <p>
          <Link to="/directory/manage">{t('search.manageLink')}</Link>
        </p>
      ) : null}
      <div className="filters">
        <form className="filters-search" role="search" onSubmit={search}>
          <TextField
            id={`${id}-q`}
            type="search"
            label={t('search.q')}
            value={words}
            maxLength={60}
            onChange={(event) => setWords(event.target.value)}
          />
          <button type="submit">{t('search.submit')}</button>
        </form>
        <div className="filters-fields">
          {select(
            'region',
            t('search.region'),
            REGIONS.filter((r) => r !== 'online-finland').map((r) => [r, t(`groups:regions.${r}`)]),
          )}
          {select(
            'language',
            t('search.language'),
            byName(COMMON_SPOKEN_LANGUAGES, format.languageName, format.language).map((l) => [
              l.code,
              l.label,
            ]),
          )}
          {select(
            'need',
            t('search.need'),
            SERVICE_NEEDS.map((n) => [n, t(`needs.${n}`)]),
          )}
        </div>
        {params.get('region') ? <p className="field-hint">{t('search.regionHint')}</p> : null}
      </div>
      {results.error ? (
        <p className="error-summary" role="alert">
          {results.error.message}
        </p>
      ) : null}
      <p className="result-count" role="status" data-testid="result-count">
        {data ? t('search.results', { count: data.total }) : t('common:loading')}
      </p>
      {data?.total === 0 ? <p>{t('search.none')}</p> : null}
      <ul className="plain-list">
        {(data?.entries ?? []).map((entry) => (
          <li key={entry.id}>
            <EntryView entry={entry}>
              {facilitator ? (
                <ShareControl entry={entry} groups={mine.data?.running ?? null} />
              ) : null}
            </EntryView>
          </li>
        ))}
      </ul>
      {data && pages > 1 ? (
        <nav
          className="directory-pager"
          aria-label={t('search.pageOf', { page: data.page, pages })}
        >
          <button
            type="button"
            className="secondary"
            disabled={data.page <= 1}
            onClick={() => choose('page', String(data.page - 1))}
          >
            {t('search.previous')}
          </button>
          <span>
            {t('search.pageOf', { page: format.number(data.page), pages: format.number(pages) })}
          </span>
          <button
            type="button"
            className="secondary"
            disabled={data.page >= pages}
            onClick={() => choose('page', String(data.page + 1))}
          >
            {t('search.next')}
          </button>
        </nav>
      ) : null}
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { CataloguePage as Page, GroupCard } from '../../../../server/protocol/groups.ts';
import { ApiError, get } from '../../lib/api.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { CatalogueFilters } from './CatalogueFilters.tsx';
import { filtersFrom, queryOf, WIDE_CATALOGUE, type FilterKey } from './catalogueFilters.ts';
import { GroupCardView } from './GroupCardView.tsx';

interface Results {
  /** The query these results answer. */
  query: string;
  groups: GroupCard[];
  nextCursor: string | null;
  total: number;
}

/** The catalogue: for anyone, signed in or not. */
export function CataloguePage() {
  const { t } = useTranslation('groups');
  usePageTitle(t('catalogue.title'));
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const query = queryOf(filters);
  const [results, setResults] = useState<Results | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const current = useRef(query); // answers to an older query are dropped
  const countLine = useRef<HTMLParagraphElement>(null);
  // Asked to show the results (searched): done once the answer to this query is in.
  const revealPending = useRef(false);
  const [revealAsked, setRevealAsked] = useState(0);

  const load = async (cursor: string | null) => {
    const asked = query;
    setLoading(true);
    try {
      const page = await get<Page>(`/groups${queryOf(filters, cursor)}`);
      if (current.current !== asked) return;
      setResults((before) => ({
        query: asked,
        groups: cursor && before ? [...before.groups, ...page.groups] : page.groups,
        nextCursor: page.nextCursor,
        total: page.total,
      }));
      // After "load more", continue from the first new group.
      setFocusId(cursor ? (page.groups[0]?.id ?? null) : null);
      setError(null);
    } catch (e) {
      if (current.current === asked) {
        setError(e instanceof ApiError ? e.message : t('errors:internal'));
        revealPending.current = false;
      }
    } finally {
      if (current.current === asked) setLoading(false);
    }
  };

  useEffect(() => {
    current.current = query;
    void load(null);
    // A new query starts from the first page; later pages come from the button.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query]);

  useEffect(() => {
    if (focusId) document.getElementById(`group-link-${focusId}`)?.focus();
  }, [focusId]);

  // After a search the count and the first results come into view. On a phone focus moves to
  // the count too: it closes the keyboard, and a screen reader reads how many were found.
  useEffect(() => {
    const line = countLine.current;
    if (!revealPending.current || loading || results?.query !== query || !line) return;
    revealPending.current = false;
    if (!window.matchMedia(WIDE_CATALOGUE).matches) line.focus({ preventScroll: true });
    const top = line.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight / 3) line.scrollIntoView({ block: 'start' });
  }, [revealAsked, loading, results, query]);

  const showResults = () => {
    revealPending.current = true;
    setRevealAsked((n) => n + 1);
  };

  const onChange = (key: FilterKey, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const filtered = Object.keys(filters).length > 0;

  return (
    <section className="page">
      <h1>{t('catalogue.title')}</h1>
      <p className="lead">{t('catalogue.intro')}</p>
      <CatalogueFilters
        filters={filters}
        total={results?.query === query ? results.total : null}
        onChange={onChange}
        onShowResults={showResults}
      />
      {filtered ? (
        <p>
          <Link to="/groups">{t('catalogue.clear')}</Link>
        </p>
      ) : null}
      {error ? (
        <p className="error-summary" role="alert">
          {error}
        </p>
      ) : null}
      <p
        ref={countLine}
        role="status"
        className="result-count"
        data-testid="result-count"
        tabIndex={-1}
      >
        {loading && !results ? t('common:loading') : null}
        {/* A new node for each query: the count is read out again even when it is the same. */}
        {results ? (
          <span key={results.query}>{t('catalogue.count', { count: results.total })}</span>
        ) : null}
      </p>
      {results && results.groups.length === 0 ? (
        <div className="notice">
          <p>{filtered ? t('catalogue.emptyFiltered') : t('catalogue.empty')}</p>
        </div>
      ) : null}
      <ul className="plain-list group-list">
        {results?.groups.map((group) => (
          <li key={group.id}>
            <GroupCardView group={group} />
          </li>
        ))}
      </ul>
      {results?.nextCursor ? (
        <div className="actions">
          <button
            type="button"
            className="secondary"
            disabled={loading}
            onClick={() => void load(results.nextCursor)}
          >
            {t('catalogue.more')}
          </button>
        </div>
      ) : null}
    </section>
  );
}

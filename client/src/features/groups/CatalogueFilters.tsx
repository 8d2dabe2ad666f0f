import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  REGIONS,
  TIMES_OF_DAY,
  TOPICS,
  WEEKDAYS,
  type CataloguePage,
} from '../../../../server/protocol/groups.ts';
import { useFormat } from '../../lib/format.ts';
import { CheckboxField, SelectField, TextField } from '../../lib/forms/fields.tsx';
import { ChevronDownIcon, FiltersIcon } from '../../lib/icons.ts';
import { byName, COMMON_SPOKEN_LANGUAGES } from '../../lib/spokenLanguages.ts';
import { useResource } from '../../lib/useResource.ts';
import { activeChoices, WIDE_CATALOGUE, type FilterKey, type Filters } from './catalogueFilters.ts';
import { useGroupWords } from './groupText.tsx';

/**
 * The search field and the language (the filter families use most), then the other filters behind
 * a "Filters" disclosure that says how many are chosen: open at first on wide screens only, so on
 * a phone the first groups show on the first screen. Each choice
 * applies at once; the free-text search applies on submit. Searching, or "Show … groups" on a
 * phone, asks the page to bring the results into view (`onShowResults`).
 */
export function CatalogueFilters({
  filters,
  total,
  onChange,
  onShowResults,
}: {
  filters: Filters;
  /** How many groups the current filters find; null while not known. */
  total: number | null;
  onChange: (key: FilterKey, value: string) => void;
  onShowResults: () => void;
}) {
  const { t } = useTranslation('groups');
  const words = useGroupWords();
  const format = useFormat();
  const id = useId();
  const [open, setOpen] = useState(() => window.matchMedia(WIDE_CATALOGUE).matches);
  // The language stays out of the fold (the filter families use most): the fold counts the rest.
  const chosen = activeChoices(filters) - (filters.lang ? 1 : 0);
  const [search, setSearch] = useState(filters.q ?? '');
  // "Clear filters" and shared links change the query under the field: follow them.
  const [shownQ, setShownQ] = useState(filters.q);
  if (shownQ !== filters.q) {
    setShownQ(filters.q);
    setSearch(filters.q ?? '');
  }
  // The languages groups are held in now come first; common ones after them.
  const everything = useResource<CataloguePage>('/groups');
  const present = [
    ...new Set([
      ...(everything.data?.groups.flatMap((g) => g.sessionLanguages) ?? []),
      ...(filters.lang ? [filters.lang] : []),
    ]),
  ];
  const others = COMMON_SPOKEN_LANGUAGES.filter((code) => !present.includes(code));

  const select = (
    key: FilterKey,
    label: string,
    options: { value: string; label: string }[],
    hint?: string,
  ) => (
    <SelectField
      id={`${id}-${key}`}
      label={label}
      hint={hint}
      value={filters[key] ?? ''}
      onChange={(event) => onChange(key, event.target.value)}
    >
      <option value="">{t('catalogue.any')}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </SelectField>
  );

  // On a phone the open filters would push the results out of sight again: fold them.
  const showResults = () => {
    if (!window.matchMedia(WIDE_CATALOGUE).matches) setOpen(false);
    onShowResults();
  };
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    onChange('q', search.trim());
    showResults();
  };

  return (
    <form role="search" className="filters" aria-label={t('catalogue.filters')} onSubmit={onSearch}>
      <div className="filters-search">
        <TextField
          id={`${id}-q`}
          label={t('catalogue.search')}
          hint={t('catalogue.searchHint')}
          type="search"
          value={search}
          maxLength={60}
          onChange={(event) => setSearch(event.target.value)}
        />
        <button type="submit" className="secondary">
          {t('catalogue.searchButton')}
        </button>
      </div>
      <SelectField
        id={`${id}-lang`}
        label={t('catalogue.language')}
        value={filters.lang ?? ''}
        onChange={(event) => onChange('lang', event.target.value)}
      >
        <option value="">{t('catalogue.any')}</option>
        {present.length > 0 ? (
          <optgroup label={t('catalogue.languagesInGroups')}>
            {byName(present, format.languageName, format.language).map((l) => (
              <option key={l.code} value={l.code}>
                {l.label}
              </option>
            ))}
          </optgroup>
        ) : null}
        <optgroup label={t('catalogue.otherLanguages')}>
          {byName(others, format.languageName, format.language).map((l) => (
            <option key={l.code} value={l.code}>
              {l.label}
            </option>
          ))}
        </optgroup>
      </SelectField>
      <details
        className="filters-more"
        open={open}
        onToggle={(event) => setOpen(event.currentTarget.open)}
      >
        <summary className="filters-toggle" data-testid="filters-toggle">
          <FiltersIcon className="filters-toggle-icon" aria-hidden="true" />
          <span>{t('catalogue.filtersToggle')}</span>
          {chosen > 0 ? (
            <span className="filters-chosen">{t('catalogue.chosen', { count: chosen })}</span>
          ) : null}
          <ChevronDownIcon className="filters-chevron" aria-hidden="true" />
        </summary>
        <div className="filters-fields">
          {select(
            'topic',
            t('catalogue.topic'),
            TOPICS.map((value) => ({ value, label: words.topic(value) })),
          )}
          {select(
            'weekday',
            t('catalogue.weekday'),
            WEEKDAYS.map((value) => ({ value, label: words.weekday(value) })),
          )}
          {select(
            'timeOfDay',
            t('catalogue.timeOfDay'),
            TIMES_OF_DAY.map((value) => ({ value, label: words.timeOfDay(value) })),
          )}
          {select(
            'region',
            t('catalogue.region'),
            REGIONS.map((value) => ({ value, label: words.region(value) })),
            t('catalogue.regionHint'),
          )}
          <CheckboxField
            id={`${id}-freePlaces`}
            label={t('catalogue.freePlaces')}
            checked={filters.freePlaces === 'true'}
            onChange={(event) => onChange('freePlaces', event.target.checked ? 'true' : '')}
          />
          <button type="button" className="filters-show" onClick={showResults}>
            {total === null
              ? t('catalogue.showResultsUnknown')
              : t('catalogue.showResults', { count: total })}
          </button>
        </div>
      </details>
    </form>
  );
}

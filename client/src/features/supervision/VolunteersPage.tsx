import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { FacilitatorContactPage } from '../../../../server/protocol/supervision.ts';
import { useFormat } from '../../lib/format.ts';
import { TextField } from '../../lib/forms/fields.tsx';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { usePages } from '../../lib/usePages.ts';
import { AdminNav } from '../admin/AdminNav.tsx';
import { useSupervisionWords } from './supervisionWords.ts';
import './supervision.css';
import { MoreButton } from '../../lib/MoreButton.tsx';
import { PersonName } from '../../lib/bidi.tsx';

const DEFAULT_WEEKS = 4;

const weeksFrom = (value: string | null) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 52 ? n : DEFAULT_WEEKS;
};

/** /admin/volunteers — facilitators no trainer has been in touch with for N weeks. */
export function VolunteersPage() {
  const { t } = useTranslation('supervision');
  usePageTitle(t('volunteers.title'));
  const id = useId();
  const format = useFormat();
  const words = useSupervisionWords();
  const [params, setParams] = useSearchParams();
  const weeks = weeksFrom(params.get('weeks'));
  const [input, setInput] = useState(String(weeks));
  const list = usePages(
    `/supervision/contact?weeks=${weeks}`,
    (p: FacilitatorContactPage) => p.volunteers,
  );
  // After "show more", continue from the first new volunteer.
  useEffect(() => {
    if (list.firstNew) document.getElementById(`volunteer-${list.firstNew.id}`)?.focus();
  }, [list.firstNew]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = weeksFrom(input);
    setInput(String(next));
    setParams({ weeks: String(next) });
  };

  return (
    <section className="page">
      <AdminNav />
      <h1>{t('volunteers.title')}</h1>
      <p>{t('volunteers.intro')}</p>
      <form className="inline-form" noValidate onSubmit={onSubmit}>
        <TextField
          id={`${id}-weeks`}
          type="number"
          inputMode="numeric"
          min={1}
          max={52}
          label={t('volunteers.weeks')}
          hint={t('volunteers.weeksHint')}
          value={input}
          onChange={(event) => setInput(event.target.value)}
        />
        <button type="submit" className="secondary">
          {t('volunteers.show')}
        </button>
      </form>
      {list.error ? (
        <p className="error-summary" role="alert">
          {list.error.message}
        </p>
      ) : null}
      <p role="status" className="result-count">
        {list.loading && !list.items
          ? t('common:loading')
          : list.items
            ? t(list.more ? 'volunteers.countSoFar' : 'volunteers.count', {
                count: list.items.length,
                weeks: t('volunteers.weeksSpan', { count: Number(weeks) }),
              })
            : null}
      </p>
      <ul className="plain-list">
        {list.items?.map((f) => (
          <li key={f.id} className="card" data-testid="volunteer-contact">
            <h2 className="volunteer-name" id={`volunteer-${f.id}`} tabIndex={-1}>
              <PersonName name={f.displayName} />{' '}
              {f.paused ? <span className="tag tag-warning">{t('facilitator.paused')}</span> : null}
            </h2>
            <dl className="details meta">
              <dt>{t('volunteers.supervisor')}</dt>
              <dd dir="auto">{f.supervisorName ?? t('volunteers.noSupervisor')}</dd>
              <dt>{t('facilitator.lastContact')}</dt>
              <dd>
                {f.lastContactAt
                  ? t('volunteers.contact', {
                      kind: words.contactKind(f.lastContactKind ?? ''),
                      date: format.date(f.lastContactAt),
                    })
                  : t('facilitator.noContact')}
              </dd>
            </dl>
          </li>
        ))}
      </ul>
      <MoreButton pages={list} label={t('volunteers.more')} />
    </section>
  );
}

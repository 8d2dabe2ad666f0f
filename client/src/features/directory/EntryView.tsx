// One service as families read it: what and where, in which languages, how to get in touch,
// whom to ask for, and when its details were last confirmed (marked if over a year ago).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isolate } from '../../lib/bidi.tsx';
import { isWebAddress, type DirectoryEntryInfo } from '../../../../server/protocol/directory.ts';
import { useFormat } from '../../lib/format.ts';
import { listFormat } from '../../lib/intl.ts';
import { LocalText } from '../groups/groupText.tsx';
import './directory.css';

/** How to get in touch, as links a phone can follow; shared with the chat's card. */
export function ContactList({
  entry,
}: {
  entry: Pick<DirectoryEntryInfo, 'phone' | 'email' | 'url' | 'address' | 'openingHours'>;
}) {
  const { t } = useTranslation('directory');
  const row = (label: string, value: ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <dl className="directory-contact">
      {entry.phone
        ? row(
            t('entry.phone'),
            <a href={`tel:${entry.phone.replace(/[\s()-]/g, '')}`} dir="ltr">
              {entry.phone}
            </a>,
          )
        : null}
      {entry.email
        ? row(
            t('entry.email'),
            <a href={`mailto:${entry.email}`} dir="ltr">
              {entry.email}
            </a>,
          )
        : null}
      {/* The server takes only http(s) addresses; a link is drawn for nothing else all the same. */}
      {entry.url && isWebAddress(entry.url)
        ? row(
            t('entry.website'),
            <a href={entry.url} dir="ltr" target="_blank" rel="noopener noreferrer">
              {entry.url}
            </a>,
          )
        : null}
      {entry.address ? row(t('entry.address'), <bdi>{entry.address}</bdi>) : null}
      {entry.openingHours ? row(t('entry.openingHours'), <bdi>{entry.openingHours}</bdi>) : null}
    </dl>
  );
}

export function EntryView({
  entry,
  headingLevel = 2,
  children,
}: {
  entry: DirectoryEntryInfo;
  headingLevel?: 2 | 3;
  /** Actions for this entry (share, edit, confirm). */
  children?: ReactNode;
}) {
  const { t } = useTranslation('directory');
  const format = useFormat();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const languages = listFormat(format.language, { type: 'unit' }).format(
    entry.languages.map(format.languageName),
  );
  return (
    <article
      className={`card directory-entry${entry.possiblyOutdated ? ' directory-outdated' : ''}`}
      data-testid="directory-entry"
      data-outdated={entry.possiblyOutdated}
    >
      <Heading dir="auto">{entry.name}</Heading>
      <p className="directory-tags">
        <span className="tag">{t(`needs.${entry.need}`)}</span>
        <span className="tag">{t(`groups:regions.${entry.region}`)}</span>
        {entry.possiblyOutdated ? (
          <span className="tag directory-outdated-tag" data-testid="outdated">
            {t('entry.outdated')}
          </span>
        ) : null}
      </p>
      {entry.possiblyOutdated ? <p className="directory-note">{t('entry.outdatedHint')}</p> : null}
      {entry.summary.length ? (
        <p>
          <LocalText texts={entry.summary} />
        </p>
      ) : null}
      <p className="meta">
        {t('entry.organisation', { name: entry.organisationName })}
        <br />
        {t('entry.languages', { list: languages })}
      </p>
      <ContactList entry={entry} />
      {entry.contactPerson ? (
        <p className="meta">
          {t('entry.contactPersonLine', { name: isolate(entry.contactPerson.displayName) })}
        </p>
      ) : null}
      <p className="meta">{t('entry.confirmed', { date: format.date(entry.confirmedAt) })}</p>
      {children ? <div className="directory-actions">{children}</div> : null}
    </article>
  );
}

// A service shared into a chat, as a card: its name, who provides it, what and where, and how
// to get in touch — readable without opening the directory, in the reader's UI language.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isolate } from '../../lib/bidi.tsx';
import type { SharedEntryCard } from '../../../../server/protocol/directory.ts';
import { useFormat } from '../../lib/format.ts';
import { listFormat } from '../../lib/intl.ts';
import { ContactList } from './EntryView.tsx';

export function SharedEntry({ card }: { card: SharedEntryCard }) {
  const { t } = useTranslation('directory');
  const format = useFormat();
  const id = useId();
  return (
    <section className="chat-entry-card" aria-labelledby={id} data-testid="shared-entry">
      <p className="meta">{t('share.card')}</p>
      <h4 id={id} dir="auto">
        {card.name}
      </h4>
      <p>
        <span className="tag">{t(`needs.${card.need}`)}</span>
        <span className="tag">{t(`groups:regions.${card.region}`)}</span>
      </p>
      <p className="meta">
        {t('entry.organisation', { name: card.organisationName })}
        <br />
        {t('entry.languages', {
          list: listFormat(format.language, { type: 'unit' }).format(
            card.languages.map(format.languageName),
          ),
        })}
      </p>
      <ContactList entry={card} />
      {card.contactName ? (
        <p className="meta">{t('entry.contactPersonLine', { name: isolate(card.contactName) })}</p>
      ) : null}
    </section>
  );
}

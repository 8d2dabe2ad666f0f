// The volunteer's side: the families they walk alongside — in the family's own words, with their
// conversation, meetings, what the family chose to share, and the log of contacts.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { VolunteerPairing } from '../../../../server/protocol/alongside.ts';
import { isolate } from '../../lib/bidi.tsx';
import { useFormat } from '../../lib/format.ts';
import { MessageIcon } from '../../lib/icons.ts';
import { useResource } from '../../lib/useResource.ts';
import { ContactLogForm } from './ContactLogForm.tsx';
import { NextMeeting } from './NextMeeting.tsx';
import { SharedAppointments } from './SharedAppointments.tsx';

export function VolunteerAlongside() {
  const { t } = useTranslation('alongside');
  const walking = useResource<VolunteerPairing[]>('/alongside/walking');
  if (!walking.data) return <p role="status">{walking.error?.message ?? t('common:loading')}</p>;
  if (walking.data.length === 0) return <p>{t('volunteer.none')}</p>;
  return (
    <ul className="plain-list">
      {walking.data.map((pairing) => (
        <WalkingCard key={pairing.id} pairing={pairing} onChange={walking.reload} />
      ))}
    </ul>
  );
}

function WalkingCard({ pairing, onChange }: { pairing: VolunteerPairing; onChange: () => void }) {
  const { t } = useTranslation('alongside');
  const format = useFormat();
  const name = isolate(pairing.counterpartName);
  const active = pairing.status === 'active';
  const minutes = pairing.contacts.reduce((sum, c) => sum + c.minutes, 0);
  const headingId = `walking-${pairing.id}`;
  return (
    <li className="card alongside-pair">
      <h3 id={headingId}>{t('volunteer.family', { name })}</h3>
      <p className="meta">
        {active
          ? t('volunteer.since', { date: format.date(pairing.startedAt) })
          : t('volunteer.endedOn', { date: format.date(pairing.endedAt ?? pairing.startedAt) })}
      </p>
      {active ? (
        <>
          <p className="quote" lang={pairing.helpLang} dir="auto">
            {pairing.help}
          </p>
          <p className="meta">
            {t('volunteer.languages', {
              languages: format.list(pairing.languages.map(format.languageName)),
            })}
          </p>
          <p>
            <Link className="button" to={`/messages/direct:${pairing.conversationId}`}>
              <MessageIcon aria-hidden="true" size={18} /> {t('volunteer.write', { name })}
            </Link>
          </p>
          <NextMeeting pairing={pairing} onChange={onChange} />
          <SharedAppointments pairingId={pairing.id} />
        </>
      ) : null}
      <section aria-labelledby={`${headingId}-log`}>
        <h4 id={`${headingId}-log`}>{t('log.title')}</h4>
        <p className="meta">
          {t('log.total', { count: pairing.contacts.length, minutes: format.number(minutes) })}
        </p>
        {active ? <ContactLogForm pairingId={pairing.id} onLogged={onChange} /> : null}
        {pairing.contacts.length > 0 ? (
          <ul className="contact-log">
            {pairing.contacts.map((c) => (
              <li key={c.id}>
                {format.localDate(c.date)} · {t(`log.kinds.${c.kind}`)} ·{' '}
                {t('log.minutesValue', { count: c.minutes })}
                {c.note ? (
                  <span className="meta" dir="auto">
                    {' '}
                    — {c.note}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </li>
  );
}

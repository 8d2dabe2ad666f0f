import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { TableDetail } from '../../../../server/protocol/partnership.ts';
import { PersonName } from '../../lib/bidi.tsx';
import { SelectField } from '../../lib/forms/fields.tsx';
import { useFormat } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { useSession } from '../account/session.tsx';
import { channelPath } from '../chat/conversationText.ts';
import { LanguageChips, LocalText, pickText } from '../groups/groupText.tsx';
import { JoinNow } from '../groups/JoinNow.tsx';
import { ActionItems } from './ActionItems.tsx';
import { Agenda } from './Agenda.tsx';
import { MembersEditor } from './MembersEditor.tsx';
import { MinutesEditor } from './MinutesEditor.tsx';
import { TableChat } from './TableChat.tsx';
import './table.css';

/**
 * /tables/:id: one meeting of a partnership table — joining it, its agenda, minutes and action
 * items (with the open ones from earlier meetings) — and the table's channel between meetings.
 */
export function TablePage() {
  const { t } = useTranslation('table');
  const format = useFormat();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { person } = useSession();
  const chosen = params.get('meeting');
  const query = chosen ? `?sessionId=${encodeURIComponent(chosen)}` : '';
  const table = useResource<TableDetail>(`/tables/${encodeURIComponent(id)}${query}`);
  const d = table.data?.id === id ? table.data : undefined;
  usePageTitle(d ? (pickText(d.title, format.language)?.text ?? t('title')) : t('title'));

  if (!d) {
    return (
      <section className="page">
        {table.error ? (
          <>
            <h1>{table.error.status === 404 ? t('notFound') : t('loadFailed')}</h1>
            <p>{table.error.message}</p>
          </>
        ) : (
          <p role="status">{t('common:loading')}</p>
        )}
        <p>
          <Link to="/tables">{t('back')}</Link>
        </p>
      </section>
    );
  }

  const meeting = d.meeting;
  const hosting = person?.id === d.host.id;
  // A coordinator who does not sit at the table reads and writes its records, but its video and
  // chat are for those at the table.
  const sitsAt = hosting || d.members.some((m) => m.id === person?.id);
  return (
    <section className="page table-page">
      <p>
        <Link to="/tables">{t('back')}</Link>
      </p>
      <h1>
        <LocalText texts={d.title} />
      </h1>
      <LanguageChips codes={d.sessionLanguages} />
      <dl className="details">
        <dt>{t('host')}</dt>
        <dd>
          <PersonName name={d.host.displayName} />
        </dd>
        <dt>{t('members')}</dt>
        <dd>
          <ul className="plain-list table-members">
            {d.members.map((m) => (
              <li key={m.id}>
                <PersonName name={m.displayName} />
                {m.organisation ? <span className="meta"> · {m.organisation}</span> : null}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {d.canManage ? <MembersEditor table={d} onSaved={table.reload} /> : null}
      {sitsAt ? (
        <p>
          <Link to={channelPath(d.channelId)}>{t('openChannel')}</Link>
        </p>
      ) : null}

      {d.meetings.length > 1 ? (
        <SelectField
          id="table-meeting"
          label={t('chooseMeeting')}
          value={meeting?.id ?? ''}
          onChange={(ev) => setParams({ meeting: ev.target.value })}
        >
          {d.meetings.map((m) => (
            <option key={m.id} value={m.id}>
              {format.sessionTime(m.startsAt)}
              {m.status === 'cancelled' ? ` (${t('cancelled')})` : ''}
            </option>
          ))}
        </SelectField>
      ) : null}

      {meeting ? (
        <section className="section" aria-labelledby="table-meeting-heading">
          <h2 id="table-meeting-heading">
            {t('meetingOn', { when: format.sessionTime(meeting.startsAt) })}
          </h2>
          <p className="meta">{t('groups:sessions.finnishTime')}</p>
          {meeting.status === 'cancelled' ? <p className="notice">{t('cancelled')}</p> : null}
          {sitsAt ? (
            <JoinNow
              sessions={d.nextSessions.filter((s) => s.id === meeting.id)}
              title={d.title}
              hosting={hosting}
            />
          ) : null}
          <Agenda table={d} onChange={table.reload} />
          <MinutesEditor table={d} onChange={table.reload} />
          <ActionItems table={d} onChange={table.reload} />
        </section>
      ) : (
        <p>{t('noMeetings')}</p>
      )}
      {sitsAt ? <TableChat table={d} /> : null}
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MeetingInfo } from '../../../../server/protocol/groups.ts';
import { LanguageChips, LocalText } from '../groups/groupText.tsx';
import { SessionList } from '../groups/SessionList.tsx';
import { JoinNow } from '../groups/JoinNow.tsx';
import type { Choice } from './memberChoices.ts';
import { MembersEditor } from './MembersEditor.tsx';
import { PersonName, PersonNames } from '../../lib/bidi.tsx';

/** One meeting on the meetings page: who, when, joining, and for its host the members. */
export function MeetingCard({
  meeting,
  choices,
  onChange,
}: {
  meeting: MeetingInfo;
  choices: readonly Choice[];
  onChange: () => void;
}) {
  const { t } = useTranslation('meetings');
  const headingId = `meeting-${meeting.id}`;
  return (
    <article className="card meeting-card" aria-labelledby={headingId} data-meeting-id={meeting.id}>
      <h3 id={headingId}>
        <Link to={`/groups/${meeting.id}`}>
          <LocalText texts={meeting.title} />
        </Link>
      </h3>
      <LanguageChips codes={meeting.sessionLanguages} />
      <dl className="details">
        <dt>{t('facts.host')}</dt>
        <dd>
          <PersonName name={meeting.host.displayName} />
        </dd>
        <dt>{t('facts.members')}</dt>
        <dd>
          {t('memberCount', { count: meeting.members.length })}
          {meeting.members.length > 0 ? ': ' : ''}
          <PersonNames names={meeting.members.map((m) => m.displayName)} />
        </dd>
      </dl>
      <h4>{t('nextSessions')}</h4>
      <p className="meta">{t('groups:sessions.finnishTime')}</p>
      <SessionList sessions={meeting.nextSessions.slice(0, 3)} />
      <JoinNow sessions={meeting.nextSessions} title={meeting.title} />
      <p>
        <Link to={`/groups/${meeting.id}`}>
          {t('openPage')}
          <span className="visually-hidden">
            {' '}
            <LocalText texts={meeting.title} />
          </span>
        </Link>
      </p>
      {meeting.canManage ? (
        <MembersEditor meeting={meeting} choices={choices} onSaved={onChange} />
      ) : null}
    </article>
  );
}

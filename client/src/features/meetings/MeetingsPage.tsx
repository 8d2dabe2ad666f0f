import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MEETING_KINDS, type MeetingInfo } from '../../../../server/protocol/groups.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { MeetingCard } from './MeetingCard.tsx';
import { useMemberChoices } from './memberChoices.ts';
import './meetings.css';

/** /meetings: the facilitators' own meetings (a coordinator's: all), by kind. */
export function MeetingsPage() {
  const { t } = useTranslation('meetings');
  usePageTitle(t('title'));
  const meetings = useResource<MeetingInfo[]>('/meetings');
  const { choices } = useMemberChoices();
  const list = meetings.data;

  return (
    <section className="page meetings-page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <p>
        <Link className="button" to="/meetings/new">
          {t('newLink')}
        </Link>
      </p>
      {meetings.error ? (
        <p className="error-summary" role="alert">
          {t('loadFailed')} {meetings.error.message}
        </p>
      ) : null}
      {!list && !meetings.error ? <p role="status">{t('common:loading')}</p> : null}
      {list?.length === 0 ? <p>{t('none')}</p> : null}
      {MEETING_KINDS.map((kind) => {
        const ofKind = (list ?? []).filter((m) => m.kind === kind);
        if (ofKind.length === 0) return null;
        return (
          <section key={kind} className="section" aria-labelledby={`meetings-${kind}`}>
            <h2 id={`meetings-${kind}`}>{t(`kinds.${kind}`)}</h2>
            <ul className="plain-list meeting-list">
              {ofKind.map((meeting) => (
                <li key={meeting.id}>
                  <MeetingCard meeting={meeting} choices={choices} onChange={meetings.reload} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </section>
  );
}

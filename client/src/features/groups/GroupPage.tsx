import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { GroupDetail } from '../../../../server/protocol/groups.ts';
import { PersonNames } from '../../lib/bidi.tsx';
import { useFormat } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { useSession } from '../account/session.tsx';
import { GroupChatAside } from '../chat/GroupChatAside.tsx';
import { MeetingFacts } from '../meetings/MeetingFacts.tsx';
import { EnrolSection } from './EnrolSection.tsx';
import { JoinNow } from './JoinNow.tsx';
import { LanguageChips, LocalText, pickText, useGroupWords } from './groupText.tsx';
import { SavedNotice } from './SavedNotice.tsx';
import { SessionList } from './SessionList.tsx';
import { useGroupChanges } from './useGroupChanges.ts';

/** A group's public page: what it is, when, who leads it, and enrolling. */
export function GroupPage() {
  const { t } = useTranslation('groups');
  const { id = '' } = useParams();
  const format = useFormat();
  const { person } = useSession();
  const group = useResource<GroupDetail>(`/groups/${encodeURIComponent(id)}`);
  const g = group.data?.id === id ? group.data : undefined;
  // A place freed, a session started or ended: the page follows without a reload.
  useGroupChanges([id], group.reload);
  usePageTitle(g ? (pickText(g.title, format.language)?.text ?? '') : t('catalogue.title'));

  if (!g) {
    return (
      <section className="page">
        {group.error ? (
          <>
            <h1>{group.error.status === 404 ? t('group.notFound') : t('group.loadFailed')}</h1>
            <p>{group.error.message}</p>
            <p>
              <Link to="/groups">{t('group.backToCatalogue')}</Link>
            </p>
          </>
        ) : (
          <p role="status">{t('common:loading')}</p>
        )}
      </section>
    );
  }

  const mayReadRoster = g.can.manage || person?.id === g.trainerId;
  // A facilitators' meeting: no catalogue, enrolment or observers, and its own form (/meetings).
  const meeting = g.kind !== 'family';
  // Members get the group's chat beside the page (below it on a phone).
  return (
    <div className="group-layout">
      <article className="page group-page">
        <p>
          {g.kind === 'partnership' ? (
            <Link to={`/tables/${g.id}`}>{t('table:openTable')}</Link>
          ) : meeting ? (
            <Link to="/meetings">{t('meetings:backToMeetings')}</Link>
          ) : (
            <Link to="/groups">{t('group.backToCatalogue')}</Link>
          )}
        </p>
        <h1>
          <LocalText texts={g.title} />
        </h1>
        {g.status !== 'open' ? <p className="tag">{t(`statuses.${g.status}`)}</p> : null}
        <SavedNotice group={g} />
        {mayReadRoster || (g.can.edit && !meeting) ? (
          <nav className="sub-nav" aria-label={t('manage.navLabel')}>
            <ul>
              {mayReadRoster ? (
                <li>
                  <Link to={`/groups/${g.id}/manage`}>{t('manage.link')}</Link>
                </li>
              ) : null}
              {g.can.edit && !meeting ? (
                <li>
                  <Link to={`/groups/${g.id}/edit`}>{t('setup.editLink')}</Link>
                </li>
              ) : null}
            </ul>
          </nav>
        ) : null}
        <LanguageChips codes={g.sessionLanguages} />
        {meeting ? (
          <MeetingFacts group={g} />
        ) : (
          <>
            {/* Someone already in the group (or running it) is not invited to its waitlist. */}
            <GroupFacts group={g} inside={person !== null && !g.can.enrol} />
            <div className="group-description">
              <LocalText texts={g.description} className="message-text" />
            </div>
            {/* Before enrolling, families know whether anyone observes. */}
            <div className="notice observation">
              <h2 className="notice-title">{t('observation.title')}</h2>
              <p>{g.observationAllowed ? t('observation.allowed') : t('observation.notAllowed')}</p>
            </div>
          </>
        )}
        <section className="section" aria-labelledby="sessions-heading">
          <h2 id="sessions-heading">{t('group.nextSessions')}</h2>
          <p className="meta">{t('sessions.finnishTime')}</p>
          {meeting || g.can.join ? (
            <JoinNow sessions={g.nextSessions} title={g.title} hosting={g.can.host} />
          ) : null}
          <SessionList sessions={g.nextSessions} observe={g.can.observe} />
        </section>
        {meeting ? null : <EnrolSection group={g} onChange={group.reload} />}
      </article>
      <GroupChatAside group={g} />
    </div>
  );
}

function GroupFacts({ group, inside }: { group: GroupDetail; inside: boolean }) {
  const { t } = useTranslation('groups');
  const words = useGroupWords();
  const format = useFormat();
  return (
    <dl className="details group-facts">
      <dt>{t('group.when')}</dt>
      <dd>{words.schedule(group.schedule)}</dd>
      <dt>{t('group.topics')}</dt>
      <dd>{format.list(group.topics.map(words.topic))}</dd>
      <dt>{t('group.audience')}</dt>
      <dd>{words.audience(group.audience)}</dd>
      <dt>{t('group.region')}</dt>
      <dd>{words.region(group.region)}</dd>
      <dt>{t('group.facilitators')}</dt>
      <dd>
        <PersonNames
          names={[group.leadFacilitator, group.coFacilitator]
            .filter((p) => p !== null)
            .map((p) => p.displayName)}
        />
      </dd>
      <dt>{t('group.places')}</dt>
      <dd>
        {words.places(group, inside)} {t('places.capacity', { count: group.capacity })}
      </dd>
    </dl>
  );
}

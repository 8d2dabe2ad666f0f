import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyGroups } from '../../../../server/protocol/groups.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { CalendarFeedSection } from './CalendarFeedSection.tsx';
import { CalendarFileLink } from './CalendarFileLink.tsx';
import { EnrolmentStatusText } from './EnrolmentStatus.tsx';
import { GroupCardView } from './GroupCardView.tsx';
import { LanguageChips, LocalText, useGroupWords } from './groupText.tsx';
import { RemindersSection } from './RemindersSection.tsx';
import { UpcomingSessions } from './UpcomingSessions.tsx';
import { useGroupChanges } from './useGroupChanges.ts';
import { ReportsDue } from '../supervision/ReportsDue.tsx';

/**
 * My sessions and groups. As a home page it keeps the welcome heading and leaves reminders and the
 * calendar to /my-groups; a facilitator's home (`home="facilitator"`) is their work: the sessions
 * they lead next, the reports waiting for them, their groups.
 */
export function MyGroupsPage({ home }: { home?: 'family' | 'facilitator' }) {
  const { t } = useTranslation('groups');
  usePageTitle(home ? '' : t('myGroups.title'));
  const mine = useResource<MyGroups>('/groups/mine');
  const data = mine.data;
  // Promoted from the waitlist, a session started or ended: shown as it happens.
  const groupIds = [
    ...(data?.enrolments.map((e) => e.groupId) ?? []),
    ...(data?.running.map((g) => g.id) ?? []),
  ];
  useGroupChanges(groupIds, mine.reload);
  // Facilitators' meetings have their own page (/meetings); here only family groups and a link.
  const running = data?.running.filter((g) => g.kind === 'family') ?? [];
  const familyEnrolments = data?.enrolments.filter((e) => e.group.kind === 'family') ?? [];
  // A facilitator who takes part in no group as a family is not asked to find one.
  const showEnrolments = home !== 'facilitator' || familyEnrolments.length > 0;
  const meetings = new Set(
    [...(data?.enrolments.map((e) => e.group) ?? []), ...(data?.running ?? [])]
      .filter((g) => g.kind !== 'family')
      .map((g) => g.id),
  ).size;

  return (
    <section className="page">
      <h1>
        {home === 'facilitator'
          ? t('myGroups.facilitatorTitle')
          : home
            ? t('common:home.title')
            : t('myGroups.title')}
      </h1>
      {home ? (
        <p className="lead">
          {home === 'facilitator' ? t('myGroups.facilitatorIntro') : t('myGroups.homeIntro')}
        </p>
      ) : null}
      {mine.error ? (
        <p className="error-summary" role="alert">
          {mine.error.message}
        </p>
      ) : null}
      {!data ? <p role="status">{mine.error ? null : t('common:loading')}</p> : null}
      {data ? (
        <>
          <section className="section" aria-labelledby="upcoming-heading">
            <h2 id="upcoming-heading">{t('myGroups.upcoming')}</h2>
            <UpcomingSessions sessions={data.upcoming} />
          </section>
          {home === 'facilitator' ? <ReportsDue /> : null}
          {home ? (
            <section className="section" aria-labelledby="alongside-heading">
              <h2 id="alongside-heading">{t('alongside:home.title')}</h2>
              <p>{t(`alongside:home.${home}`)}</p>
              <Link to="/alongside">{t('alongside:home.link')}</Link>
            </section>
          ) : null}
          {home === 'facilitator' ? (
            <section className="section" aria-labelledby="services-heading">
              <h2 id="services-heading">{t('directory:home.title')}</h2>
              <p>{t('directory:home.text')}</p>
              <Link to="/directory">{t('directory:home.link')}</Link>
            </section>
          ) : null}
          {showEnrolments || meetings > 0 ? (
            <section
              className="section"
              aria-labelledby={showEnrolments ? 'enrolments-heading' : undefined}
            >
              {showEnrolments ? (
                <>
                  <h2 id="enrolments-heading">{t('myGroups.enrolments')}</h2>
                  <Enrolments enrolments={familyEnrolments} />
                </>
              ) : null}
              {meetings > 0 ? (
                <p>
                  {t('meetings:myGroups.meetings', { count: meetings })}{' '}
                  <Link to="/meetings">{t('meetings:myGroups.link')}</Link>
                </p>
              ) : null}
            </section>
          ) : null}
          {running.length > 0 ? (
            <section className="section" aria-labelledby="running-heading">
              <h2 id="running-heading">{t('myGroups.running')}</h2>
              <ul className="plain-list">
                {running.map((group) => (
                  <li key={group.id}>
                    <GroupCardView group={group} headingLevel={3} />
                    <p className="running-link">
                      <Link to={`/groups/${group.id}/manage`}>
                        {t('manage.link')}
                        <span className="visually-hidden">
                          {' '}
                          <LocalText texts={group.title} />
                        </span>
                      </Link>
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
      {home ? (
        <p>
          <Link to="/my-groups">{t('myGroups.remindersLink')}</Link>
        </p>
      ) : (
        <>
          <RemindersSection />
          <CalendarFeedSection />
        </>
      )}
    </section>
  );
}

function Enrolments({ enrolments }: { enrolments: MyGroups['enrolments'] }) {
  const { t } = useTranslation('groups');
  const words = useGroupWords();
  if (enrolments.length === 0)
    return (
      <p>
        {t('myGroups.none')} <Link to="/groups">{t('myGroups.browse')}</Link>
      </p>
    );
  return (
    <ul className="plain-list">
      {enrolments.map(({ group, ...enrolment }) => (
        <li key={enrolment.id} className="card my-enrolment">
          <h3>
            <Link to={`/groups/${group.id}`}>
              <LocalText texts={group.title} />
            </Link>
          </h3>
          <LanguageChips codes={group.sessionLanguages} />
          <p>{words.weekdayAt(group.weekday, group.startTime)}</p>
          <p>
            <strong>
              <EnrolmentStatusText enrolment={enrolment} />
            </strong>
          </p>
          {enrolment.status === 'confirmed' ? (
            <p>
              <CalendarFileLink groupId={group.id} />
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

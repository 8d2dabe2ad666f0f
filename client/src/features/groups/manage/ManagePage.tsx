import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { GroupDetail, UpcomingSession } from '../../../../../server/protocol/groups.ts';
import { ForbiddenPage } from '../../../app/ForbiddenPage.tsx';
import { useFormat } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/usePageTitle.ts';
import { useResource } from '../../../lib/useResource.ts';
import { useSession } from '../../account/session.tsx';
import { GroupLoadingPage, GroupSubpageHeading } from '../groupSubpage.tsx';
import { pickText } from '../groupText.tsx';
import { useGroupChanges } from '../useGroupChanges.ts';
import { AttendanceSection } from './AttendanceSection.tsx';
import { EnrolmentsSection } from './EnrolmentsSection.tsx';
import { PlanEditor } from './PlanEditor.tsx';
import { InterpretersSection } from './InterpretersSection.tsx';
import { ScheduleChangeForm } from './ScheduleChangeForm.tsx';

/** Running a group: its facilitators and coordinators act here; its trainer may read. */
export function ManagePage() {
  const { t } = useTranslation('groups');
  const { id = '' } = useParams();
  const format = useFormat();
  const { person } = useSession();
  const group = useResource<GroupDetail>(`/groups/${encodeURIComponent(id)}`);
  const sessions = useResource<UpcomingSession[]>(`/groups/${encodeURIComponent(id)}/sessions`);
  const g = group.data?.id === id ? group.data : undefined;
  // Enrolments and sessions change as families enrol and sessions are held: shown as they happen.
  useGroupChanges([id], () => {
    group.reload();
    sessions.reload();
  });
  const title = g ? (pickText(g.title, format.language)?.text ?? '') : '';
  usePageTitle(t('manage.title', { group: title }));

  if (!g) return <GroupLoadingPage error={group.error} />;
  const readOnly = !g.can.manage;
  if (readOnly && person?.id !== g.trainerId) return <ForbiddenPage />;
  const changed = () => {
    group.reload();
    sessions.reload();
  };

  return (
    <section className="page">
      <GroupSubpageHeading group={g} heading={t('manage.heading')} />
      {readOnly ? <p className="notice">{t('manage.readOnly')}</p> : null}
      <EnrolmentsSection group={g} readOnly={readOnly} onChange={group.reload} />
      {readOnly ? null : (
        <section className="section" aria-labelledby="changes-heading">
          <h2 id="changes-heading">{t('changes.title')}</h2>
          <ScheduleChangeForm group={g} sessions={sessions.data ?? []} onChanged={changed} />
        </section>
      )}
      {readOnly ? null : (
        <section className="section" aria-labelledby="plan-heading">
          <h2 id="plan-heading">{t('plan.heading')}</h2>
          <PlanEditor groupId={g.id} />
        </section>
      )}
      {readOnly ? null : (
        <section className="section" aria-labelledby="interpreters-heading">
          <h2 id="interpreters-heading">{t('interpreters.heading')}</h2>
          <InterpretersSection sessions={sessions.data ?? []} />
        </section>
      )}
      <AttendanceSection
        sessions={sessions.data ?? []}
        readOnly={readOnly}
        canReport={[g.leadFacilitator.id, g.coFacilitator?.id].includes(person?.id)}
      />
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { GroupDetail, UpcomingSession } from '../../../../../server/protocol/groups.ts';
import { useFormat } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/usePageTitle.ts';
import { useResource } from '../../../lib/useResource.ts';
import { useSession } from '../../account/session.tsx';
import { LocalText, pickText } from '../groupText.tsx';
import { AttendanceSection } from './AttendanceSection.tsx';
import { EnrolmentsSection } from './EnrolmentsSection.tsx';
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
  const title = g ? (pickText(g.title, format.language)?.text ?? '') : '';
  usePageTitle(t('manage.title', { group: title }));

  if (!g) {
    return (
      <section className="page">
        <p role={group.error ? 'alert' : 'status'}>
          {group.error ? group.error.message : t('common:loading')}
        </p>
      </section>
    );
  }
  const readOnly = !g.can.manage;
  if (readOnly && person?.id !== g.trainerId) {
    return (
      <section className="page">
        <h1>{t('common:forbidden.title')}</h1>
        <p>{t('common:forbidden.text')}</p>
      </section>
    );
  }
  const changed = () => {
    group.reload();
    sessions.reload();
  };

  return (
    <section className="page">
      <p>
        <Link to={`/groups/${g.id}`}>{t('manage.backToGroup')}</Link>
      </p>
      <h1>
        {t('manage.heading')}: <LocalText texts={g.title} />
      </h1>
      {readOnly ? <p className="notice">{t('manage.readOnly')}</p> : null}
      <EnrolmentsSection group={g} readOnly={readOnly} onChange={group.reload} />
      {readOnly ? null : (
        <section className="section" aria-labelledby="changes-heading">
          <h2 id="changes-heading">{t('changes.title')}</h2>
          <ScheduleChangeForm group={g} sessions={sessions.data ?? []} onChanged={changed} />
        </section>
      )}
      <AttendanceSection sessions={sessions.data ?? []} readOnly={readOnly} />
    </section>
  );
}

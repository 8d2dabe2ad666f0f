import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { GroupDetail } from '../../../../../server/protocol/groups.ts';
import { ForbiddenPage } from '../../../app/ForbiddenPage.tsx';
import { useFormat } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/usePageTitle.ts';
import { useResource } from '../../../lib/useResource.ts';
import { hasAnyRole, useSession } from '../../account/session.tsx';
import { AdminNav } from '../../admin/AdminNav.tsx';
import { GroupLoadingPage, GroupSubpageHeading } from '../groupSubpage.tsx';
import { emptyForm, formFromGroup } from './formState.ts';
import { GroupForm } from './GroupForm.tsx';

/** /admin/groups/new (coordinators) and /groups/:id/edit (coordinators, lead facilitator). */
export function GroupSetupPage() {
  const { id } = useParams();
  return id ? <EditGroup id={id} /> : <NewGroup />;
}

function NewGroup() {
  const { t } = useTranslation('groups');
  usePageTitle(t('setup.newTitle'));
  const format = useFormat();
  return (
    <section className="page">
      <AdminNav />
      <h1>{t('setup.newTitle')}</h1>
      <p>{t('setup.intro')}</p>
      <GroupForm initial={emptyForm(format.language)} textsOnly={false} />
    </section>
  );
}

function EditGroup({ id }: { id: string }) {
  const { t } = useTranslation('groups');
  usePageTitle(t('setup.editTitle'));
  const { person } = useSession();
  const group = useResource<GroupDetail>(`/groups/${encodeURIComponent(id)}`);
  const g = group.data?.id === id ? group.data : undefined;
  if (!g) return <GroupLoadingPage error={group.error} />;
  if (!g.can.edit) return <ForbiddenPage />;
  return (
    <section className="page">
      <GroupSubpageHeading group={g} heading={t('setup.editTitle')} />
      <GroupForm
        key={g.id}
        initial={formFromGroup(g)}
        group={g}
        textsOnly={!hasAnyRole(person, ['coordinator'])}
      />
    </section>
  );
}

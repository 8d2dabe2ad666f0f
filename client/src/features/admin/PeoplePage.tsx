import { useTranslation } from 'react-i18next';
import type { InvitationInfo, OrganisationInfo } from '../../../../server/protocol/api.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { AdminNav } from './AdminNav.tsx';
import { InvitationList } from './InvitationList.tsx';
import { InviteForm } from './InviteForm.tsx';
import { PeopleList } from './PeopleList.tsx';

/** The coordinator's page: invite people, follow invitations, and set everyone's roles. */
export function PeoplePage() {
  const { t } = useTranslation('account');
  usePageTitle(t('admin.people.title'));
  const organisations = useResource<OrganisationInfo[]>('/organisations');
  const invitations = useResource<InvitationInfo[]>('/invitations');
  return (
    <section className="page">
      <AdminNav />
      <h1>{t('admin.people.title')}</h1>
      <section className="section" aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t('admin.invite.title')}</h2>
        <InviteForm organisations={organisations.data ?? []} onInvited={invitations.reload} />
      </section>
      <section className="section" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">{t('admin.invitations.title')}</h2>
        <InvitationList resource={invitations} />
      </section>
      <section className="section" aria-labelledby="people-heading">
        <h2 id="people-heading">{t('admin.people.listTitle')}</h2>
        <PeopleList organisations={organisations.data ?? []} />
      </section>
    </section>
  );
}

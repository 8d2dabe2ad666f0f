// For coordinators: partner organisations and their named contact persons. An organisation
// without an active contact person is flagged first; a contact person leaving hands everything
// they held over to a successor, and the history stays.
import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '../../../../server/protocol/api.ts';
import type { PartnerOrganisationInfo } from '../../../../server/protocol/partners.ts';
import { AlertIcon } from '../../lib/icons.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { AdminNav } from '../admin/AdminNav.tsx';
import { ContactList } from './ContactList.tsx';
import { PartnerForm } from './PartnerForm.tsx';

export function PartnersPage() {
  const { t } = useTranslation('partners');
  usePageTitle(t('admin.title'));
  const partners = useResource<PartnerOrganisationInfo[]>('/partners');
  const workers = useResource<PersonSummary[]>('/people?role=partner');
  const list = [...(partners.data ?? [])].sort(
    (a, b) => Number(b.needsContact) - Number(a.needsContact),
  );
  const flagged = list.filter((p) => p.needsContact).length;
  return (
    <section className="page">
      <AdminNav />
      <h1>{t('admin.title')}</h1>
      <p className="lead">{t('admin.intro')}</p>
      {flagged ? (
        <p className="notice warning" role="status">
          <AlertIcon aria-hidden="true" className="icon" />
          {t('admin.flagged', { count: flagged })}
        </p>
      ) : null}
      {partners.error ? <p role="alert">{partners.error.message}</p> : null}
      <ul className="plain-list">
        {list.map((org) => (
          <li key={org.id} className="card partner-card" data-testid="partner-organisation">
            <h2>{org.name}</h2>
            <p className="meta">
              {t(`kind.${org.partnerKind}`)} · {t(`groups:regions.${org.region}`)}
            </p>
            {org.needsContact ? (
              <p className="tag warning" data-testid="needs-contact">
                <AlertIcon aria-hidden="true" className="icon" />
                {t('admin.needsContact')}
              </p>
            ) : null}
            <ContactList
              organisation={org}
              workers={(workers.data ?? []).filter((w) => w.organisationId === org.id)}
              onChange={partners.reload}
            />
          </li>
        ))}
      </ul>
      <section className="section" aria-labelledby="new-partner-heading">
        <h2 id="new-partner-heading">{t('admin.newTitle')}</h2>
        <PartnerForm onCreated={partners.reload} />
      </section>
    </section>
  );
}

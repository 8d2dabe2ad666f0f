// For a partner worker: their organisation as Rinnalla knows it, and its named contact persons
// (who the coordinators reach, and who holds the organisation's referrals).
import { useTranslation } from 'react-i18next';
import type { PartnerOrganisationInfo } from '../../../../server/protocol/partners.ts';
import { PersonNames } from '../../lib/bidi.tsx';
import { useResource } from '../../lib/useResource.ts';

export function OwnOrganisation() {
  const { t } = useTranslation('partners');
  const groupsT = useTranslation('groups').t;
  const [org] = useResource<PartnerOrganisationInfo[]>('/partners').data ?? [];
  if (!org) return null;
  const contacts = org.contacts.filter((c) => !c.leftAt);
  return (
    <section className="section" aria-labelledby="own-organisation-heading">
      <h2 id="own-organisation-heading">{org.name}</h2>
      <p className="meta">
        {t(`kind.${org.partnerKind}`)} · {groupsT(`regions.${org.region}`)}
      </p>
      <p>
        {contacts.length ? (
          <>
            {t('own.contacts')} <PersonNames names={contacts.map((c) => c.displayName)} />
          </>
        ) : (
          t('own.noContact')
        )}
      </p>
    </section>
  );
}

// Walk-alongside (rinnallakulku): a family's page and a volunteer's, on one address; someone who is
// both sees both.
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { hasAnyRole, useSession } from '../account/session.tsx';
import { FamilyAlongside } from './FamilyAlongside.tsx';
import { VolunteerAlongside } from './VolunteerAlongside.tsx';
import './alongside.css';

export function AlongsidePage() {
  const { t } = useTranslation('alongside');
  const { person } = useSession();
  usePageTitle(t('title'));
  const family = hasAnyRole(person, ['family']);
  const volunteer = hasAnyRole(person, ['facilitator']);
  return (
    <section className="page">
      <h1>{t('title')}</h1>
      {family ? <FamilyAlongside /> : null}
      {volunteer ? (
        <section className="section" aria-labelledby="walking-heading">
          <h2 id="walking-heading">{t('volunteer.title')}</h2>
          <VolunteerAlongside />
        </section>
      ) : null}
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasAnyRole, useSession } from '../account/session.tsx';
import { MyGroupsPage } from '../groups/MyGroupsPage.tsx';

/** Signed-in families start from their groups; everyone else from the welcome. */
export function HomePage() {
  const { t } = useTranslation();
  const { person } = useSession();
  if (hasAnyRole(person, ['family'])) return <MyGroupsPage home />;
  return (
    <section className="page">
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.intro')}</p>
      <p>{t('home.safety')}</p>
      <p>
        <Link className="button" to="/groups">
          {t('home.findGroup')}
        </Link>
      </p>
      <h2>{t('recruitment:nav.volunteer')}</h2>
      <p>{t('recruitment:home.volunteerText')}</p>
      <p>
        <Link to="/volunteer">{t('recruitment:nav.volunteer')}</Link>
      </p>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { hasAnyRole, useSession } from '../account/session.tsx';
import { page } from '../../app/page.ts';

// A visitor's first page needs only the welcome: a family's groups load once signed in.
const MyGroupsPage = page(() => import('../groups/MyGroupsPage.tsx'), 'MyGroupsPage');

/**
 * Each person starts from their own work: a coordinator from the groups, a trainer from the
 * supervision dashboard, a facilitator from the sessions they lead, a family from its groups, a
 * partner from their referrals; a visitor from the welcome.
 */
export function HomePage() {
  const { person } = useSession();
  if (hasAnyRole(person, ['coordinator'])) return <Navigate to="/admin/groups" replace />;
  if (hasAnyRole(person, ['trainer'])) return <Navigate to="/supervision" replace />;
  if (hasAnyRole(person, ['facilitator'])) return <MyGroupsPage home="facilitator" />;
  if (hasAnyRole(person, ['family'])) return <MyGroupsPage home="family" />;
  if (hasAnyRole(person, ['partner'])) return <Navigate to="/referrals" replace />;
  return <Welcome />;
}

function Welcome() {
  const { t } = useTranslation();
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

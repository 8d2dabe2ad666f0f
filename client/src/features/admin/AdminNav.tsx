import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** Between the coordinator's pages. */
export function AdminNav() {
  const { t } = useTranslation();
  return (
    <nav className="sub-nav" aria-label={t('nav.admin')}>
      <ul>
        <li>
          <NavLink to="/admin/people">{t('nav.people')}</NavLink>
        </li>
        <li>
          <NavLink to="/admin/volunteers">{t('supervision:nav.volunteers')}</NavLink>
        </li>
        <li>
          <NavLink to="/admin/audit">{t('nav.audit')}</NavLink>
        </li>
        <li>
          <NavLink to="/admin/outbox">{t('nav.outbox')}</NavLink>
        </li>
        <li>
          <NavLink to="/admin/recruitment">{t('recruitment:nav.admin')}</NavLink>
        </li>
        <li>
          <NavLink to="/admin/groups">{t('nav.groupSetup')}</NavLink>
        </li>
        <li>
          <NavLink to="/admin/reach">{t('nav.reach')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}

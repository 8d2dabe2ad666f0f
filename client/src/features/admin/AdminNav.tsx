import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** The coordinator's administration pages, in one order for this bar and the main menu. */
export function adminPages(t: TFunction): { to: string; label: string }[] {
  return [
    { to: '/admin/groups', label: t('nav.groupSetup') },
    { to: '/admin/reach', label: t('nav.reach') },
    { to: '/admin/report', label: t('report:nav') },
    { to: '/admin/people', label: t('nav.people') },
    { to: '/admin/partners', label: t('partners:nav.partners') },
    { to: '/admin/alongside', label: t('alongside:nav.admin') },
    { to: '/admin/volunteers', label: t('supervision:nav.volunteers') },
    { to: '/admin/recruitment', label: t('recruitment:nav.admin') },
    { to: '/admin/audit', label: t('nav.audit') },
    { to: '/admin/outbox', label: t('nav.outbox') },
  ];
}

/** Between the coordinator's pages. */
export function AdminNav() {
  const { t } = useTranslation();
  return (
    <nav className="sub-nav" aria-label={t('nav.admin')}>
      <ul>
        {adminPages(t).map((page) => (
          <li key={page.to}>
            <NavLink to={page.to}>{page.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';

/** The shell: skip link, header with navigation and language, the page, a footer. */
export function Layout() {
  const { t } = useTranslation();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="shell-header">
        <NavLink to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>{t('appName')}</span>
        </NavLink>
        <nav aria-label={t('nav.label')} className="shell-nav">
          <NavLink to="/" end>
            {t('nav.home')}
          </NavLink>
        </nav>
        <LanguageSwitcher />
      </header>
      <main id="main" className="shell-main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="shell-footer">
        <span>{t('tagline')}</span>
      </footer>
    </div>
  );
}

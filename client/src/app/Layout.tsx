import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { ChatProvider } from '../features/chat/ChatProvider.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { Navigation } from './Navigation.tsx';

/**
 * The shell: skip link, header with navigation and language, the page, a footer. The chat
 * connection lives here, above every page, so it survives moving between them.
 */
export function Layout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(pathname);

  // After moving to another page, start from its content (not on the first load).
  useEffect(() => {
    if (pathname !== firstPath.current) {
      firstPath.current = '';
      main.current?.focus();
    }
  }, [pathname]);

  return (
    <ChatProvider>
      <div className="shell">
        <a className="skip-link" href="#main">
          {t('skipToContent')}
        </a>
        <header className="shell-header">
          {/* Home, also for screen readers: the menu's own "Home" shows only when folded. */}
          <NavLink to="/" className="brand">
            <span className="brand-mark" aria-hidden="true" />
            <span>{t('appName')}</span>
            <span className="visually-hidden"> {t('nav.home')}</span>
          </NavLink>
          <Navigation />
          <LanguageSwitcher />
        </header>
        <main id="main" ref={main} className="shell-main" tabIndex={-1}>
          {/* Pages load on demand (App.tsx): the shell stays while one arrives. */}
          <Suspense fallback={<p role="status">{t('loading')}</p>}>
            <Outlet />
          </Suspense>
        </main>
        <footer className="shell-footer">
          <span>{t('tagline')}</span>
          <Link to="/privacy">{t('footer.privacy')}</Link>
        </footer>
      </div>
    </ChatProvider>
  );
}

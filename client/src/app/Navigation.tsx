// The main menu: what it offers follows who is signed in and their roles. On a narrow screen it
// folds behind a "Menu" button (a disclosure: Escape closes it and returns focus to the button).
import { useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useNavigate } from 'react-router';
import { hasAnyRole, useSession } from '../features/account/session.tsx';
import { useUnreadCount } from '../features/groups/useUnreadCount.ts';
import { post } from '../lib/api.ts';

export function Navigation() {
  const { t } = useTranslation();
  const { person, signedOut } = useSession();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const unread = useUnreadCount();
  // The count is read with the link's name: "Notifications, 2 new".
  const badge =
    unread > 0 ? (
      <span className="badge">
        <span aria-hidden="true">{unread}</span>
        <span className="visually-hidden">{t('nav.unread', { count: unread })}</span>
      </span>
    ) : null;

  const close = () => setOpen(false);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      setOpen(false);
      button.current?.focus();
    }
  };
  const signOut = async () => {
    close();
    try {
      await post('/auth/sign-out');
    } finally {
      void navigate('/');
      signedOut();
    }
  };

  const link = (to: string, label: ReactNode, end = false) => (
    <li>
      <NavLink to={to} end={end} onClick={close}>
        {label}
      </NavLink>
    </li>
  );

  return (
    <div className="nav-area" onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="menu-button"
        aria-expanded={open}
        aria-controls="main-menu"
        onClick={() => setOpen(!open)}
      >
        <span className="menu-icon" aria-hidden="true" />
        {t('nav.menu')}
        {badge}
      </button>
      <nav id="main-menu" aria-label={t('nav.label')} className="shell-nav" data-open={open}>
        <ul>
          {link('/', t('nav.home'), true)}
          {link('/groups', t('nav.groups'), true)}
          {person ? (
            <>
              {link('/my-groups', t('nav.myGroups'))}
              {link(
                '/notifications',
                <>
                  {t('nav.notifications')}
                  {badge}
                </>,
              )}
              {link('/profile', t('nav.profile'))}
              {hasAnyRole(person, ['partner', 'coordinator']) &&
                link('/referrals', t('nav.referrals'))}
              {hasAnyRole(person, ['coordinator']) && (
                <>
                  {link('/admin/groups', t('nav.groupSetup'))}
                  {link('/admin/reach', t('nav.reach'))}
                  {link('/admin/people', t('nav.people'))}
                  {link('/admin/audit', t('nav.audit'))}
                  {link('/admin/outbox', t('nav.outbox'))}
                </>
              )}
              <li>
                <button type="button" className="link-button" onClick={() => void signOut()}>
                  {t('nav.signOut')}
                </button>
              </li>
            </>
          ) : (
            <>
              {link('/sign-in', t('nav.signIn'))}
              {link('/sign-up', t('nav.signUp'))}
            </>
          )}
        </ul>
      </nav>
    </div>
  );
}

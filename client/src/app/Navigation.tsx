// The main menu: what it offers follows who is signed in and their roles. It is one row beside
// the brand and the language; when the row would not fit on one line (a phone, a long language)
// it folds behind a "Menu" button (a disclosure: Escape closes it and returns focus to the
// button). The coordinator's administration pages sit under one name (NavGroup).
import { useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation, useNavigate } from 'react-router';
import { hasAnyRole, useSession } from '../features/account/session.tsx';
import { adminPages } from '../features/admin/AdminNav.tsx';
import { useUnreadMessages } from '../features/chat/useChat.ts';
import { useUnreadCount } from '../features/groups/useUnreadCount.ts';
import { post } from '../lib/api.ts';
import './navigation.css';
import { NavGroup } from './NavGroup.tsx';
import { useNavFold } from './useNavFold.ts';

export function Navigation() {
  const { t, i18n } = useTranslation();
  const { person, signedOut } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const area = useRef<HTMLDivElement>(null);
  const unread = useUnreadCount();
  const unreadMessages = useUnreadMessages();
  const fold = useNavFold(
    area,
    [i18n.language, person?.roles.join() ?? '', unread, unreadMessages].join('|'),
  );
  // The count is read with the link's name: "Notifications, 2 new", "Messages, 3 unread".
  const badge = (count: number, text: string, testId?: string) =>
    count > 0 ? (
      <span className="badge" data-testid={testId}>
        <span aria-hidden="true">{count}</span>
        <span className="visually-hidden">{text}</span>
      </span>
    ) : null;
  const chats = hasAnyRole(person, ['family', 'facilitator', 'trainer', 'coordinator', 'partner']);
  const coordinator = hasAnyRole(person, ['coordinator']);
  // Under one name for the coordinator, with the trainees and referrals they oversee.
  const adminLinks = [
    ...adminPages(t),
    { to: '/training/trainees', label: t('training:nav.staffLink') },
    { to: '/referrals', label: t('nav.referrals') },
    { to: '/tables', label: t('table:nav') },
    { to: '/directory', label: t('directory:nav.search') },
  ];

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

  const link = (to: string, label: ReactNode, end = false, className?: string) => (
    <li key={to} className={className}>
      <NavLink to={to} end={end} onClick={close}>
        {label}
      </NavLink>
    </li>
  );

  return (
    <div className="nav-area" ref={area} data-fold={fold} onKeyDown={onKeyDown}>
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
        {badge(
          unread + unreadMessages,
          t('nav.unread', { count: unread + unreadMessages }),
          'menu-badge',
        )}
      </button>
      <nav id="main-menu" aria-label={t('nav.label')} className="shell-nav" data-open={open}>
        <ul>
          {link('/', t('nav.home'), true, 'nav-home')}
          {link('/groups', t('nav.groups'), true)}
          {person ? (
            <>
              {link('/my-groups', t('nav.myGroups'))}
              {chats &&
                link(
                  '/messages',
                  <>
                    {t('chat:nav.messages')}{' '}
                    {badge(
                      unreadMessages,
                      t('chat:nav.unread', { count: unreadMessages }),
                      'messages-badge',
                    )}
                  </>,
                )}
              {link(
                '/notifications',
                <>
                  {t('nav.notifications')}
                  {badge(unread, t('nav.unread', { count: unread }))}
                </>,
              )}
              {hasAnyRole(person, ['facilitator', 'trainer', 'coordinator']) &&
                link('/meetings', t('meetings:nav'))}
              {/* Staff menus are full already: facilitators find services from their home page. */}
              {hasAnyRole(person, ['family', 'partner']) &&
                link('/directory', t('directory:nav.search'), true)}
              {hasAnyRole(person, ['family']) && link('/alongside', t('alongside:nav.family'))}
              {link('/profile', t('nav.profile'))}
              {hasAnyRole(person, ['trainer']) &&
                link('/supervision', t('supervision:nav.supervision'))}
              {hasAnyRole(person, ['facilitator']) &&
                link('/training', t('training:nav.programme'), true)}
              {coordinator ? (
                <NavGroup
                  label={t('nav.admin')}
                  active={adminLinks.some((l) => pathname.startsWith(l.to))}
                >
                  {adminLinks.map((l) => link(l.to, l.label))}
                </NavGroup>
              ) : (
                <>
                  {hasAnyRole(person, ['trainer']) &&
                    link('/training/trainees', t('training:nav.staffLink'))}
                  {hasAnyRole(person, ['partner']) && link('/referrals', t('nav.referrals'))}
                  {hasAnyRole(person, ['partner']) &&
                    link('/directory/manage', t('directory:nav.manage'))}
                  {hasAnyRole(person, ['partner']) && link('/tables', t('table:nav'))}
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

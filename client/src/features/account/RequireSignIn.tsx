import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ForbiddenPage } from '../../app/ForbiddenPage.tsx';
import type { Role } from '../../../../server/protocol/api.ts';
import { hasAnyRole, useSession } from './session.tsx';

/** Pages that need a signed-in person (with one of `roles`, when given). */
export function RequireSignIn({
  roles,
  children,
}: {
  roles?: readonly Role[];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { loading, person } = useSession();
  const location = useLocation();
  if (loading) return <p role="status">{t('loading')}</p>;
  if (!person) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  if (roles && !hasAnyRole(person, roles)) return <ForbiddenPage />;
  return children;
}

/** Where to go after signing in: only a path on this site, never another origin. */
export function safeNext(next: string | null, fallback = '/'): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
    ? next
    : fallback;
}

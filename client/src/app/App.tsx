import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AccountDeletedPage } from '../features/account/AccountDeletedPage.tsx';
import { ForgotPasswordPage } from '../features/account/ForgotPasswordPage.tsx';
import { ProfilePage } from '../features/account/ProfilePage.tsx';
import { RequireSignIn } from '../features/account/RequireSignIn.tsx';
import { ResetPasswordPage } from '../features/account/ResetPasswordPage.tsx';
import { SessionProvider } from '../features/account/session.tsx';
import { SignInPage } from '../features/account/SignInPage.tsx';
import { SignUpPage } from '../features/account/SignUpPage.tsx';
import { VerifyEmailPage } from '../features/account/VerifyEmailPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { AcceptInvitationPage } from '../features/invitations/AcceptInvitationPage.tsx';
import { PrivacyPage } from '../features/privacy/PrivacyPage.tsx';
import { Layout } from './Layout.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

// Staff pages load on demand: a family's phone never downloads them.
const PeoplePage = lazy(() =>
  import('../features/admin/PeoplePage.tsx').then((m) => ({ default: m.PeoplePage })),
);
const AuditPage = lazy(() =>
  import('../features/admin/AuditPage.tsx').then((m) => ({ default: m.AuditPage })),
);
const OutboxPage = lazy(() =>
  import('../features/admin/OutboxPage.tsx').then((m) => ({ default: m.OutboxPage })),
);
const ReferralsPage = lazy(() =>
  import('../features/referrals/ReferralsPage.tsx').then((m) => ({ default: m.ReferralsPage })),
);

function Loading() {
  const { t } = useTranslation();
  return <p role="status">{t('loading')}</p>;
}

const coordinator = (page: ReactNode) => (
  <RequireSignIn roles={['coordinator']}>
    <Suspense fallback={<Loading />}>{page}</Suspense>
  </RequireSignIn>
);

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<HomePage />} />
            <Route path="sign-up" element={<SignUpPage />} />
            <Route path="verify-email" element={<VerifyEmailPage />} />
            <Route path="sign-in" element={<SignInPage />} />
            <Route path="forgot-password" element={<ForgotPasswordPage />} />
            <Route path="reset-password" element={<ResetPasswordPage />} />
            <Route path="invitation" element={<AcceptInvitationPage />} />
            <Route path="privacy" element={<PrivacyPage />} />
            <Route path="account-deleted" element={<AccountDeletedPage />} />
            <Route
              path="profile"
              element={
                <RequireSignIn>
                  <ProfilePage />
                </RequireSignIn>
              }
            />
            <Route
              path="referrals"
              element={
                <RequireSignIn roles={['partner', 'coordinator']}>
                  <Suspense fallback={<Loading />}>
                    <ReferralsPage />
                  </Suspense>
                </RequireSignIn>
              }
            />
            <Route path="admin/people" element={coordinator(<PeoplePage />)} />
            <Route path="admin/audit" element={coordinator(<AuditPage />)} />
            <Route path="admin/outbox" element={coordinator(<OutboxPage />)} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}

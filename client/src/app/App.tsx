import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import type { Role } from '../../../server/protocol/api.ts';
import { useTranslation } from 'react-i18next';
import { loadRoomTranslations } from './i18n.ts';
import { BrowserRouter, Route, Routes } from 'react-router';
import { useUiLanguage } from '../lib/useUiLanguage.ts';
import { RequireSignIn } from '../features/account/RequireSignIn.tsx';
import { SessionProvider } from '../features/account/session.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { Layout } from './Layout.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { page } from './page.ts';

// Every page but the home page loads on demand, each in its own chunk: a phone downloads the
// page it opens (≤ 200 kB gzip with its translations, [reach-bundle]), not the whole product.
// Staff pages load on demand: a family's phone never downloads them.
const AccountDeletedPage = page(
  () => import('../features/account/AccountDeletedPage.tsx'),
  'AccountDeletedPage',
);
const ForgotPasswordPage = page(
  () => import('../features/account/ForgotPasswordPage.tsx'),
  'ForgotPasswordPage',
);
const ProfilePage = page(() => import('../features/account/ProfilePage.tsx'), 'ProfilePage');
const ResetPasswordPage = page(
  () => import('../features/account/ResetPasswordPage.tsx'),
  'ResetPasswordPage',
);
const SignInPage = page(() => import('../features/account/SignInPage.tsx'), 'SignInPage');
const SignUpPage = page(() => import('../features/account/SignUpPage.tsx'), 'SignUpPage');
const VerifyEmailPage = page(
  () => import('../features/account/VerifyEmailPage.tsx'),
  'VerifyEmailPage',
);
const CataloguePage = page(() => import('../features/groups/CataloguePage.tsx'), 'CataloguePage');
const GroupPage = page(() => import('../features/groups/GroupPage.tsx'), 'GroupPage');
const MyGroupsPage = page(() => import('../features/groups/MyGroupsPage.tsx'), 'MyGroupsPage');
const NotificationsPage = page(
  () => import('../features/groups/NotificationsPage.tsx'),
  'NotificationsPage',
);
const ConversationsPage = page(
  () => import('../features/chat/ConversationsPage.tsx'),
  'ConversationsPage',
);
const AcceptInvitationPage = page(
  () => import('../features/invitations/AcceptInvitationPage.tsx'),
  'AcceptInvitationPage',
);
const PrivacyPage = page(() => import('../features/privacy/PrivacyPage.tsx'), 'PrivacyPage');
const InterviewPage = page(
  () => import('../features/recruitment/InterviewPage.tsx'),
  'InterviewPage',
);
const VolunteerPage = page(
  () => import('../features/recruitment/VolunteerPage.tsx'),
  'VolunteerPage',
);

const PeoplePage = lazy(() =>
  import('../features/admin/PeoplePage.tsx').then((m) => ({ default: m.PeoplePage })),
);
const AuditPage = lazy(() =>
  import('../features/admin/AuditPage.tsx').then((m) => ({ default: m.AuditPage })),
);
const OutboxPage = lazy(() =>
  import('../features/admin/OutboxPage.tsx').then((m) => ({ default: m.OutboxPage })),
);
const ManagePage = lazy(() =>
  import('../features/groups/manage/ManagePage.tsx').then((m) => ({ default: m.ManagePage })),
);
const GroupSetupPage = lazy(() =>
  import('../features/groups/setup/GroupSetupPage.tsx').then((m) => ({
    default: m.GroupSetupPage,
  })),
);
const AllGroupsPage = lazy(() =>
  import('../features/groups/setup/AllGroupsPage.tsx').then((m) => ({ default: m.AllGroupsPage })),
);
// The live session brings mediasoup-client: only those who join a session download it.
const SessionPage = lazy(() =>
  Promise.all([import('../features/live/SessionPage.tsx'), loadRoomTranslations()]).then(([m]) => ({
    default: m.SessionPage,
  })),
);
const ReachPage = lazy(() =>
  import('../features/reach/ReachPage.tsx').then((m) => ({ default: m.ReachPage })),
);
const AlongsidePage = lazy(() =>
  import('../features/alongside/AlongsidePage.tsx').then((m) => ({ default: m.AlongsidePage })),
);
const PairingAdminPage = lazy(() =>
  import('../features/alongside/PairingAdminPage.tsx').then((m) => ({
    default: m.PairingAdminPage,
  })),
);
const VolunteerLoadsPage = lazy(() =>
  import('../features/alongside/VolunteerLoadsPage.tsx').then((m) => ({
    default: m.VolunteerLoadsPage,
  })),
);
const FunderReportPage = lazy(() =>
  import('../features/report/FunderReportPage.tsx').then((m) => ({
    default: m.FunderReportPage,
  })),
);
const RecruitmentPage = lazy(() =>
  import('../features/recruitment/RecruitmentPage.tsx').then((m) => ({
    default: m.RecruitmentPage,
  })),
);
const ApplicationPage = lazy(() =>
  import('../features/recruitment/ApplicationPage.tsx').then((m) => ({
    default: m.ApplicationPage,
  })),
);
const SupervisionDashboardPage = lazy(() =>
  import('../features/supervision/DashboardPage.tsx').then((m) => ({
    default: m.DashboardPage,
  })),
);
const AlertPage = lazy(() =>
  import('../features/supervision/AlertPage.tsx').then((m) => ({ default: m.AlertPage })),
);
const ReportPage = lazy(() =>
  import('../features/supervision/ReportPage.tsx').then((m) => ({ default: m.ReportPage })),
);
const ReportFormPage = lazy(() =>
  import('../features/supervision/ReportFormPage.tsx').then((m) => ({
    default: m.ReportFormPage,
  })),
);
const VolunteersPage = lazy(() =>
  import('../features/supervision/VolunteersPage.tsx').then((m) => ({
    default: m.VolunteersPage,
  })),
);
const ReferralsPage = lazy(() =>
  import('../features/referrals/ReferralsPage.tsx').then((m) => ({ default: m.ReferralsPage })),
);
const ReferralLinkPage = lazy(() =>
  import('../features/referrals/ReferralLinkPage.tsx').then((m) => ({
    default: m.ReferralLinkPage,
  })),
);
const PartnersPage = lazy(() =>
  import('../features/partners/PartnersPage.tsx').then((m) => ({ default: m.PartnersPage })),
);
const MeetingsPage = lazy(() =>
  import('../features/meetings/MeetingsPage.tsx').then((m) => ({ default: m.MeetingsPage })),
);
const TablesPage = lazy(() =>
  import('../features/table/TablesPage.tsx').then((m) => ({ default: m.TablesPage })),
);
const TablePage = lazy(() =>
  import('../features/table/TablePage.tsx').then((m) => ({ default: m.TablePage })),
);
const NewTablePage = lazy(() =>
  import('../features/table/NewTablePage.tsx').then((m) => ({ default: m.NewTablePage })),
);
const NewMeetingPage = lazy(() =>
  import('../features/meetings/NewMeetingPage.tsx').then((m) => ({ default: m.NewMeetingPage })),
);

// The training programme: facilitators, trainers and coordinators only.
const TrainingPage = lazy(() =>
  import('../features/training/TrainingPage.tsx').then((m) => ({ default: m.TrainingPage })),
);
const ModulePage = lazy(() =>
  import('../features/training/ModulePage.tsx').then((m) => ({ default: m.ModulePage })),
);
const ModulesAdminPage = lazy(() =>
  import('../features/training/ModulesAdminPage.tsx').then((m) => ({
    default: m.ModulesAdminPage,
  })),
);
const ModuleEditorPage = lazy(() =>
  import('../features/training/ModuleEditor.tsx').then((m) => ({ default: m.ModuleEditorPage })),
);
const TraineesPage = lazy(() =>
  import('../features/training/TraineesPage.tsx').then((m) => ({ default: m.TraineesPage })),
);
const TraineePage = lazy(() =>
  import('../features/training/TraineePage.tsx').then((m) => ({ default: m.TraineePage })),
);

const DirectoryPage = lazy(() =>
  import('../features/directory/DirectoryPage.tsx').then((m) => ({ default: m.DirectoryPage })),
);
const DirectoryManagePage = lazy(() =>
  import('../features/directory/ManagePage.tsx').then((m) => ({ default: m.ManagePage })),
);

function Loading() {
  const { t } = useTranslation();
  return <p role="status">{t('loading')}</p>;
}

const staff = (roles: readonly Role[], page: ReactNode) => (
  <RequireSignIn roles={roles}>
    <Suspense fallback={<Loading />}>{page}</Suspense>
  </RequireSignIn>
);
const coordinator = (page: ReactNode) => staff(['coordinator'], page);
const signedIn = (page: ReactNode) => <RequireSignIn>{page}</RequireSignIn>;

export function App() {
  // Every page re-renders in a newly chosen language, even one that mounted as it changed.
  useUiLanguage();
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
            <Route
              path="referral"
              element={
                <Suspense fallback={<Loading />}>
                  <ReferralLinkPage />
                </Suspense>
              }
            />
            <Route path="privacy" element={<PrivacyPage />} />
            <Route path="volunteer" element={<VolunteerPage />} />
            <Route path="interview/:token" element={<InterviewPage />} />
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
            <Route path="groups" element={<CataloguePage />} />
            <Route path="groups/:id" element={<GroupPage />} />
            <Route
              path="groups/:id/manage"
              element={staff(['coordinator', 'facilitator', 'trainer'], <ManagePage />)}
            />
            <Route
              path="groups/:id/edit"
              element={staff(['coordinator', 'facilitator'], <GroupSetupPage />)}
            />
            <Route path="my-groups" element={signedIn(<MyGroupsPage />)} />
            <Route path="notifications" element={signedIn(<NotificationsPage />)} />
            <Route path="messages" element={signedIn(<ConversationsPage />)} />
            <Route path="messages/:channelId" element={signedIn(<ConversationsPage />)} />
            <Route
              path="sessions/:id"
              element={signedIn(
                <Suspense fallback={<Loading />}>
                  <SessionPage />
                </Suspense>,
              )}
            />
            <Route path="training" element={staff(['facilitator'], <TrainingPage />)} />
            <Route
              path="training/modules/:id"
              element={staff(['facilitator', 'trainer', 'coordinator'], <ModulePage />)}
            />
            <Route
              path="training/manage"
              element={staff(['trainer', 'coordinator'], <ModulesAdminPage />)}
            />
            <Route
              path="training/manage/:id"
              element={staff(['trainer', 'coordinator'], <ModuleEditorPage />)}
            />
            <Route
              path="training/trainees"
              element={staff(['trainer', 'coordinator'], <TraineesPage />)}
            />
            <Route
              path="training/trainees/:personId"
              element={staff(['trainer', 'coordinator'], <TraineePage />)}
            />
            <Route
              path="sessions/:sessionId/report"
              element={staff(['facilitator'], <ReportFormPage />)}
            />
            <Route path="reports/:id" element={staff(['facilitator', 'trainer'], <ReportPage />)} />
            <Route path="supervision" element={staff(['trainer'], <SupervisionDashboardPage />)} />
            <Route path="supervision/alerts/:id" element={staff(['trainer'], <AlertPage />)} />
            <Route path="admin/volunteers" element={coordinator(<VolunteersPage />)} />
            <Route
              path="meetings"
              element={staff(['facilitator', 'trainer', 'coordinator'], <MeetingsPage />)}
            />
            <Route
              path="meetings/new"
              element={staff(['facilitator', 'trainer', 'coordinator'], <NewMeetingPage />)}
            />
            <Route
              path="directory"
              element={staff(
                ['family', 'facilitator', 'trainer', 'coordinator', 'partner'],
                <DirectoryPage />,
              )}
            />
            <Route
              path="directory/manage"
              element={staff(['partner', 'coordinator'], <DirectoryManagePage />)}
            />
            <Route path="tables" element={staff(['partner', 'coordinator'], <TablesPage />)} />
            <Route path="tables/new" element={coordinator(<NewTablePage />)} />
            <Route path="tables/:id" element={staff(['partner', 'coordinator'], <TablePage />)} />
            <Route path="admin/groups" element={coordinator(<AllGroupsPage />)} />
            <Route path="admin/groups/new" element={coordinator(<GroupSetupPage />)} />
            <Route path="admin/reach" element={coordinator(<ReachPage />)} />
            <Route path="admin/report" element={coordinator(<FunderReportPage />)} />
            <Route path="admin/alongside" element={coordinator(<PairingAdminPage />)} />
            <Route path="alongside" element={staff(['family', 'facilitator'], <AlongsidePage />)} />
            <Route
              path="alongside/volunteers"
              element={staff(['trainer'], <VolunteerLoadsPage />)}
            />
            <Route path="admin/partners" element={coordinator(<PartnersPage />)} />
            <Route path="admin/people" element={coordinator(<PeoplePage />)} />
            <Route path="admin/audit" element={coordinator(<AuditPage />)} />
            <Route path="admin/outbox" element={coordinator(<OutboxPage />)} />
            <Route path="admin/recruitment" element={coordinator(<RecruitmentPage />)} />
            <Route path="admin/recruitment/:id" element={coordinator(<ApplicationPage />)} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}

import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { CheckEmailPage } from './features/accounts/CheckEmailPage';
import { ForgotPasswordPage } from './features/accounts/ForgotPasswordPage';
import { ForgotUserIdPage } from './features/accounts/ForgotUserIdPage';
import { RegisterPage } from './features/accounts/RegisterPage';
import { ResetPasswordPage } from './features/accounts/ResetPasswordPage';
import { SetUpPage } from './features/accounts/SetUpPage';
import { SignInPage } from './features/accounts/SignInPage';
import { VerifyEmailPage } from './features/accounts/VerifyEmailPage';
import { AcknowledgementPage } from './features/admin/AcknowledgementPage';
import { AdminIndexPage } from './features/admin/AdminIndexPage';
import { CatalogPage } from './features/admin/CatalogPage';
import { ClientsPage } from './features/admin/ClientsPage';
import { ConfigurationPage } from './features/admin/ConfigurationPage';
import { HelpDeskStaffPage } from './features/admin/HelpDeskStaffPage';
import { TermsPage } from './features/admin/TermsPage';
import { DeliveryLogPage } from './features/admin/DeliveryLogPage';
import { WebhooksPage } from './features/admin/WebhooksPage';
import { AuditEntryPage } from './features/audit/AuditEntryPage';
import { AuditPage } from './features/audit/AuditPage';
import { OutboxPage } from './features/dev-outbox/OutboxPage';
import { NotFoundPage } from './features/errors/NotFoundPage';
import { PendingApprovalsPage } from './features/approvals/PendingApprovalsPage';
import { NotAssignedPage } from './features/applications/NotAssignedPage';
import { certificationRoutes } from './features/certifications/certification-routes';
import { helpDeskRoutes } from './features/help-desk/help-desk-routes';
import { HomePage } from './features/home/HomePage';
import { EnrollPage } from './features/mfa/EnrollPage';
import { ManageMfaPage } from './features/mfa/ManageMfaPage';
import { myOrganizationRoutes } from './features/my-organization/my-organization-routes';
import { MfaSignInPage } from './features/mfa/MfaSignInPage';
import { organizationRoutes } from './features/organizations/organization-routes';
import { ChangePasswordPage } from './features/profile/ChangePasswordPage';
import { ProfilePage } from './features/profile/ProfilePage';
import { ProgramDashboardPage } from './features/program-dashboard/ProgramDashboardPage';
import { SessionsPage } from './features/profile/SessionsPage';
import { VerifyNewEmailPage } from './features/profile/VerifyNewEmailPage';
import { AddRolePage } from './features/roles/AddRolePage';
import { ManageRolesPage } from './features/roles/ManageRolesPage';
import { RequireSession } from './features/session/RequireSession';

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <HomePage /> },
      // Signing in, step by step: each page sends a session at another stage where it belongs.
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'sign-in/mfa', element: <MfaSignInPage /> },
      // An application's sign-in through Rolecall, for someone with no role in it.
      { path: 'sign-in/not-assigned', element: <NotAssignedPage /> },
      { path: 'mfa/enroll', element: <EnrollPage /> },
      // Visitors: registration and recovery, and the pages emailed links open.
      { path: 'register', element: <RegisterPage /> },
      { path: 'register/check-email', element: <CheckEmailPage /> },
      { path: 'verify-email', element: <VerifyEmailPage /> },
      { path: 'forgot-user-id', element: <ForgotUserIdPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: 'set-up', element: <SetUpPage /> },
      // Signed in.
      {
        element: <RequireSession stage="active" />,
        children: [
          { path: 'profile', element: <ProfilePage /> },
          { path: 'profile/password', element: <ChangePasswordPage /> },
          { path: 'profile/mfa', element: <ManageMfaPage /> },
          { path: 'profile/sessions', element: <SessionsPage /> },
          { path: 'profile/verify-email', element: <VerifyNewEmailPage /> },
          { path: 'roles', element: <ManageRolesPage /> },
          { path: 'roles/add', element: <AddRolePage /> },
          { path: 'approvals', element: <PendingApprovalsPage /> },
          ...organizationRoutes,
          ...myOrganizationRoutes,
          ...certificationRoutes,
          ...helpDeskRoutes,
          // Administrators only: the server answers anyone else 403, which the page explains.
          { path: 'admin/clients', element: <ClientsPage /> },
          { path: 'admin/webhooks', element: <WebhooksPage /> },
          { path: 'admin/webhooks/:id', element: <DeliveryLogPage /> },
          { path: 'admin', element: <AdminIndexPage /> },
          { path: 'admin/catalog', element: <CatalogPage /> },
          { path: 'admin/terms', element: <TermsPage /> },
          { path: 'admin/acknowledgement', element: <AcknowledgementPage /> },
          { path: 'admin/help-desk', element: <HelpDeskStaffPage /> },
          { path: 'admin/configuration', element: <ConfigurationPage /> },
          { path: 'admin/dashboard', element: <ProgramDashboardPage /> },
          // Administrators and the help desk: the server answers anyone else 403, which the page explains.
          { path: 'audit', element: <AuditPage /> },
          { path: 'audit/entries/:id', element: <AuditEntryPage /> },
        ],
      },
      { path: 'dev/outbox', element: <OutboxPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}

import type { RouteObject } from 'react-router';
import { CertificationsPage } from './CertificationsPage';
import { DashboardPage } from './DashboardPage';
import { ExpiringPage } from './ExpiringPage';
import { UserDetailsPage } from './UserDetailsPage';

/** Annual role certification: the certifier's list, a user's details, dashboards and the help desk's dry run. */
export const certificationRoutes: RouteObject[] = [
  // Emails link to <public URL>/certifications: keep this path.
  { path: 'certifications', element: <CertificationsPage /> },
  { path: 'certifications/users/:userId', element: <UserDetailsPage /> },
  { path: 'certifications/dashboard', element: <DashboardPage /> },
  { path: 'help-desk/certifications/expiring', element: <ExpiringPage /> },
];

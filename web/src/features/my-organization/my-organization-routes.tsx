import type { RouteObject } from 'react-router';
import { MyOrganizationPage } from './MyOrganizationPage';
import { MyOrganizationsPage } from './MyOrganizationsPage';

/** My organization, for approvers and backup approvers: signed-in pages. */
export const myOrganizationRoutes: RouteObject[] = [
  { path: 'my-organization', element: <MyOrganizationsPage /> },
  { path: 'my-organization/:id', element: <MyOrganizationPage /> },
];

import type { RouteObject } from 'react-router';
import { FormDetailPage } from './FormDetailPage';
import { HelpDeskFormsPage } from './HelpDeskFormsPage';
import { NewOrganizationFormPage } from './NewOrganizationFormPage';
import { OrganizationFormsPage } from './OrganizationFormsPage';
import { ReviewFormPage } from './ReviewFormPage';
import { UpdateRequestPage } from './UpdateRequestPage';

/** Organization forms, update requests and the help desk's review: signed-in pages. */
export const organizationRoutes: RouteObject[] = [
  { path: 'organization-forms', element: <OrganizationFormsPage /> },
  { path: 'organization-forms/new', element: <NewOrganizationFormPage /> },
  { path: 'organization-forms/:id', element: <FormDetailPage /> },
  { path: 'organizations/:id/update', element: <UpdateRequestPage /> },
  { path: 'help-desk/organization-forms', element: <HelpDeskFormsPage /> },
  { path: 'help-desk/organization-forms/:id', element: <ReviewFormPage /> },
];

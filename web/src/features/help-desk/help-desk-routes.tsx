import type { RouteObject } from 'react-router';
import { HelpDeskPage } from './HelpDeskPage';
import { OrphansPage } from './OrphansPage';
import { PersonPage } from './PersonPage';

/** The help desk console (signed in; the server answers anyone but help desk staff 403, which the pages explain). */
export const helpDeskRoutes: RouteObject[] = [
  { path: 'help-desk', element: <HelpDeskPage /> },
  { path: 'help-desk/users/:id', element: <PersonPage /> },
  { path: 'help-desk/orphans', element: <OrphansPage /> },
];

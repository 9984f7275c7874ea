import { useQuery } from '@tanstack/react-query';
import { useApplications } from '../admin/use-applications';
import { fetchMyRoles, myRolesQueryKey, type Application } from '../roles/roles-api';

/**
 * The applications whose entries this person may search: every active application for an
 * administrator; for the help desk, the applications they are help desk staff of now. Only
 * narrows what the form offers: the server decides what each search answers.
 */
export function useAuditApplications(isAdministrator: boolean): { applications: Application[]; isPending: boolean } {
  const catalog = useApplications();
  const roles = useQuery({
    queryKey: myRolesQueryKey,
    queryFn: ({ signal }) => fetchMyRoles(signal),
    enabled: !isAdministrator,
  });
  const all = catalog.data?.items ?? [];
  if (isAdministrator) return { applications: all, isPending: catalog.isPending };
  const helpDeskOf = new Set(
    (roles.data?.assignments ?? [])
      .filter((assignment) => assignment.status === 'active' && assignment.role.kind === 'help_desk')
      .map((assignment) => assignment.application.id),
  );
  return {
    applications: all.filter((application) => helpDeskOf.has(application.id)),
    isPending: catalog.isPending || roles.isPending,
  };
}

/** An application's name in the page's language from its id; the id itself when it is not in the catalog. */
export function useApplicationById(): (id: string) => Application | undefined {
  const all = useApplications().data?.items;
  return (id: string) => all?.find((application) => application.id === id);
}

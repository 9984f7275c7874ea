import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchMyOrganizations, myOrganizationsKey } from '../organizations/organizations-api';
import { fetchMyRoles, myRolesQueryKey } from '../roles/roles-api';

/** What one dashboard shows: an application as its help desk sees it, or one approver's organization. */
export interface DashboardScope {
  key: string;
  label: string;
  applicationCode: string;
  applicationName: string;
  organizationId?: string;
}

/**
 * The scopes this person may read counts and evidence for, from the roles they hold: each
 * application they are help desk staff of, then each organization they approve for.
 */
export function useDashboardScopes() {
  const { t } = useTranslation();
  const roles = useQuery({ queryKey: myRolesQueryKey, queryFn: ({ signal }) => fetchMyRoles(signal) });
  const organizations = useQuery({ queryKey: myOrganizationsKey, queryFn: ({ signal }) => fetchMyOrganizations(signal) });
  const scopes: DashboardScope[] = [];
  for (const assignment of roles.data?.assignments ?? []) {
    if (assignment.status !== 'active' || assignment.role.kind !== 'help_desk') continue;
    if (scopes.some((scope) => scope.applicationCode === assignment.application.code)) continue;
    scopes.push({
      key: `application:${assignment.application.code}`,
      label: t('certifications.dashboard.applicationScope', { application: assignment.application.name }),
      applicationCode: assignment.application.code,
      applicationName: assignment.application.name,
    });
  }
  for (const organization of organizations.data?.items ?? []) {
    scopes.push({
      key: `organization:${organization.id}`,
      label: t('certifications.dashboard.organizationScope', {
        organization: organization.legalName,
        submitterId: organization.submitterId,
        application: organization.application.name,
      }),
      applicationCode: organization.application.code,
      applicationName: organization.application.name,
      organizationId: organization.id,
    });
  }
  return {
    scopes,
    isPending: roles.isPending || organizations.isPending,
    isError: roles.isError || organizations.isError,
    refetch: () => Promise.all([roles.refetch(), organizations.refetch()]),
  };
}

import type { CatalogRole, OrganizationSummary } from './roles-api';

/** What the add-role pages have gathered so far; kept by the flow so "Back" loses nothing. */
export interface RoleDraft {
  role: CatalogRole | undefined;
  /** For approvers: associate with an existing organization, or create the one they were approved for. */
  organizationChoice: 'existing' | 'new';
  /** The organization search as typed. */
  query: string;
  organization: OrganizationSummary | undefined;
  newOrganization: { submitterId: string; legalName: string };
  reason: string;
}

export function emptyDraft(role?: CatalogRole, query = ''): RoleDraft {
  return {
    role,
    organizationChoice: 'existing',
    query,
    organization: undefined,
    newOrganization: { submitterId: '', legalName: '' },
    reason: '',
  };
}

/** The organization part of a submitted request, as the draft says it. */
export function organizationOf(draft: RoleDraft): { organizationId?: string; newOrganization?: RoleDraft['newOrganization'] } {
  if (!draft.role || draft.role.scope === 'application') return {};
  if (draft.organizationChoice === 'new')
    return {
      newOrganization: {
        submitterId: draft.newOrganization.submitterId.trim(),
        legalName: draft.newOrganization.legalName.trim(),
      },
    };
  return draft.organization ? { organizationId: draft.organization.id } : {};
}

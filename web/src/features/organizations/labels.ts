import { useTranslation } from 'react-i18next';
import type { Address, Contact, FormKind, FormStatus, Person } from './organizations-api';

/** How the pages name a form's kind, status, location and line of business. */
export function useOrganizationWords() {
  const { t } = useTranslation();
  const kinds: Record<FormKind, string> = {
    new_organization: t('organizations.kind.new_organization'),
    update: t('organizations.kind.update'),
  };
  const statuses: Record<FormStatus, string> = {
    submitted: t('organizations.status.submitted'),
    returned: t('organizations.status.returned'),
    approved: t('organizations.status.approved'),
    rejected: t('organizations.status.rejected'),
    withdrawn: t('organizations.status.withdrawn'),
  };
  const locations: Record<string, string> = {
    FL: t('organizations.location.FL'),
    PR: t('organizations.location.PR'),
    USVI: t('organizations.location.USVI'),
  };
  const linesOfBusiness: Record<string, string> = {
    part_a: t('organizations.lineOfBusiness.part_a'),
    part_b: t('organizations.lineOfBusiness.part_b'),
    part_a_and_b: t('organizations.lineOfBusiness.part_a_and_b'),
  };
  const organizationStatuses: Record<string, string> = {
    active: t('organizations.organizationStatus.active'),
    awaiting_approver: t('organizations.organizationStatus.awaiting_approver'),
  };
  return {
    kind: (kind: FormKind) => kinds[kind] ?? kind,
    status: (status: FormStatus) => statuses[status] ?? status,
    // Records that came from elsewhere (an import, the demo) may hold words of their own.
    location: (location: string | null | undefined) => (location ? (locations[location] ?? location) : ''),
    lineOfBusiness: (line: string | null | undefined) => (line ? (linesOfBusiness[line] ?? line) : ''),
    organizationStatus: (status: string) => organizationStatuses[status] ?? status,
  };
}

export function addressLines(address: Address): string[] {
  return [address.line1, address.line2, `${address.city}, ${address.state} ${address.zip}`].filter((line): line is string =>
    Boolean(line),
  );
}

export function personText(person: Person): string {
  return `${person.firstName} ${person.lastName}, ${person.email}`;
}

export function contactText(contact: Contact): string {
  return `${contact.name}, ${contact.email}, ${contact.phone}`;
}

/** Which USWDS tag colour says a status at a glance; the words always say it too. */
export function statusTagClass(status: FormStatus): string {
  switch (status) {
    case 'approved':
      return 'bg-success-darker';
    case 'returned':
      return 'bg-gold text-ink';
    case 'rejected':
      return 'bg-secondary-dark';
    case 'withdrawn':
      return 'bg-base-dark';
    default:
      return 'bg-primary';
  }
}

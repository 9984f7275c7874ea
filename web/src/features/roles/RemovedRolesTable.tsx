import { Table } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, useDateFormat } from '../../components/use-date-format';
import { OrganizationName } from './OrganizationName';
import { addRolePath } from './role-choice';
import type { Application, Assignment, RemovalKind, RoleRequest } from './roles-api';
import { useCatalogText } from './use-catalog-text';

interface Props {
  application: Application;
  removed: Assignment[];
  /** Roles held now and requests pending: a removed role already regained or asked for again is not offered again. */
  held: Assignment[];
  requests: RoleRequest[];
}

export const removalKindKeys = {
  holder: 'roles.removalKinds.holder',
  approver: 'roles.removalKinds.approver',
  help_desk: 'roles.removalKinds.help_desk',
  administrator: 'roles.removalKinds.administrator',
  certification_revoked: 'roles.removalKinds.certification_revoked',
  certification_expired: 'roles.removalKinds.certification_expired',
} as const satisfies Record<RemovalKind, string>;

/** The reasons the certification records when a certifier gave none, or when a role expired. */
const systemReasons = new Set(['certification revoked', 'certification expired']);

/** Roles the person lost, why and when, with "Request again" to start the same request anew. */
export function RemovedRolesTable({ application, removed, held, requests }: Props) {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  const dateFormat = useDateFormat();
  const sameAs = (assignment: Assignment) => (other: { role: { id: string }; organization: { id: string } | null }) =>
    other.role.id === assignment.role.id && (other.organization?.id ?? '') === (assignment.organization?.id ?? '');
  const why = (assignment: Assignment) => {
    const kind = assignment.removalKind ? t(removalKindKeys[assignment.removalKind]) : '';
    // The certification's own reasons are stored in English words; the kind already says them.
    const reason = systemReasons.has(assignment.removalReason ?? '') ? '' : assignment.removalReason;
    return [kind, reason].filter(Boolean).join(': ');
  };
  return (
    <Table
      bordered
      fullWidth
      scrollable
      stackedStyle="headers"
      caption={t('roles.removedCaption', { application: application.name })}
    >
      <thead>
        <tr>
          <th scope="col">{t('roles.role')}</th>
          <th scope="col">{t('roles.organization')}</th>
          <th scope="col">{t('roles.removedOn')}</th>
          <th scope="col">{t('roles.why')}</th>
          <th scope="col">{t('roles.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {removed.map((assignment) => (
          <tr key={assignment.id}>
            <th scope="row" data-label={t('roles.role')}>
              {catalogText.name(assignment.role)}
            </th>
            <td data-label={t('roles.organization')}>
              <OrganizationName organization={assignment.organization} />
            </td>
            <td data-label={t('roles.removedOn')}>{formatDate(dateFormat, assignment.removedAt)}</td>
            <td data-label={t('roles.why')}>{why(assignment)}</td>
            <td data-label={t('roles.actions')}>
              {held.some(sameAs(assignment)) || requests.some(sameAs(assignment)) ? (
                <span className="usa-hint">{t('roles.requestAgainNotNeeded')}</span>
              ) : (
                <Link
                  className="usa-button usa-button--outline"
                  to={addRolePath(application.code, {
                    roleCode: assignment.role.code,
                    submitterId: assignment.organization?.submitterId,
                  })}
                  aria-label={t('roles.requestAgainNamed', {
                    role: catalogText.name(assignment.role),
                    organization: assignment.organization?.legalName ?? application.name,
                  })}
                >
                  {t('roles.requestAgain')}
                </Link>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

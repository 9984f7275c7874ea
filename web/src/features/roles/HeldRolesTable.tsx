import { Button, Table } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { formatDate, useDateFormat } from '../../components/use-date-format';
import { OrganizationName } from './OrganizationName';
import type { Application, Assignment } from './roles-api';
import { useCatalogText } from './use-catalog-text';

interface Props {
  application: Application;
  assignments: Assignment[];
  onRemove: (assignment: Assignment) => void;
}

/** The roles held in one application, with their certification dates and a way to give each up. */
export function HeldRolesTable({ application, assignments, onRemove }: Props) {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  const dateFormat = useDateFormat();
  return (
    <Table
      bordered
      fullWidth
      scrollable
      stackedStyle="default"
      caption={t('roles.heldCaption', { application: application.name })}
    >
      <thead>
        <tr>
          <th scope="col">{t('roles.application')}</th>
          <th scope="col">{t('roles.role')}</th>
          <th scope="col">{t('roles.organization')}</th>
          <th scope="col">{t('roles.established')}</th>
          <th scope="col">{t('roles.lastCertified')}</th>
          <th scope="col">{t('roles.nextCertification')}</th>
          <th scope="col">{t('roles.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {assignments.map((assignment) => (
          <tr key={assignment.id}>
            <td data-label={t('roles.application')}>{assignment.application.name}</td>
            <th scope="row" data-label={t('roles.role')}>
              {catalogText.name(assignment.role)}
            </th>
            <td data-label={t('roles.organization')}>
              <OrganizationName organization={assignment.organization} />
            </td>
            <td data-label={t('roles.established')}>{formatDate(dateFormat, assignment.establishedAt)}</td>
            <td data-label={t('roles.lastCertified')}>{formatDate(dateFormat, assignment.lastCertifiedAt, t('roles.notYet'))}</td>
            <td data-label={t('roles.nextCertification')}>
              {formatDate(dateFormat, assignment.certificationDueAt, t('roles.notCertified'))}
            </td>
            <td data-label={t('roles.actions')}>
              {assignment.allowedActions.includes('remove') ? (
                <Button
                  type="button"
                  unstyled
                  aria-label={t('roles.remove.named', {
                    role: catalogText.name(assignment.role),
                    organization: assignment.organization?.legalName ?? application.name,
                  })}
                  onClick={() => onRemove(assignment)}
                >
                  {t('roles.remove.button')}
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

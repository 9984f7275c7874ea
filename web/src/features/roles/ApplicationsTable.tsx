import { Icon, Table } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { addRolePath } from './role-choice';
import type { Application, Assignment, RoleRequest } from './roles-api';
import { useCatalogText } from './use-catalog-text';

interface Props {
  applications: Application[];
  assignments: Assignment[];
  requests: RoleRequest[];
}

/** The applications, each with what the person holds there and the green add-role icon under Actions. */
export function ApplicationsTable({ applications, assignments, requests }: Props) {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  if (applications.length === 0) return <p>{t('roles.noApplications')}</p>;
  const count = <T extends { application: { id: string } }>(items: T[], applicationId: string, keep: (item: T) => boolean) =>
    items.filter((item) => item.application.id === applicationId && keep(item)).length;
  return (
    <Table
      bordered
      fullWidth
      scrollable
      stackedStyle="headers"
      className="rc-applications"
      caption={t('roles.applicationsCaption')}
    >
      <thead>
        <tr>
          <th scope="col">{t('roles.application')}</th>
          <th scope="col">{t('roles.description')}</th>
          <th scope="col">{t('roles.rolesHeld')}</th>
          <th scope="col">{t('roles.pendingCount')}</th>
          <th scope="col">{t('roles.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {applications.map((application) => (
          <tr key={application.id}>
            <th scope="row" data-label={t('roles.application')}>
              {application.name}
            </th>
            <td data-label={t('roles.description')} className="rc-applications__description">
              {catalogText.description(application)}
            </td>
            <td data-label={t('roles.rolesHeld')}>
              {count(assignments, application.id, (assignment) => assignment.status === 'active')}
            </td>
            <td data-label={t('roles.pendingCount')}>
              {count(requests, application.id, (request) => request.status === 'pending')}
            </td>
            <td data-label={t('roles.actions')}>
              <Link
                className="rc-add-role"
                to={addRolePath(application.code)}
                aria-label={t('roles.addRoleIn', { application: application.name })}
                title={t('roles.addRoleIn', { application: application.name })}
              >
                <Icon.AddCircle aria-hidden="true" focusable={false} />
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

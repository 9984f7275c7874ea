import { Button, Table } from '@trussworks/react-uswds';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, useDateFormat } from '../../components/use-date-format';
import { OrganizationName } from '../roles/OrganizationName';
import { RemoveRoleForm } from '../roles/RemoveRoleForm';
import { removalKindKeys } from '../roles/RemovedRolesTable';
import { useCatalogText } from '../roles/use-catalog-text';
import type { Person } from './help-desk-api';

type Role = Person['roles'][number];

interface Props {
  person: Person;
  onRemoved: (message: string) => void;
}

/** The person's roles and pending requests in the help desk's applications; a role removed with a reason. */
export function PersonRoles({ person, onRemoved }: Props) {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  const date = useDateFormat();
  const [removing, setRemoving] = useState<Role | null>(null);
  const name = `${person.firstName} ${person.lastName}`;
  const where = (role: Role) => role.organization?.legalName ?? role.application.name;

  return (
    <>
      <h2>{t('helpDesk.person.rolesHeading')}</h2>
      {removing ? (
        <RemoveRoleForm
          assignment={removing}
          wording={{
            question: t('helpDesk.person.removeQuestion', {
              name,
              role: catalogText.name(removing.role),
              organization: where(removing),
            }),
            warning: t('helpDesk.person.removeWarning', { name }),
          }}
          onRemoved={() => {
            onRemoved(t('helpDesk.person.removed', { name, role: catalogText.name(removing.role) }));
            setRemoving(null);
          }}
          onCancel={() => setRemoving(null)}
        />
      ) : null}
      {person.roles.length === 0 ? (
        <p>{t('helpDesk.person.noRoles')}</p>
      ) : (
        <Table bordered fullWidth scrollable stackedStyle="headers" caption={t('helpDesk.person.rolesCaption', { name })}>
          <thead>
            <tr>
              <th scope="col">{t('roles.role')}</th>
              <th scope="col">{t('roles.application')}</th>
              <th scope="col">{t('roles.organization')}</th>
              <th scope="col">{t('roles.established')}</th>
              <th scope="col">{t('helpDesk.person.state')}</th>
              <th scope="col">{t('roles.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {person.roles.map((role) => (
              <tr key={role.id}>
                <th scope="row" data-label={t('roles.role')}>
                  {catalogText.name(role.role)}
                </th>
                <td data-label={t('roles.application')}>{role.application.name}</td>
                <td data-label={t('roles.organization')}>
                  <OrganizationName organization={role.organization} />
                </td>
                <td data-label={t('roles.established')}>{formatDate(date, role.establishedAt)}</td>
                <td data-label={t('helpDesk.person.state')}>
                  {role.status === 'active'
                    ? t('helpDesk.person.activeUntil', {
                        date: formatDate(date, role.certificationDueAt, t('roles.notCertified')),
                      })
                    : t('helpDesk.person.removedOn', {
                        date: formatDate(date, role.removedAt),
                        kind: role.removalKind ? t(removalKindKeys[role.removalKind]) : '',
                        reason: role.removalReason ?? '',
                      })}
                </td>
                <td data-label={t('roles.actions')}>
                  {role.allowedActions.includes('remove') ? (
                    <Button
                      type="button"
                      unstyled
                      aria-label={t('roles.remove.named', { role: catalogText.name(role.role), organization: where(role) })}
                      onClick={() => setRemoving(role)}
                    >
                      {t('roles.remove.button')}
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      <h2>{t('helpDesk.person.requestsHeading')}</h2>
      {person.pendingRequests.length === 0 ? (
        <p>{t('helpDesk.person.noRequests')}</p>
      ) : (
        <>
          <Table bordered fullWidth scrollable stackedStyle="headers" caption={t('helpDesk.person.requestsCaption', { name })}>
            <thead>
              <tr>
                <th scope="col">{t('roles.trackingNumber')}</th>
                <th scope="col">{t('roles.role')}</th>
                <th scope="col">{t('roles.organization')}</th>
                <th scope="col">{t('roles.submitted')}</th>
              </tr>
            </thead>
            <tbody>
              {person.pendingRequests.map((request) => (
                <tr key={request.id}>
                  <th scope="row" data-label={t('roles.trackingNumber')}>
                    {request.trackingNumber}
                  </th>
                  <td data-label={t('roles.role')}>{catalogText.name(request.role)}</td>
                  <td data-label={t('roles.organization')}>{request.organization?.legalName ?? request.application.name}</td>
                  <td data-label={t('roles.submitted')}>{formatDate(date, request.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          <p>
            <Link className="usa-link" to="/approvals">
              {t('helpDesk.person.decideInApprovals')}
            </Link>
          </p>
        </>
      )}
    </>
  );
}

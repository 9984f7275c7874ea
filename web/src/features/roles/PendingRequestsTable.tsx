import { Button, Table } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, useDateTimeFormat } from '../../components/use-date-format';
import { OrganizationName } from './OrganizationName';
import { cancelRoleRequest, type Application, type RoleRequest } from './roles-api';
import { useCatalogText } from './use-catalog-text';

interface Props {
  application: Application;
  requests: RoleRequest[];
  onChanged: (message: string) => void;
}

/** The person's requests waiting for a decision in one application, each with Cancel while the server offers it. */
export function PendingRequestsTable({ application, requests, onChanged }: Props) {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  const dateFormat = useDateTimeFormat();
  const cancel = useMutation({
    mutationFn: (request: RoleRequest) => cancelRoleRequest(request.id),
    onSuccess: (cancelled) => onChanged(t('roles.pending.cancelled', { trackingNumber: cancelled.trackingNumber })),
  });
  return (
    <>
      <ErrorAlert error={cancel.error} />
      <Table
        bordered
        fullWidth
        scrollable
        stackedStyle="headers"
        caption={t('roles.pendingCaption', { application: application.name })}
      >
        <thead>
          <tr>
            <th scope="col">{t('roles.trackingNumber')}</th>
            <th scope="col">{t('roles.role')}</th>
            <th scope="col">{t('roles.organization')}</th>
            <th scope="col">{t('roles.submitted')}</th>
            <th scope="col">{t('roles.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((request) => (
            <tr key={request.id}>
              <th scope="row" data-label={t('roles.trackingNumber')}>
                {request.trackingNumber}
              </th>
              <td data-label={t('roles.role')}>{catalogText.name(request.role)}</td>
              <td data-label={t('roles.organization')}>
                <OrganizationName organization={request.organization} />
              </td>
              <td data-label={t('roles.submitted')}>{formatDate(dateFormat, request.createdAt)}</td>
              <td data-label={t('roles.actions')}>
                {request.allowedActions.includes('cancel') ? (
                  <Button
                    type="button"
                    unstyled
                    disabled={cancel.isPending}
                    aria-label={t('roles.pending.cancelNamed', { trackingNumber: request.trackingNumber })}
                    onClick={() => cancel.mutate(request)}
                  >
                    {t('roles.pending.cancel')}
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}

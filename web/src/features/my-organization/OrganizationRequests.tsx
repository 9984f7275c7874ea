import { Table } from '@trussworks/react-uswds';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { formatDate, useDateFormat } from '../../components/use-date-format';
import { fullName } from '../approvals/requester-name';
import { useCatalogText } from '../roles/use-catalog-text';
import { fetchOrganizationRequests, organizationRequestsKey } from './my-organization-api';

/** The organization's role requests waiting for this person's decision, decided on Pending Approvals. */
export function OrganizationRequests({ organizationId, organizationName }: { organizationId: string; organizationName: string }) {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  const dateFormat = useDateFormat();
  const requests = useQuery({
    queryKey: organizationRequestsKey(organizationId),
    queryFn: ({ signal }) => fetchOrganizationRequests(organizationId, signal),
  });

  return (
    <section aria-labelledby="my-org-requests-heading" className="rc-section">
      <h2 id="my-org-requests-heading">{t('myOrganization.requests.heading')}</h2>
      {requests.isPending ? (
        <LoadingStatus />
      ) : requests.isError ? (
        <PageError onRetry={() => void requests.refetch()} />
      ) : requests.data.items.length === 0 ? (
        <p>{t('myOrganization.requests.none')}</p>
      ) : (
        <>
          <p>
            {requests.data.nextCursor
              ? t('myOrganization.requests.firstOnes', { count: requests.data.items.length })
              : t('myOrganization.requests.count', { count: requests.data.items.length })}
          </p>
          <Table
            bordered
            compact
            fullWidth
            scrollable
            stackedStyle="default"
            caption={t('myOrganization.requests.caption', { name: organizationName })}
          >
            <thead>
              <tr>
                <th scope="col">{t('myOrganization.requests.trackingNumber')}</th>
                <th scope="col">{t('myOrganization.requests.requester')}</th>
                <th scope="col">{t('myOrganization.requests.role')}</th>
                <th scope="col">{t('myOrganization.requests.submitted')}</th>
                <th scope="col">{t('myOrganization.requests.expires')}</th>
              </tr>
            </thead>
            <tbody>
              {requests.data.items.map((request) => (
                <tr key={request.id}>
                  <th scope="row" data-label={t('myOrganization.requests.trackingNumber')}>
                    {request.trackingNumber}
                  </th>
                  <td data-label={t('myOrganization.requests.requester')}>
                    <span className="rc-org__name">{fullName(request)}</span>
                    <span className="rc-org__detail">
                      {t('myOrganization.endUsers.userIdIs', { userId: request.requester.userId })}
                    </span>
                  </td>
                  <td data-label={t('myOrganization.requests.role')}>{catalogText.name(request.role)}</td>
                  <td data-label={t('myOrganization.requests.submitted')}>{formatDate(dateFormat, request.createdAt)}</td>
                  <td data-label={t('myOrganization.requests.expires')}>{formatDate(dateFormat, request.expiresAt)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
      <p>
        <Link className="usa-link" to="/approvals">
          {t('myOrganization.requests.toApprovals')}
        </Link>
      </p>
    </section>
  );
}

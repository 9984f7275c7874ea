import { Table } from '@trussworks/react-uswds';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { usePageTitle } from '../../components/use-page-title';
import { fetchMyOrganizations, myOrganizationsKey } from '../organizations/organizations-api';
import { myOrganizationPath } from './my-organization-api';

/**
 * "My organization": the organizations this person approves for. With one, its page opens at
 * once; with several, they choose one here.
 */
export function MyOrganizationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('myOrganization.title'));
  const organizations = useQuery({ queryKey: myOrganizationsKey, queryFn: ({ signal }) => fetchMyOrganizations(signal) });
  const items = organizations.data?.items;
  if (items?.length === 1) return <Navigate to={myOrganizationPath(items[0]!.id)} replace />;

  return (
    <div className="rc-page">
      <h1>{t('myOrganization.title')}</h1>
      {organizations.isPending ? (
        <LoadingStatus />
      ) : organizations.isError ? (
        <PageError onRetry={() => void organizations.refetch()} />
      ) : items && items.length > 0 ? (
        <>
          <p className="usa-intro">{t('myOrganization.chooseIntro')}</p>
          <Table bordered fullWidth scrollable stackedStyle="headers" caption={t('myOrganization.chooseCaption')}>
            <thead>
              <tr>
                <th scope="col">{t('myOrganization.organization')}</th>
                <th scope="col">{t('myOrganization.submitterId')}</th>
                <th scope="col">{t('myOrganization.application')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((organization) => (
                <tr key={organization.id}>
                  <th scope="row" data-label={t('myOrganization.organization')}>
                    <Link className="usa-link" to={myOrganizationPath(organization.id)}>
                      {organization.legalName}
                    </Link>
                  </th>
                  <td data-label={t('myOrganization.submitterId')}>{organization.submitterId}</td>
                  <td data-label={t('myOrganization.application')}>{organization.application.name}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      ) : (
        <>
          <p className="usa-intro">{t('myOrganization.none')}</p>
          <p>
            <Link className="usa-link" to="/roles">
              {t('myOrganization.toManageRoles')}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { SuccessAlert } from '../../components/SuccessAlert';
import { usePageTitle } from '../../components/use-page-title';
import { ApplicationRoles } from './ApplicationRoles';
import { ApplicationsTable } from './ApplicationsTable';
import { RequestHistory } from './RequestHistory';
import { myRequestsQueryKey, myRolesQueryKey } from './roles-api';
import { useApplications, useMyRequests, useMyRoles } from './use-role-data';
import './roles.css';

/**
 * "Manage My Roles": each application with the roles held in it, the requests waiting for a
 * decision and the roles removed, the add-role icon under Actions that starts a request, and the
 * history of every request with what became of it.
 */
export function ManageRolesPage() {
  const { t } = useTranslation();
  usePageTitle(t('roles.title'));
  const queryClient = useQueryClient();
  const applications = useApplications();
  const roles = useMyRoles();
  const requests = useMyRequests();
  const [notice, setNotice] = useState<string | undefined>();

  const onChanged = (message: string) => {
    setNotice(message);
    void queryClient.invalidateQueries({ queryKey: myRolesQueryKey });
    void queryClient.invalidateQueries({ queryKey: myRequestsQueryKey });
  };
  const retry = () => {
    void applications.refetch();
    void roles.refetch();
    void requests.refetch();
  };

  return (
    <div className="rc-roles">
      <h1>{t('roles.title')}</h1>
      <p className="usa-intro rc-roles__form">{t('roles.intro')}</p>
      {notice ? <SuccessAlert message={notice} /> : null}
      {applications.isPending || roles.isPending || requests.isPending ? (
        <LoadingStatus />
      ) : applications.isError || roles.isError || requests.isError ? (
        <PageError onRetry={retry} />
      ) : (
        <>
          <ApplicationsTable
            applications={applications.data.items}
            assignments={roles.data.assignments}
            requests={requests.data.items}
          />
          {applications.data.items.map((application) => (
            <ApplicationRoles
              key={application.id}
              application={application}
              assignments={roles.data.assignments.filter((assignment) => assignment.application.id === application.id)}
              requests={requests.data.items.filter(
                (request) => request.application.id === application.id && request.status === 'pending',
              )}
              onChanged={onChanged}
            />
          ))}
          <RequestHistory />
        </>
      )}
    </div>
  );
}

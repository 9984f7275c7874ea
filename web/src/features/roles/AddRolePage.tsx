import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { usePageTitle } from '../../components/use-page-title';
import { AddRoleFlow } from './AddRoleFlow';
import { useApplications } from './use-role-data';
import './roles.css';

/**
 * Add a role: /roles/add?application=SPOT, and from "Request again" also &role=<code> and
 * &organization=<submitter ID> to start from the role and organization that were removed.
 */
export function AddRolePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const code = params.get('application') ?? '';
  const applications = useApplications();
  const application = applications.data?.items.find((candidate) => candidate.code === code);
  usePageTitle(application ? t('roles.add.title', { application: application.name }) : t('roles.add.notFoundTitle'));

  if (applications.isPending) return <LoadingStatus />;
  if (applications.isError) return <PageError onRetry={() => void applications.refetch()} />;
  if (!application) {
    return (
      <div className="rc-page">
        <h1>{t('roles.add.notFoundTitle')}</h1>
        <p>{t('roles.add.notFound')}</p>
        <p>
          <Link className="usa-link" to="/roles">
            {t('roles.backToRoles')}
          </Link>
        </p>
      </div>
    );
  }
  // A new flow for each address, so "Request again" for another role starts clean.
  return (
    <AddRoleFlow
      key={params.toString()}
      application={application}
      presetRoleCode={params.get('role') ?? undefined}
      presetSubmitterId={params.get('organization') ?? undefined}
    />
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { usePageTitle } from '../../components/use-page-title';
import { useSession } from '../session/use-session';
import { emptyOrganization } from './form-values';
import { FormSent } from './FormSent';
import { NewOrganizationEditor } from './NewOrganizationEditor';
import {
  applicationsKey,
  fetchApplications,
  organizationFormsKey,
  submitNewForm,
  type OrganizationForm,
} from './organizations-api';

/** "New organization form": a prospective approver asks the help desk to create their organization. */
export function NewOrganizationFormPage() {
  const queryClient = useQueryClient();
  const [sent, setSent] = useState<OrganizationForm | undefined>();
  // The confirmation replaces the form (and names the page itself), so nothing typed stays behind.
  if (sent) return <FormSent form={sent} />;
  return (
    <NewFormPageBody
      onSent={(form) => {
        void queryClient.invalidateQueries({ queryKey: organizationFormsKey });
        setSent(form);
      }}
    />
  );
}

function NewFormPageBody({ onSent }: { onSent: (form: OrganizationForm) => void }) {
  const applications = useQuery({ queryKey: applicationsKey, queryFn: ({ signal }) => fetchApplications(signal) });
  const { t } = useTranslation();
  const userId = useSession().data?.session?.user.id;
  usePageTitle(t('organizations.new.title'));
  return (
    <div className="rc-page">
      <h1>{t('organizations.new.title')}</h1>
      <p className="usa-intro">{t('organizations.new.intro')}</p>
      <p>{t('organizations.new.whatNext')}</p>
      {applications.isPending ? (
        <LoadingStatus />
      ) : applications.isError ? (
        <PageError onRetry={() => void applications.refetch()} />
      ) : (
        <NewOrganizationEditor
          idPrefix="new-form"
          initial={{
            ...emptyOrganization(),
            // One application is the usual case (SPOT): it is chosen already.
            applicationCode: applications.data.items.length === 1 ? (applications.data.items[0]?.code ?? '') : '',
            signatureName: '',
            attested: false,
          }}
          applications={applications.data.items}
          draftKey={userId ? `new-organization.${userId}` : undefined}
          submitLabel={t('organizations.new.submit')}
          send={submitNewForm}
          onSent={onSent}
        />
      )}
      <p className="rc-back-link">
        <Link className="usa-link" to="/organization-forms">
          {t('organizations.backToForms')}
        </Link>
      </p>
    </div>
  );
}

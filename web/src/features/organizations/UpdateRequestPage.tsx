import { Alert } from '@trussworks/react-uswds';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { usePageTitle } from '../../components/use-page-title';
import { NotFoundPage } from '../errors/NotFoundPage';
import { DetailsEditor } from './DetailsEditor';
import { detailValuesOf } from './form-values';
import { FormSent } from './FormSent';
import {
  fetchOrganization,
  organizationFormsKey,
  organizationKey,
  requestUpdate,
  type OrganizationForm,
} from './organizations-api';

/**
 * "Request an update": the organization's approver asks the help desk to change the records on
 * file — address, phone, fax, contact, approver and backup approvers — starting from them.
 */
export function UpdateRequestPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const [sent, setSent] = useState<OrganizationForm | undefined>();
  if (sent) return <FormSent form={sent} />;
  return (
    <UpdateRequestBody
      organizationId={id}
      onSent={(form) => {
        void queryClient.invalidateQueries({ queryKey: organizationFormsKey });
        setSent(form);
      }}
    />
  );
}

function UpdateRequestBody({ organizationId, onSent }: { organizationId: string; onSent: (form: OrganizationForm) => void }) {
  const { t } = useTranslation();
  const records = useQuery({
    queryKey: organizationKey(organizationId),
    queryFn: ({ signal }) => fetchOrganization(organizationId, signal),
  });
  const notFound = records.isError && isApiError(records.error, 404);
  usePageTitle(notFound ? t('notFound.title') : t('organizations.update.title'));
  if (notFound) return <NotFoundPage />;

  return (
    <div className="rc-page">
      <h1>{t('organizations.update.title')}</h1>
      {records.isPending ? (
        <LoadingStatus />
      ) : records.isError ? (
        <PageError onRetry={() => void records.refetch()} />
      ) : (
        <>
          <p className="usa-intro">
            {t('organizations.update.intro', { name: records.data.legalName, submitterId: records.data.submitterId })}
          </p>
          <p>{t('organizations.update.whatNext')}</p>
          {records.data.allowedActions.includes('request_update') ? (
            <DetailsEditor
              idPrefix="update-form"
              initial={{ ...detailValuesOf(records.data), signatureName: '', attested: false }}
              submitLabel={t('organizations.update.submit')}
              send={(body) => requestUpdate(organizationId, body)}
              onSent={onSent}
            />
          ) : (
            <Alert type="info" headingLevel="h2" heading={t('organizations.update.notApproverHeading')}>
              {t('organizations.forms.onlyApproverUpdates')}
            </Alert>
          )}
        </>
      )}
      <p className="rc-back-link">
        <Link className="usa-link" to="/organization-forms">
          {t('organizations.backToForms')}
        </Link>
      </p>
    </div>
  );
}

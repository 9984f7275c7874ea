import { Button, ButtonGroup } from '@trussworks/react-uswds';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { SuccessAlert } from '../../components/SuccessAlert';
import { usePageTitle } from '../../components/use-page-title';
import { NotFoundPage } from '../errors/NotFoundPage';
import { DetailsEditor } from './DetailsEditor';
import { detailValuesOf, organizationValuesOf } from './form-values';
import { FormStatus } from './FormStatus';
import { NewOrganizationEditor } from './NewOrganizationEditor';
import { fetchForm, formKey, organizationFormsKey, resubmitForm, withdrawForm, type OrganizationForm } from './organizations-api';
import { FormSummary } from './Summary';

type Notice = 'resent' | 'withdrawn';

/**
 * One form, for the person who sent it: everything on it (the TIN masked), where it stands and
 * why; a returned form is corrected and sent again here, and an open one withdrawn.
 */
export function FormDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useQuery({ queryKey: formKey(id), queryFn: ({ signal }) => fetchForm(id, signal) });
  const [notice, setNotice] = useState<Notice | undefined>();
  // The help desk may read the form here too; the server lists what this person may do with it.
  const allowed = form.data?.allowedActions ?? [];
  const notFound = form.isError && isApiError(form.error, 404);
  usePageTitle(
    notFound
      ? t('notFound.title')
      : form.data
        ? t('organizations.detail.title', { trackingNumber: form.data.trackingNumber })
        : t('organizations.forms.title'),
  );

  // A correction or withdrawal answers with the form as it now stands.
  const changed = (updated: OrganizationForm, what: Notice) => {
    queryClient.setQueryData(formKey(id), updated);
    void queryClient.invalidateQueries({ queryKey: organizationFormsKey, refetchType: 'none' });
    setNotice(what);
  };

  // Another person's form does not exist, as far as this person can tell.
  if (notFound) return <NotFoundPage />;
  return (
    <div className="rc-page">
      {form.isPending ? (
        <>
          <h1>{t('organizations.forms.title')}</h1>
          <LoadingStatus />
        </>
      ) : form.isError ? (
        <>
          <h1>{t('organizations.forms.title')}</h1>
          <PageError onRetry={() => void form.refetch()} />
        </>
      ) : (
        <>
          <h1>{t('organizations.detail.title', { trackingNumber: form.data.trackingNumber })}</h1>
          {notice ? (
            <SuccessAlert
              message={notice === 'resent' ? t('organizations.detail.resent') : t('organizations.detail.withdrawn')}
            />
          ) : null}
          <FormStatus form={form.data} />
          <section aria-labelledby="form-contents-heading" className="rc-section">
            <h2 id="form-contents-heading">{t('organizations.detail.contentsHeading')}</h2>
            <FormSummary form={form.data} />
          </section>
          {allowed.includes('resubmit') ? (
            <Correction key={form.data.updatedAt} form={form.data} onSent={(updated) => changed(updated, 'resent')} />
          ) : null}
          {allowed.includes('withdraw') ? (
            <Withdraw form={form.data} onWithdrawn={(updated) => changed(updated, 'withdrawn')} />
          ) : null}
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

function Correction({ form, onSent }: { form: OrganizationForm; onSent: (form: OrganizationForm) => void }) {
  const { t } = useTranslation();
  const signature = { signatureName: '', attested: false };
  return (
    <section aria-labelledby="correct-heading" className="rc-section">
      <h2 id="correct-heading">{t('organizations.detail.correctHeading')}</h2>
      <p>{t('organizations.detail.correctIntro')}</p>
      {form.kind === 'new_organization' ? (
        <NewOrganizationEditor
          idPrefix="correct-form"
          initial={{ ...organizationValuesOf(form), applicationCode: form.application.code, ...signature }}
          retypeTin
          submitLabel={t('organizations.detail.sendAgain')}
          send={({ organization, signatureName }) => resubmitForm(form.id, { organization, signatureName })}
          onSent={onSent}
        />
      ) : (
        <DetailsEditor
          idPrefix="correct-form"
          initial={{ ...detailValuesOf(form.data), ...signature }}
          submitLabel={t('organizations.detail.sendAgain')}
          send={({ changes, signatureName }) => resubmitForm(form.id, { changes, signatureName })}
          onSent={onSent}
        />
      )}
    </section>
  );
}

/** Withdrawing asks once more: the help desk will not review a withdrawn form. */
function Withdraw({ form, onWithdrawn }: { form: OrganizationForm; onWithdrawn: (form: OrganizationForm) => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const withdraw = useMutation({ mutationFn: () => withdrawForm(form.id), onSuccess: onWithdrawn });
  useEffect(() => {
    if (asking) box.current?.focus();
  }, [asking]);
  return (
    <section aria-labelledby="withdraw-heading" className="rc-section">
      <h2 id="withdraw-heading">{t('organizations.detail.withdrawHeading')}</h2>
      {asking ? (
        <div ref={box} tabIndex={-1} className="rc-confirm-box rc-focus-target" role="group" aria-labelledby="withdraw-question">
          <p id="withdraw-question" className="text-bold">
            {t('organizations.detail.withdrawQuestion', { trackingNumber: form.trackingNumber })}
          </p>
          <ErrorAlert error={withdraw.error} />
          <ButtonGroup>
            <Button type="button" secondary disabled={withdraw.isPending} onClick={() => withdraw.mutate()}>
              {t('organizations.detail.withdrawConfirm')}
            </Button>
            <Button type="button" outline onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </Button>
          </ButtonGroup>
        </div>
      ) : (
        <>
          <p>{t('organizations.detail.withdrawIntro')}</p>
          <Button type="button" outline onClick={() => setAsking(true)}>
            {t('organizations.detail.withdraw')}
          </Button>
        </>
      )}
    </section>
  );
}

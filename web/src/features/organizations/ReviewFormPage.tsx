import { Alert, Button, ButtonGroup, ErrorMessage, FormGroup, Label, Textarea } from '@trussworks/react-uswds';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { hasErrorCode, isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCheckError } from '../../components/form-errors';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { SuccessAlert } from '../../components/SuccessAlert';
import { usePageTitle } from '../../components/use-page-title';
import { NotFoundPage } from '../errors/NotFoundPage';
import { useSession } from '../session/use-session';
import { FormStatus } from './FormStatus';
import { fetchForm, formKey, queueKey, reviewForm, type OrganizationForm, type ReviewDecision } from './organizations-api';
import { FormSummary } from './Summary';

/**
 * The help desk reviews one form: everything on it (for an update, beside the records on file),
 * then approves it, returns it for correction or rejects it, with a reason for the last two.
 */
export function ReviewFormPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useQuery({ queryKey: formKey(id), queryFn: ({ signal }) => fetchForm(id, signal) });
  const [decided, setDecided] = useState<OrganizationForm | undefined>();
  // Someone else decided first, or the submitter withdrew it: said above the form as it now stands.
  const [overtaken, setOvertaken] = useState<unknown>(null);
  const session = useSession();
  const notFound = form.isError && isApiError(form.error, 404);
  usePageTitle(
    notFound
      ? t('notFound.title')
      : form.data
        ? t('helpDesk.review.title', { trackingNumber: form.data.trackingNumber })
        : t('helpDesk.queue.title'),
  );
  if (notFound) return <NotFoundPage />;

  const onDecided = (reviewed: OrganizationForm) => {
    queryClient.setQueryData(formKey(id), reviewed);
    void queryClient.invalidateQueries({ queryKey: queueKey });
    setDecided(reviewed);
  };

  return (
    <div className="rc-page">
      {form.isPending ? (
        <>
          <h1>{t('helpDesk.queue.title')}</h1>
          <LoadingStatus />
        </>
      ) : form.isError ? (
        <>
          <h1>{t('helpDesk.queue.title')}</h1>
          <PageError onRetry={() => void form.refetch()} />
        </>
      ) : (
        <>
          <h1>{t('helpDesk.review.title', { trackingNumber: form.data.trackingNumber })}</h1>
          {decided ? <DecisionNotice form={decided} /> : null}
          <ErrorAlert error={overtaken} />
          <FormStatus form={form.data} forHelpDesk />
          <section aria-labelledby="review-contents-heading" className="rc-section">
            <h2 id="review-contents-heading">{t('organizations.detail.contentsHeading')}</h2>
            <FormSummary form={form.data} />
          </section>
          {decisionsOf(form.data).length > 0 ? (
            <Decision
              form={form.data}
              decisions={decisionsOf(form.data)}
              onDecided={onDecided}
              onOvertaken={(error) => {
                setOvertaken(error);
                void form.refetch();
              }}
            />
          ) : form.data.status === 'submitted' && form.data.submittedBy.id === session.data?.session?.user.id ? (
            // Nobody reviews their own form: the server lists no decision for it, and says why here.
            <Alert type="info" headingLevel="h2" heading={t('helpDesk.review.ownFormHeading')} className="margin-top-4">
              {t('helpDesk.review.ownForm')}
            </Alert>
          ) : null}
        </>
      )}
      <p className="rc-back-link">
        <Link className="usa-link" to="/help-desk/organization-forms">
          {t('helpDesk.review.backToQueue')}
        </Link>
      </p>
    </div>
  );
}

const reviewDecisions: readonly ReviewDecision[] = ['approve', 'return', 'reject'];

/** The decisions the server lists for this person on this form, in the order the buttons show them. */
function decisionsOf(form: OrganizationForm): ReviewDecision[] {
  return reviewDecisions.filter((decision) => form.allowedActions.includes(decision));
}

function DecisionNotice({ form }: { form: OrganizationForm }) {
  const { t } = useTranslation();
  const submitter = `${form.submittedBy.firstName} ${form.submittedBy.lastName}`;
  const name = form.data.legalName ?? form.organization?.legalName ?? '';
  const message =
    form.status === 'approved'
      ? form.kind === 'new_organization'
        ? t('helpDesk.review.approvedNew', {
            trackingNumber: form.trackingNumber,
            submitterId: form.issuedSubmitterId ?? '',
            legalName: name,
          })
        : t('helpDesk.review.approvedUpdate', { trackingNumber: form.trackingNumber, legalName: name })
      : form.status === 'returned'
        ? t('helpDesk.review.returned', { trackingNumber: form.trackingNumber, submitter })
        : t('helpDesk.review.rejected', { trackingNumber: form.trackingNumber, submitter });
  return <SuccessAlert message={message} />;
}

function Decision({
  form,
  decisions,
  onDecided,
  onOvertaken,
}: {
  form: OrganizationForm;
  /** Only these buttons are offered. */
  decisions: readonly ReviewDecision[];
  onDecided: (form: OrganizationForm) => void;
  onOvertaken: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [decision, setDecision] = useState<ReviewDecision | undefined>();
  const [reasonMissing, setReasonMissing] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);
  const review = useMutation({
    mutationFn: (body: { decision: ReviewDecision; reason?: string }) => reviewForm(form.id, body),
    onSuccess: onDecided,
    onError: (error) => {
      // This part of the page goes away with a form already decided; the page says why.
      if (hasErrorCode(error, 'organization_form.already_reviewed')) return onOvertaken(error);
      setReasonMissing(hasErrorCode(error, 'organization_form.reason_required'));
      setFormError(error);
    },
  });

  const decide = (chosen: ReviewDecision) => {
    setDecision(chosen);
    const trimmed = reason.trim();
    if (chosen !== 'approve' && !trimmed) {
      setReasonMissing(true);
      setFormError(new FormCheckError());
      return;
    }
    setReasonMissing(false);
    setFormError(null);
    review.mutate({ decision: chosen, ...(trimmed ? { reason: trimmed } : {}) });
  };

  const reasonError = reasonMissing ? t('helpDesk.review.reasonRequired') : undefined;
  return (
    <section aria-labelledby="decision-heading" className="rc-section">
      <h2 id="decision-heading">{t('helpDesk.review.decisionHeading')}</h2>
      <p>{form.kind === 'update' ? t('helpDesk.review.decisionIntroUpdate') : t('helpDesk.review.decisionIntroNew')}</p>
      <ErrorAlert error={formError} />
      <div className="usa-form usa-form--large maxw-full">
        <FormGroup error={Boolean(reasonError)}>
          <Label htmlFor="review-reason" error={Boolean(reasonError)}>
            {t('helpDesk.review.reason')}
          </Label>
          <div className="usa-hint" id="review-reason-hint">
            {t('helpDesk.review.reasonHint')}
          </div>
          {reasonError ? <ErrorMessage id="review-reason-error">{reasonError}</ErrorMessage> : null}
          <Textarea
            id="review-reason"
            name="reason"
            value={reason}
            maxLength={2000}
            onChange={(event) => setReason(event.target.value)}
            error={Boolean(reasonError)}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={['review-reason-hint', reasonError ? 'review-reason-error' : ''].filter(Boolean).join(' ')}
          />
        </FormGroup>
        <ButtonGroup className="margin-top-3">
          {decisions.includes('approve') ? (
            <Button type="button" onClick={() => decide('approve')} disabled={review.isPending}>
              {review.isPending && decision === 'approve' ? t('helpDesk.review.deciding') : t('helpDesk.review.approve')}
            </Button>
          ) : null}
          {decisions.includes('return') ? (
            <Button type="button" onClick={() => decide('return')} outline disabled={review.isPending}>
              {review.isPending && decision === 'return' ? t('helpDesk.review.deciding') : t('helpDesk.review.return')}
            </Button>
          ) : null}
          {decisions.includes('reject') ? (
            <Button type="button" onClick={() => decide('reject')} secondary disabled={review.isPending}>
              {review.isPending && decision === 'reject' ? t('helpDesk.review.deciding') : t('helpDesk.review.reject')}
            </Button>
          ) : null}
        </ButtonGroup>
      </div>
    </section>
  );
}

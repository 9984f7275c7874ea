import { Alert, Tag } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { formatDate, useDateTimeFormat } from '../../components/use-date-format';
import { statusTagClass, useOrganizationWords } from './labels';
import type { OrganizationForm } from './organizations-api';

/**
 * Where a form stands: its status, and the help desk's reason or the submitter ID it issued. The
 * submitter is told what they can do next; the help desk, what is theirs to do.
 */
export function FormStatus({ form, forHelpDesk = false }: { form: OrganizationForm; forHelpDesk?: boolean }) {
  const { t } = useTranslation();
  const words = useOrganizationWords();
  const dateFormat = useDateTimeFormat();
  const reviewed = formatDate(dateFormat, form.reviewedAt);
  return (
    <>
      <p>
        <span className="text-bold">{t('organizations.forms.status')}:</span>{' '}
        <Tag className={statusTagClass(form.status)} data-testid="form-status">
          {words.status(form.status)}
        </Tag>
        {' · '}
        {words.kind(form.kind)}
        {' · '}
        {t('organizations.detail.submittedBy', {
          name: `${form.submittedBy.firstName} ${form.submittedBy.lastName}`,
          userId: form.submittedBy.userId,
          date: formatDate(dateFormat, form.createdAt),
        })}
      </p>
      {form.status === 'returned' ? (
        <Alert type="warning" headingLevel="h2" heading={t('organizations.detail.returnedHeading')}>
          <span className="text-bold">{t('organizations.forms.reason')}</span>{' '}
          <span data-testid="review-reason">{form.reviewReason}</span>
          {/* Said only where the correction is offered: to the person the server lets resubmit it. */}
          {!forHelpDesk && form.allowedActions.includes('resubmit') ? (
            <>
              <br />
              {t('organizations.detail.returnedHelp')}
            </>
          ) : null}
        </Alert>
      ) : form.status === 'rejected' ? (
        <Alert type="error" headingLevel="h2" heading={t('organizations.detail.rejectedHeading', { date: reviewed })}>
          <span className="text-bold">{t('organizations.forms.reason')}</span>{' '}
          <span data-testid="review-reason">{form.reviewReason}</span>
        </Alert>
      ) : form.status === 'approved' ? (
        <Alert type="success" headingLevel="h2" heading={t('organizations.detail.approvedHeading', { date: reviewed })}>
          {form.kind === 'new_organization' && form.issuedSubmitterId
            ? t('organizations.detail.approvedNew', {
                submitterId: form.issuedSubmitterId,
                legalName: form.data.legalName ?? '',
                application: form.application.name,
              })
            : t('organizations.detail.approvedUpdate')}
        </Alert>
      ) : form.status === 'withdrawn' ? (
        <Alert type="info" headingLevel="h2" heading={t('organizations.detail.withdrawnHeading')}>
          {t('organizations.detail.withdrawnBody')}
        </Alert>
      ) : (
        <Alert type="info" headingLevel="h2" heading={t('organizations.detail.submittedHeading')}>
          {forHelpDesk ? t('helpDesk.review.submittedBody') : t('organizations.detail.submittedBody')}
        </Alert>
      )}
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { formatDate, useDateTimeFormat } from '../../components/use-date-format';
import { OrganizationName } from '../roles/OrganizationName';
import type { RoleRequest } from '../roles/roles-api';
import { DecisionForm } from './DecisionForm';
import { fullName } from './requester-name';
import { useCatalogText } from '../roles/use-catalog-text';

interface Props {
  request: RoleRequest;
  onDecided: (request: RoleRequest) => void;
}

/** One request waiting for a decision: who asks for what, where and why, then Approve or Reject. */
export function ApprovalItem({ request, onDecided }: Props) {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  const dateFormat = useDateTimeFormat();
  const headingId = `approval-${request.id}-heading`;
  return (
    <section className="rc-approval" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('approvals.itemHeading', { trackingNumber: request.trackingNumber, name: fullName(request) })}</h2>
      <dl className="rc-summary">
        <dt>{t('approvals.requester')}</dt>
        <dd>
          <span className="rc-org__name">{fullName(request)}</span>
          <span className="rc-org__detail">{t('approvals.userIdIs', { userId: request.requester.userId })}</span>
          <span className="rc-org__detail">{request.requester.email}</span>
        </dd>
        <dt>{t('roles.application')}</dt>
        <dd>{request.application.name}</dd>
        <dt>{t('roles.role')}</dt>
        <dd>{catalogText.name(request.role)}</dd>
        <dt>{t('roles.organization')}</dt>
        <dd>
          <OrganizationName organization={request.organization} />
          {request.organization?.orphaned ? <span className="rc-org__detail">{t('approvals.orphaned')}</span> : null}
        </dd>
        <dt>{t('approvals.reason')}</dt>
        <dd>{request.reason}</dd>
        <dt>{t('roles.submitted')}</dt>
        <dd>{formatDate(dateFormat, request.createdAt)}</dd>
        <dt>{t('approvals.expires')}</dt>
        <dd>{formatDate(dateFormat, request.expiresAt)}</dd>
      </dl>
      <DecisionForm request={request} onDecided={onDecided} />
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, useDateFormat } from '../../components/use-date-format';
import type { RoleRequest } from './roles-api';
import { useCatalogText } from './use-catalog-text';

/** The confirmation screen: the tracking number, and who decides the request now. */
export function ConfirmationStep({ request }: { request: RoleRequest }) {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  const dateFormat = useDateFormat();
  const organization = request.organization?.legalName ?? request.application.name;
  return (
    <div className="rc-roles__form">
      <p className="usa-intro">{t('roles.done.intro', { role: catalogText.name(request.role), organization })}</p>
      <p>
        {t('roles.done.numberIs')}{' '}
        <strong className="rc-tracking-number" data-testid="tracking-number">
          {request.trackingNumber}
        </strong>
      </p>
      <p>{t('roles.done.keepNumber')}</p>
      <h2>{t('roles.done.nextHeading')}</h2>
      <ul className="usa-list">
        <li>
          {request.routedTo === 'org_approvers'
            ? t('roles.done.toApprovers', { organization })
            : t('roles.done.toHelpDesk', { application: request.application.name })}
        </li>
        <li>{t('roles.done.emailed')}</li>
        <li>{t('roles.done.expires', { date: formatDate(dateFormat, request.expiresAt) })}</li>
      </ul>
      <p className="rc-back-link">
        <Link className="usa-button" to="/roles">
          {t('roles.backToRoles')}
        </Link>
      </p>
    </div>
  );
}

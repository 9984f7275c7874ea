import { Button, Table } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { formatDate, useDateFormat } from '../../components/use-date-format';
import { personName } from '../certifications/people';
import { useCatalogText } from '../roles/use-catalog-text';
import type { EndUserRole } from './my-organization-api';

interface Props {
  organizationName: string;
  items: EndUserRole[];
  onRemove: (item: EndUserRole) => void;
}

/**
 * The organization's end users and their roles: when each was established and certified, when it
 * falls due, when its holder last signed in, and "Remove" where the server lists it.
 */
export function EndUsersTable({ organizationName, items, onRemove }: Props) {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  const dateFormat = useDateFormat();
  return (
    <Table
      bordered
      compact
      fullWidth
      scrollable
      stackedStyle="default"
      className="rc-my-org__table"
      caption={t('myOrganization.endUsers.caption', { name: organizationName })}
    >
      <thead>
        <tr>
          <th scope="col">{t('myOrganization.endUsers.user')}</th>
          <th scope="col">{t('myOrganization.endUsers.role')}</th>
          <th scope="col">{t('myOrganization.endUsers.established')}</th>
          <th scope="col">{t('myOrganization.endUsers.lastCertified')}</th>
          <th scope="col">{t('myOrganization.endUsers.nextDue')}</th>
          <th scope="col">{t('myOrganization.endUsers.lastSignIn')}</th>
          <th scope="col">{t('myOrganization.endUsers.lastUsed')}</th>
          <th scope="col">{t('myOrganization.endUsers.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const name = personName(item.holder);
          const role = catalogText.name(item.role);
          return (
            <tr key={item.id} data-testid="end-user-row">
              <th scope="row" data-label={t('myOrganization.endUsers.user')}>
                <span className="rc-org__name">{name}</span>
                <span className="rc-org__detail">{t('myOrganization.endUsers.userIdIs', { userId: item.holder.userId })}</span>
              </th>
              <td data-label={t('myOrganization.endUsers.role')}>
                <span className="rc-org__name">{role}</span>
                <span className="rc-org__detail">{item.application.name}</span>
              </td>
              <td className="rc-my-org__date" data-label={t('myOrganization.endUsers.established')}>
                {formatDate(dateFormat, item.establishedAt)}
              </td>
              <td className="rc-my-org__date" data-label={t('myOrganization.endUsers.lastCertified')}>
                {formatDate(dateFormat, item.lastCertifiedAt, t('myOrganization.endUsers.notYet'))}
              </td>
              <td className="rc-my-org__date" data-label={t('myOrganization.endUsers.nextDue')}>
                {formatDate(dateFormat, item.certificationDueAt, t('myOrganization.endUsers.notDue'))}
              </td>
              <td className="rc-my-org__date" data-label={t('myOrganization.endUsers.lastSignIn')}>
                {formatDate(dateFormat, item.holder.lastSignInAt, t('myOrganization.endUsers.never'))}
              </td>
              <td className="rc-my-org__date" data-label={t('myOrganization.endUsers.lastUsed')}>
                {formatDate(dateFormat, item.lastUsedAt, t('myOrganization.endUsers.never'))}
              </td>
              <td data-label={t('myOrganization.endUsers.actions')}>
                {item.allowedActions.includes('remove') ? (
                  <Button
                    type="button"
                    unstyled
                    aria-label={t('myOrganization.remove.named', { role, name })}
                    onClick={() => onRemove(item)}
                  >
                    {t('myOrganization.remove.button')}
                  </Button>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

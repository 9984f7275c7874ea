import { Button, Table } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { formatDate, useDateTimeFormat } from '../../components/use-date-format';
import { factorDescription, factorName } from './factor-kinds';
import type { ListedFactor } from './mfa-api';

interface Props {
  factors: ListedFactor[];
  onRemove: (factor: ListedFactor) => void;
}

/** The person's MFA devices: name (with its kind when named otherwise), when added and last used, and Remove where the server offers it. */
export function FactorTable({ factors, onRemove }: Props) {
  const { t } = useTranslation();
  const dateFormat = useDateTimeFormat();
  return (
    <Table bordered fullWidth scrollable stackedStyle="headers" caption={t('manageMfa.tableCaption')}>
      <thead>
        <tr>
          <th scope="col">{t('manageMfa.device')}</th>
          <th scope="col">{t('manageMfa.added')}</th>
          <th scope="col">{t('manageMfa.lastUsed')}</th>
          <th scope="col">{t('manageMfa.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {factors.map((factor) => {
          // Its kind only when its own name does not say it, and where its codes go: never twice.
          const description = factorDescription(factor, t);
          return (
            <tr key={factor.id}>
              <th scope="row" data-label={t('manageMfa.device')}>
                {factorName(factor, t)}
                {description ? <span className="rc-factor__detail">{description}</span> : null}
              </th>
              <td data-label={t('manageMfa.added')}>{formatDate(dateFormat, factor.createdAt)}</td>
              <td data-label={t('manageMfa.lastUsed')}>{formatDate(dateFormat, factor.lastUsedAt, t('manageMfa.never'))}</td>
              <td data-label={t('manageMfa.actions')}>
                {factor.allowedActions.includes('remove') ? (
                  <Button
                    type="button"
                    unstyled
                    aria-label={t('manageMfa.removeNamed', { label: factorName(factor, t) })}
                    onClick={() => onRemove(factor)}
                  >
                    {t('manageMfa.remove')}
                  </Button>
                ) : (
                  <span className="rc-factor__detail">{t('manageMfa.onlyDevice')}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

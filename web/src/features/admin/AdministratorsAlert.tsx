import { Alert } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';

/** A signed-in person who is not an administrator is told whose page this is, not shown an error. */
export function ClientsAccessAlert() {
  const { t } = useTranslation();
  return (
    <Alert type="info" headingLevel="h2" heading={t('clients.administratorsHeading')}>
      {t('clients.administratorsOnly')}
    </Alert>
  );
}

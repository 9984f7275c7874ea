import { Alert } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';

/** What someone who is not help desk staff reads instead of the console. */
export function HelpDeskOnlyAlert() {
  const { t } = useTranslation();
  return (
    <Alert type="warning" headingLevel="h2" heading={t('helpDesk.console.forbiddenHeading')}>
      {t('helpDesk.console.forbidden')}
    </Alert>
  );
}

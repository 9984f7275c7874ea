import { Alert, Button } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';

export function PageError({ onRetry }: { onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      headingLevel="h2"
      heading={t('errors.heading')}
      cta={
        onRetry ? (
          <Button type="button" outline onClick={onRetry}>
            {t('errors.retry')}
          </Button>
        ) : undefined
      }
    >
      {t('errors.generic')}
    </Alert>
  );
}

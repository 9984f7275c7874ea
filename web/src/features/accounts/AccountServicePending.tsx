import { Alert } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../components/use-page-title';

// Sign-in and registration pages stand here, with their real headings, until the account
// service answers; the accounts feature replaces this with the forms.
export function AccountServicePending({ title }: { title: string }) {
  const { t } = useTranslation();
  usePageTitle(title);
  return (
    <div className="usa-prose">
      <h1>{title}</h1>
      <Alert type="info" headingLevel="h2" heading={t('accounts.unavailableHeading')}>
        {t('accounts.unavailable')}
      </Alert>
      <p>
        <Link className="usa-link" to="/">
          {t('accounts.backHome')}
        </Link>
      </p>
    </div>
  );
}

import { Alert } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { withReturnTo } from '../session/return-path';

/**
 * The mail viewer shows reset links and codes, so only administrators may read it: a visitor is
 * asked to sign in as one, a signed-in person without the right is told so.
 */
export function OutboxAccessAlert({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert type="info" headingLevel="h2" heading={t('outbox.administratorsHeading')}>
      {signedIn ? (
        t('outbox.administratorsOnly')
      ) : (
        <>
          {t('outbox.signInAsAdministrator')}{' '}
          <Link className="usa-link" to={withReturnTo('/sign-in', '/dev/outbox')}>
            {t('nav.signIn')}
          </Link>
        </>
      )}
    </Alert>
  );
}

import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePageTitle } from '../../components/use-page-title';
import { isServerPath, safeReturnPath } from '../session/return-path';

/**
 * An application sent the person to sign in through Rolecall, and they hold no role in it. They
 * can ask for one on Manage My Roles, or go back: the application is then told they were refused
 * (`returnTo`, the server's address that ends the application's sign-in request).
 */
export function NotAssignedPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const application = params.get('application') ?? '';
  const back = safeReturnPath(params.get('returnTo'));
  usePageTitle(t('notAssigned.title'));
  return (
    <div className="rc-page usa-prose">
      <h1>{t('notAssigned.title')}</h1>
      <p className="usa-intro">{t('notAssigned.body', { application })}</p>
      <p>{t('notAssigned.askForRole', { application })}</p>
      <ul className="usa-button-group rc-button-row">
        <li className="usa-button-group__item">
          <Link className="usa-button" to="/roles">
            {t('notAssigned.manageRoles')}
          </Link>
        </li>
        {isServerPath(back) && (
          <li className="usa-button-group__item">
            <a className="usa-button usa-button--outline" href={back}>
              {t('notAssigned.backToApplication', { application })}
            </a>
          </li>
        )}
      </ul>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../components/use-page-title';

/** The visitor's welcome: what Rolecall is, and the ways in. */
export function Welcome() {
  const { t } = useTranslation();
  usePageTitle(t('app.name'));
  return (
    <div className="usa-prose rc-home">
      <h1>{t('home.title')}</h1>
      <p className="usa-intro">{t('home.intro')}</p>
      <p>{t('home.details')}</p>
      <ul className="usa-button-group rc-button-row">
        <li className="usa-button-group__item">
          <Link className="usa-button" to="/sign-in">
            {t('home.signIn')}
          </Link>
        </li>
        <li className="usa-button-group__item">
          <Link className="usa-button usa-button--outline" to="/register">
            {t('home.register')}
          </Link>
        </li>
      </ul>
      <p>{t('home.newHere')}</p>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function BackToSignIn() {
  const { t } = useTranslation();
  return (
    <p className="rc-back-link">
      <Link className="usa-link" to="/sign-in">
        {t('links.backToSignIn')}
      </Link>
    </p>
  );
}

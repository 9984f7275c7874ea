import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { usePageTitle } from '../../components/use-page-title';
import { EmailChangeForm } from './EmailChangeForm';
import { ProfileDetailsForm } from './ProfileDetailsForm';
import { useProfile } from './use-profile';

/** "My Profile": who the person is to Rolecall, and the ways to keep the account safe. */
export function ProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('profile.title'));
  const profile = useProfile();
  return (
    <div className="rc-page">
      <h1>{t('profile.title')}</h1>
      {profile.isPending ? (
        <LoadingStatus />
      ) : profile.isError ? (
        <PageError onRetry={() => void profile.refetch()} />
      ) : (
        <>
          <p className="usa-intro">
            {t('profile.userIdIs')} <strong data-testid="profile-user-id">{profile.data.userId}</strong>
          </p>
          <section aria-labelledby="profile-details-heading" className="rc-section">
            <h2 id="profile-details-heading">{t('profile.detailsHeading')}</h2>
            <ProfileDetailsForm key={profile.data.id} profile={profile.data} />
          </section>
          <section aria-labelledby="profile-email-heading" className="rc-section">
            <h2 id="profile-email-heading">{t('profile.emailHeading')}</h2>
            <EmailChangeForm profile={profile.data} />
          </section>
          <section aria-labelledby="profile-security-heading" className="rc-section">
            <h2 id="profile-security-heading">{t('profile.securityHeading')}</h2>
            <ul className="usa-list">
              <li>
                <Link className="usa-link" to="/profile/password">
                  {t('profile.changePassword')}
                </Link>
              </li>
              <li>
                <Link className="usa-link" to="/profile/mfa">
                  {t('manageMfa.title')}
                </Link>
              </li>
              <li>
                <Link className="usa-link" to="/profile/sessions">
                  {t('sessions.title')}
                </Link>
              </li>
            </ul>
          </section>
        </>
      )}
    </div>
  );
}

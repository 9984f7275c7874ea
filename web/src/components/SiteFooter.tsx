import { Footer, FooterNav } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../features/session/use-session';

export function SiteFooter() {
  const { t } = useTranslation();
  const state = useSession().data;
  // Links for administrators only: the API description and, when it is on, the mail viewer.
  const administrator = state?.session?.stage === 'active' && state.session.user.isAdministrator === true;
  const links = administrator
    ? [
        // /docs is served by the API server, outside this app's router.
        <a key="docs" className="usa-footer__primary-link" href="/docs">
          {t('footer.apiDocs')}
        </a>,
        ...(state.site.mailViewer
          ? [
              <Link key="outbox" className="usa-footer__primary-link" to="/dev/outbox">
                {t('footer.mailViewer')}
              </Link>,
            ]
          : []),
      ]
    : [];
  return (
    <Footer
      size="slim"
      returnToTop={
        <div className="grid-container usa-footer__return-to-top">
          <a href="#main-content">{t('footer.returnToTop')}</a>
        </div>
      }
      primary={
        links.length > 0 ? (
          <div className="grid-container">
            <FooterNav size="slim" aria-label={t('footer.linksLabel')} links={links} />
          </div>
        ) : (
          <></>
        )
      }
      secondary={<p className="rc-footer-about">{t('footer.about')}</p>}
    />
  );
}

import { Footer, FooterNav } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <Footer
      size="slim"
      returnToTop={
        <div className="grid-container usa-footer__return-to-top">
          <a href="#main-content">{t('footer.returnToTop')}</a>
        </div>
      }
      primary={
        <div className="grid-container">
          <FooterNav
            size="slim"
            aria-label={t('footer.linksLabel')}
            links={[
              // /docs is served by the API server, outside this app's router.
              <a key="docs" className="usa-footer__primary-link" href="/docs">
                {t('footer.apiDocs')}
              </a>,
              <Link key="outbox" className="usa-footer__primary-link" to="/dev/outbox">
                {t('footer.mailViewer')}
              </Link>,
            ]}
          />
        </div>
      }
      secondary={<p className="rc-footer-about">{t('footer.about')}</p>}
    />
  );
}

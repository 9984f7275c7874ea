import { GovBanner } from '@trussworks/react-uswds';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { SessionProvider } from '../features/session/SessionProvider';
import { SessionTimeout } from '../features/session/SessionTimeout';
import { useSession } from '../features/session/use-session';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';

export const mainContentId = 'main-content';

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  // The US government banner belongs only on sites the operator says are the government's.
  const site = useSession().data?.site;
  const shownPath = useRef(location.pathname);

  // A client-side navigation does not move focus the way a page load does; moving it to <main>
  // tells screen-reader and keyboard users that the page changed and starts them at its content.
  // Comparing paths (not counting renders) leaves focus alone on the first page and on re-runs.
  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    mainRef.current?.focus();
  }, [location.pathname]);

  return (
    <SessionProvider>
      <a className="usa-skipnav" href={`#${mainContentId}`}>
        {t('app.skipToMain')}
      </a>
      {site?.governmentBanner ? <GovBanner language={i18n.resolvedLanguage === 'es' ? 'spanish' : 'english'} /> : null}
      <SiteHeader />
      <main id={mainContentId} ref={mainRef} tabIndex={-1} className="rc-main">
        <div className="grid-container">
          <Outlet />
        </div>
      </main>
      <SiteFooter />
      <SessionTimeout />
    </SessionProvider>
  );
}

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

// Every page names itself in the tab title (WCAG 2.4.2), in the current language.
export function usePageTitle(pageTitle: string): void {
  const { t } = useTranslation();
  const siteName = t('app.name');
  useEffect(() => {
    document.title = pageTitle === siteName ? siteName : `${pageTitle} | ${siteName}`;
  }, [pageTitle, siteName]);
}

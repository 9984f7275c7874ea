import { Card, CardBody, CardGroup, CardHeader } from '@trussworks/react-uswds';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadingStatus } from '../../components/LoadingStatus';
import { usePageTitle } from '../../components/use-page-title';
import { useSession } from '../session/use-session';
import { ConsoleAdministratorsAlert } from './AdminConsolePage';
import './admin-console.css';

interface ConsolePage {
  to: string;
  titleKey: ParseKeys;
  descriptionKey: ParseKeys;
}

/** Every administrators' page, in the order an administrator setting Rolecall up needs them. */
const consolePages: readonly ConsolePage[] = [
  {
    to: '/admin/catalog',
    titleKey: 'adminConsole.pages.catalog.title',
    descriptionKey: 'adminConsole.pages.catalog.description',
  },
  { to: '/admin/terms', titleKey: 'adminConsole.pages.terms.title', descriptionKey: 'adminConsole.pages.terms.description' },
  {
    to: '/admin/acknowledgement',
    titleKey: 'adminConsole.pages.acknowledgement.title',
    descriptionKey: 'adminConsole.pages.acknowledgement.description',
  },
  {
    to: '/admin/help-desk',
    titleKey: 'adminConsole.pages.helpDesk.title',
    descriptionKey: 'adminConsole.pages.helpDesk.description',
  },
  { to: '/admin/clients', titleKey: 'tiles.clients.title', descriptionKey: 'tiles.clients.description' },
  { to: '/admin/webhooks', titleKey: 'tiles.webhooks.title', descriptionKey: 'tiles.webhooks.description' },
  {
    to: '/admin/configuration',
    titleKey: 'adminConsole.pages.configuration.title',
    descriptionKey: 'adminConsole.pages.configuration.description',
  },
  {
    to: '/admin/dashboard',
    titleKey: 'programDashboard.adminCard.title',
    descriptionKey: 'programDashboard.adminCard.description',
  },
];

/**
 * "Administration": the administrators' pages, one card each. It reads nothing of its own from
 * the server, so it asks the session whether this is an administrator; each page it leads to is
 * refused by the server to anyone else anyway.
 */
export function AdminIndexPage() {
  const { t } = useTranslation();
  usePageTitle(t('adminConsole.title'));
  const session = useSession();
  const user = session.data?.session?.user;
  return (
    <div className="rc-admin-console">
      <h1>{t('adminConsole.title')}</h1>
      <p className="usa-intro">{t('adminConsole.intro')}</p>
      {session.isPending ? (
        <LoadingStatus />
      ) : !user?.isAdministrator ? (
        <ConsoleAdministratorsAlert />
      ) : (
        <CardGroup className="rc-tiles">
          {consolePages.map((page) => (
            <Card
              key={page.to}
              gridLayout={{ tablet: { col: 6 }, desktop: { col: 4 } }}
              containerProps={{ className: 'rc-tile' }}
            >
              <CardHeader>
                <h2 className="usa-card__heading">
                  <Link className="usa-link rc-tile__link" to={page.to}>
                    {t(page.titleKey)}
                  </Link>
                </h2>
              </CardHeader>
              <CardBody>
                <p>{t(page.descriptionKey)}</p>
              </CardBody>
            </Card>
          ))}
        </CardGroup>
      )}
    </div>
  );
}

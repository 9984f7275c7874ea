import { Card, CardBody, CardGroup, CardHeader } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../components/use-page-title';
import type { Session } from '../session/session-api';
import { tiles } from './tiles';

/** The signed-in home page: a tile for each thing this person may use, and nothing else. */
export function HomeTiles({ session }: { session: Session }) {
  const { t } = useTranslation();
  usePageTitle(t('app.name'));
  const name = session.user.firstName || session.user.userId;
  return (
    <div className="rc-home">
      <h1>{t('home.signedInTitle', { name })}</h1>
      <p className="usa-intro">{t('home.signedInIntro')}</p>
      <CardGroup className="rc-tiles">
        {tiles
          .filter((tile) => tile.visible(session))
          .map((tile) => (
            <Card
              key={tile.id}
              gridLayout={{ tablet: { col: 6 }, desktop: { col: 4 } }}
              containerProps={{ className: 'rc-tile' }}
            >
              <CardHeader>
                <h2 className="usa-card__heading">
                  <Link className="usa-link rc-tile__link" to={tile.to}>
                    {t(tile.titleKey)}
                  </Link>
                </h2>
              </CardHeader>
              <CardBody>
                <p>{t(tile.descriptionKey)}</p>
              </CardBody>
            </Card>
          ))}
      </CardGroup>
    </div>
  );
}

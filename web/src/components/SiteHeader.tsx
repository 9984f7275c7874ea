import { Header, NavCloseButton, NavList, NavMenuButton, Title } from '@trussworks/react-uswds';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation } from 'react-router';
import { useSession } from '../features/session/use-session';
import { useSignOut } from '../features/session/use-sign-out';
import { LanguageSwitch } from './LanguageSwitch';
import { TextSizeControl } from './TextSizeControl';

function navLinkClass({ isActive }: { isActive: boolean }): string {
  return isActive ? 'usa-nav-link usa-current' : 'usa-nav-link';
}

export function SiteHeader() {
  const { t } = useTranslation();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);

  // The mobile menu closes once a link in it has been followed.
  useEffect(() => setMenuOpen(false), [location.pathname]);

  const session = useSession().data?.session ?? null;
  const signOut = useSignOut();

  const home = (
    <NavLink key="home" to="/" end className={navLinkClass}>
      <span>{t('nav.home')}</span>
    </NavLink>
  );
  // Signed in (or half-way, choosing an MFA device): who, and a way out. Otherwise: ways in.
  const items = session
    ? [
        home,
        ...(session.stage === 'active'
          ? [
              <NavLink key="profile" to="/profile" className={navLinkClass}>
                <span>{t('nav.profile')}</span>
              </NavLink>,
            ]
          : []),
        // Only once MFA is done is anyone signed in.
        ...(session.stage === 'active'
          ? [
              <span key="user" className="rc-nav-user">
                {t('nav.signedInAs')} <strong>{session.user.userId}</strong>
              </span>,
            ]
          : []),
        <button
          key="sign-out"
          type="button"
          className="rc-nav-button"
          disabled={signOut.isPending}
          onClick={() => signOut.mutate('signedOut')}
        >
          <span>{t('nav.signOut')}</span>
        </button>,
      ]
    : [
        home,
        <NavLink key="sign-in" to="/sign-in" className={navLinkClass}>
          <span>{t('nav.signIn')}</span>
        </NavLink>,
        <NavLink key="register" to="/register" className={navLinkClass}>
          <span>{t('nav.register')}</span>
        </NavLink>,
      ];

  return (
    <Header basic showMobileOverlay={menuOpen}>
      <div className="rc-settings-bar">
        <div className="grid-container rc-settings-bar__inner">
          <TextSizeControl />
          <LanguageSwitch />
        </div>
      </div>
      <div className="usa-nav-container">
        <div className="usa-navbar">
          <Title>
            <Link to="/" aria-label={t('app.homeLinkLabel')}>
              {t('app.name')}
            </Link>
          </Title>
          <NavMenuButton
            label={t('nav.menu')}
            aria-expanded={menuOpen}
            aria-controls="rc-primary-nav"
            onClick={() => setMenuOpen((open) => !open)}
          />
        </div>
        <nav
          id="rc-primary-nav"
          className={menuOpen ? 'usa-nav is-visible' : 'usa-nav'}
          aria-label={t('nav.label')}
          onKeyDown={(event) => {
            // Escape closes the mobile menu, as it closes any other disclosure.
            if (event.key === 'Escape' && menuOpen) setMenuOpen(false);
          }}
        >
          <NavCloseButton aria-label={t('nav.close')} onClick={() => setMenuOpen(false)} />
          <NavList type="primary" items={items} />
        </nav>
      </div>
    </Header>
  );
}

import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { usePageTitle } from '../../components/use-page-title';
import { AdministratorsAlert } from './AdministratorsAlert';
import './admin.css';
import './admin-console.css';

interface Props<T> {
  title: string;
  intro: string;
  /** What the page reads first: an administrators' route, so anyone else is answered 403. */
  query: UseQueryResult<T>;
  loadingLabel: string;
  children: (data: T) => ReactNode;
}

/** The way back to the administration index, above each of its pages. */
export function AdminBreadcrumb({ current }: { current: string }) {
  const { t } = useTranslation();
  return (
    <nav className="usa-breadcrumb" aria-label={t('adminConsole.breadcrumbs')}>
      <ol className="usa-breadcrumb__list">
        <li className="usa-breadcrumb__list-item">
          <Link className="usa-breadcrumb__link" to="/admin">
            <span>{t('adminConsole.title')}</span>
          </Link>
        </li>
        <li className="usa-breadcrumb__list-item usa-current" aria-current="page">
          <span>{current}</span>
        </li>
      </ol>
    </nav>
  );
}

/** Told whose page this is, when the server refuses someone who is not an administrator. */
export function ConsoleAdministratorsAlert() {
  const { t } = useTranslation();
  return <AdministratorsAlert heading={t('adminConsole.administratorsHeading')} message={t('adminConsole.administratorsOnly')} />;
}

/**
 * A page of the administration console: its way back, its heading and purpose, then what it read
 * from the server; someone who is not an administrator is told the page is not for them.
 */
export function AdminConsolePage<T>({ title, intro, query, loadingLabel, children }: Props<T>) {
  usePageTitle(title);
  return (
    <div className="rc-admin-console">
      <AdminBreadcrumb current={title} />
      <h1>{title}</h1>
      <p className="usa-intro">{intro}</p>
      {query.isPending ? (
        <LoadingStatus label={loadingLabel} />
      ) : query.isError ? (
        // Everyone signed in may open the address; only administrators are answered.
        isApiError(query.error, 403) ? (
          <ConsoleAdministratorsAlert />
        ) : (
          <PageError onRetry={() => void query.refetch()} />
        )
      ) : (
        children(query.data)
      )}
    </div>
  );
}

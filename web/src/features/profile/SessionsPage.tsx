import { Button, Table, Tag } from '@trussworks/react-uswds';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { formatDate, useDateTimeFormat } from '../../components/use-date-format';
import { usePageTitle } from '../../components/use-page-title';
import { useSignOut } from '../session/use-sign-out';
import { endOpenSession, fetchOpenSessions, sessionsQueryKey, type OpenSession } from './profile-api';
import { describeUserAgent } from './user-agent';

/** The person's open sessions, each with "Sign out"; this browser's own signs out here too. */
export function SessionsPage() {
  const { t } = useTranslation();
  usePageTitle(t('sessions.title'));
  const dateFormat = useDateTimeFormat();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: sessionsQueryKey, queryFn: ({ signal }) => fetchOpenSessions(signal) });
  const signOut = useSignOut();
  const end = useMutation({
    mutationFn: endOpenSession,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sessionsQueryKey }),
  });

  const browserOf = (session: OpenSession) => {
    const { browser, system } = describeUserAgent(session.userAgent);
    if (browser && system) return t('sessions.browserOn', { browser, system });
    return browser ?? system ?? session.userAgent ?? t('sessions.unknown');
  };

  return (
    <div className="rc-page">
      <h1>{t('sessions.title')}</h1>
      <p className="usa-intro">{t('sessions.intro')}</p>
      {end.isSuccess ? (
        <p role="status" className="rc-status">
          {t('sessions.ended')}
        </p>
      ) : null}
      <ErrorAlert error={end.error ?? signOut.error} />
      {sessions.isPending ? (
        <LoadingStatus />
      ) : sessions.isError ? (
        <PageError onRetry={() => void sessions.refetch()} />
      ) : (
        <Table bordered fullWidth scrollable stackedStyle="headers" caption={t('sessions.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('sessions.started')}</th>
              <th scope="col">{t('sessions.lastActive')}</th>
              <th scope="col">{t('sessions.address')}</th>
              <th scope="col">{t('sessions.browser')}</th>
              <th scope="col">{t('manageMfa.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.data.items.map((session) => (
              <tr key={session.id}>
                <th scope="row" data-label={t('sessions.started')}>
                  {formatDate(dateFormat, session.createdAt)}
                  {session.current ? (
                    <>
                      {' '}
                      <Tag className="rc-tag">{t('sessions.current')}</Tag>
                    </>
                  ) : null}
                </th>
                <td data-label={t('sessions.lastActive')}>{formatDate(dateFormat, session.lastSeenAt)}</td>
                <td data-label={t('sessions.address')}>{session.ip ?? t('sessions.unknown')}</td>
                <td data-label={t('sessions.browser')} title={session.userAgent ?? undefined}>
                  {browserOf(session)}
                </td>
                <td data-label={t('manageMfa.actions')}>
                  {session.allowedActions.includes('end') ? (
                    <Button
                      type="button"
                      unstyled
                      disabled={end.isPending || signOut.isPending}
                      aria-label={t('sessions.signOutNamed', { started: formatDate(dateFormat, session.createdAt) })}
                      onClick={() => (session.current ? signOut.mutate('signedOut') : end.mutate(session.id))}
                    >
                      {t('nav.signOut')}
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <p>
        <Link className="usa-link" to="/profile">
          {t('links.backToProfile')}
        </Link>
      </p>
    </div>
  );
}

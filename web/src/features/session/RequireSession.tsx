import { Navigate, Outlet, useLocation } from 'react-router';
import { PageError } from '../../components/PageError';
import { LoadingStatus } from '../../components/LoadingStatus';
import { stagePath } from './return-path';
import type { SessionStage } from './session-api';
import { useSession } from './use-session';

/**
 * A route guard: its child routes render only for a session at `stage`. Anyone else is sent
 * where they belong (sign in, choose an MFA device, enrol one), keeping the page they asked for.
 */
export function RequireSession({ stage = 'active' }: { stage?: SessionStage }) {
  const location = useLocation();
  const session = useSession();
  if (session.isPending) return <LoadingStatus />;
  if (session.isError) return <PageError onRetry={() => void session.refetch()} />;
  const current = session.data.session;
  if (current?.stage === stage) return <Outlet />;
  const here = `${location.pathname}${location.search}`;
  return <Navigate to={stagePath(current, here)} replace />;
}

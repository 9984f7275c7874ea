import { Navigate } from 'react-router';
import { LoadingStatus } from '../../components/LoadingStatus';
import { stagePath } from '../session/return-path';
import { useSession } from '../session/use-session';
import { HomeTiles } from './HomeTiles';
import { Welcome } from './Welcome';

/** The visitor's welcome page; a signed-in user sees their tiles instead. */
export function HomePage() {
  const session = useSession();
  if (session.isPending) return <LoadingStatus />;
  const current = session.data?.session ?? null;
  if (current?.stage === 'active') return <HomeTiles session={current} />;
  // Half-way through signing in: finish that first.
  if (current) return <Navigate to={stagePath(current, '/')} replace />;
  return <Welcome />;
}

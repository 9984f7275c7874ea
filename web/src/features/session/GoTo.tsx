import { useEffect } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { LoadingStatus } from '../../components/LoadingStatus';
import { isServerPath } from './return-path';

/**
 * Goes to `to`: a page of this app through its router, a path the server answers itself (the
 * sign-in an application asked for, under /oidc/) by loading it.
 */
export function GoTo({ to }: { to: string }) {
  const server = isServerPath(to);
  useEffect(() => {
    if (server) window.location.replace(to);
  }, [server, to]);
  return server ? <LoadingStatus /> : <Navigate to={to} replace />;
}

/** The same as a function, for after an action. */
export function useGoTo(): (to: string) => void {
  const navigate = useNavigate();
  return (to) => {
    if (isServerPath(to)) window.location.assign(to);
    else void navigate(to);
  };
}

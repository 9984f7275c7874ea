import { useSearchParams } from 'react-router';
import { safeReturnPath } from './return-path';

/** The page the person was on before being sent to sign in, from `?returnTo=`. */
export function useReturnPath(): string {
  const [params] = useSearchParams();
  return safeReturnPath(params.get('returnTo'));
}

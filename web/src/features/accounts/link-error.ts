import { hasErrorCode } from '../../api/client';
import { invalidFields } from '../../components/form-errors';

/**
 * Whether an emailed link was refused: expired or used (`token.invalid`), or cut short or
 * mangled on its way (a `request.invalid` about the token), which the person can fix the same
 * way, by asking for a new link.
 */
export function isBadLink(error: unknown): boolean {
  return hasErrorCode(error, 'token.invalid') || 'token' in invalidFields(error);
}

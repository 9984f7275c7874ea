import type { ErrorCode } from '../../http/errors.js';

/** What a person may do with one of their own MFA devices. */
export const FACTOR_ACTIONS = ['remove'] as const;
export type FactorAction = (typeof FACTOR_ACTIONS)[number];

/**
 * Why a device may not be removed, or undefined when it may: an account always keeps one
 * confirmed device (PRODUCT.md: sign-in needs one), so the last confirmed device stays until
 * another is added. A device still being enrolled may always be dropped.
 */
export function removalRefusal(factor: { confirmedAt: string | null }, confirmedCount: number): ErrorCode | undefined {
  if (factor.confirmedAt !== null && confirmedCount <= 1) return 'mfa.last_factor';
  return undefined;
}

/** The actions a device's owner may take on it now: what the device list sends and the page offers. */
export function factorActions(factor: { confirmedAt: string | null }, confirmedCount: number): FactorAction[] {
  return removalRefusal(factor, confirmedCount) === undefined ? ['remove'] : [];
}

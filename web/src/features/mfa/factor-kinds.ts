import type { TFunction } from 'i18next';
import type { FactorKind } from './mfa-api';

/** Each kind of device, as the pages name it. */
export const factorKindKeys = {
  totp: 'mfa.kinds.totp',
  webauthn: 'mfa.kinds.webauthn',
  email: 'mfa.kinds.email',
  sms: 'mfa.kinds.sms',
  voice: 'mfa.kinds.voice',
} as const satisfies Record<FactorKind, string>;

export const factorKinds = Object.keys(factorKindKeys) as FactorKind[];

export function isFactorKind(value: string): value is FactorKind {
  return value in factorKindKeys;
}

/** The kinds that deliver a code: the page says where it went and offers to send another. */
export function sendsCode(kind: FactorKind): boolean {
  return kind === 'email' || kind === 'sms' || kind === 'voice';
}

/** A device as a person knows it: the name they gave it, or its kind in the page's language. */
export function factorName(factor: { kind: string; label: string }, t: TFunction): string {
  if (factor.label) return factor.label;
  return isFactorKind(factor.kind) ? t(factorKindKeys[factor.kind]) : factor.kind;
}

/**
 * What to say under a device's name without repeating it: its kind when it has a name of its
 * own, and where its codes go.
 */
export function factorDescription(
  factor: { kind: string; label: string; detail: string | null },
  t: TFunction,
): string | undefined {
  const kind = isFactorKind(factor.kind) ? t(factorKindKeys[factor.kind]) : factor.kind;
  const parts = [factor.label ? kind : undefined, factor.detail ?? undefined].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

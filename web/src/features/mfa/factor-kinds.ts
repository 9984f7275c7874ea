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

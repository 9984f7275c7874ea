import { Type, type Static } from 'typebox';
import { AllowedActions } from '../../http/schema-parts.js';
import { SESSION_ACTIONS } from './sessions.policy.js';

const Timestamp = Type.String({ format: 'date-time' });

export const SessionUser = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  language: Type.Union([Type.Literal('en'), Type.Literal('es')]),
  isAdministrator: Type.Boolean(),
});

/** An MFA device as pages name it: its kind, the name its owner gave it, and where codes go. */
export const FactorChoice = Type.Object({
  id: Type.String(),
  kind: Type.Union([
    Type.Literal('totp'),
    Type.Literal('webauthn'),
    Type.Literal('email'),
    Type.Literal('sms'),
    Type.Literal('voice'),
  ]),
  label: Type.String({ description: "The name its owner gave it; '' for none (name it by its kind)" }),
  detail: Type.Union([Type.String(), Type.Null()], { description: 'Where codes go, masked; null when nothing to show' }),
});

export const SessionCapabilities = Type.Object(
  {
    approvesRequests: Type.Boolean({
      description: 'Decides role requests: an approver or backup approver of an organization, or help desk staff',
    }),
    helpDesk: Type.Boolean({ description: 'Help desk staff of an application' }),
    approverOfOrganizations: Type.Boolean({
      description: 'An approver or backup approver of at least one organization (My organization)',
    }),
  },
  { description: 'At stage active: what the person may do beyond their own account, from the roles held now' },
);

export const SessionInfo = Type.Object({
  id: Type.String(),
  stage: Type.Union([Type.Literal('mfa'), Type.Literal('enroll'), Type.Literal('active')], {
    description: 'mfa: choose an MFA device; enroll: enrol a first device; active: signed in',
  }),
  user: SessionUser,
  factors: Type.Optional(Type.Array(FactorChoice, { description: 'At stage mfa: the devices to choose from' })),
  capabilities: Type.Optional(SessionCapabilities),
  createdAt: Timestamp,
  warnAt: Timestamp,
  idleExpiresAt: Timestamp,
  absoluteExpiresAt: Timestamp,
});

export const SiteSettings = Type.Object(
  {
    governmentBanner: Type.Boolean({ description: 'Show the "official website of the United States government" banner' }),
    mailViewer: Type.Boolean({ description: 'The mail viewer is on: administrators can read undelivered mail at /dev/outbox' }),
    phoneCodes: Type.Boolean({ description: 'Text and voice MFA codes are offered' }),
  },
  { description: "The operator's choices that change what pages show, the same for everyone" },
);

export const SessionState = Type.Object({
  csrfToken: Type.String({ description: 'Send as the x-csrf-token header on every state-changing request' }),
  session: Type.Union([SessionInfo, Type.Null()]),
  site: SiteSettings,
});
export type SessionState = Static<typeof SessionState>;
export type SessionInfo = Static<typeof SessionInfo>;
export type SessionListView = Static<typeof SessionList>;

export const PasswordStepBody = Type.Object(
  {
    userId: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    acceptTerms: Type.Boolean({ description: '"I agree to the terms and conditions"' }),
    termsVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'The terms version the page showed' })),
  },
  { additionalProperties: false },
);

export const ChallengeBody = Type.Object(
  { factorId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

export const ChallengeAnswer = Type.Object({
  kind: FactorChoice.properties.kind,
  sentTo: Type.Optional(Type.String()),
  options: Type.Optional(Type.Unknown({ description: 'WebAuthn PublicKeyCredentialRequestOptionsJSON' })),
});

export const WebAuthnAssertion = Type.Object({
  id: Type.String({ maxLength: 1024 }),
  rawId: Type.String({ maxLength: 1024 }),
  type: Type.Literal('public-key'),
  response: Type.Object({
    clientDataJSON: Type.String({ maxLength: 8192 }),
    authenticatorData: Type.String({ maxLength: 8192 }),
    signature: Type.String({ maxLength: 4096 }),
    userHandle: Type.Optional(Type.String({ maxLength: 1024 })),
  }),
  clientExtensionResults: Type.Object({}),
  authenticatorAttachment: Type.Optional(Type.String({ maxLength: 32 })),
});

export const VerifyBody = Type.Object(
  {
    factorId: Type.String({ minLength: 1, maxLength: 64 }),
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    webauthn: Type.Optional(WebAuthnAssertion),
  },
  { additionalProperties: false },
);

export const RecoveryCodeBody = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);

export const SessionListItem = Type.Object({
  id: Type.String(),
  current: Type.Boolean(),
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  allowedActions: AllowedActions(SESSION_ACTIONS),
});

export const SessionList = Type.Object({ items: Type.Array(SessionListItem) });

export const SessionIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

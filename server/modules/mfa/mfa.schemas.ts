import { Type } from 'typebox';
import { AllowedActions, Id, Nullable, Timestamp } from '../../http/schema-parts.js';
import { FactorChoice, SessionState } from '../sessions/sessions.schemas.js';
import { FACTOR_ACTIONS } from './mfa.policy.js';

export const FactorSchema = Type.Object({
  ...FactorChoice.properties,
  createdAt: Timestamp,
  lastUsedAt: Nullable(Timestamp),
});

/** A device as the owner's device list shows it, with what they may do with it now. */
export const ListedFactorSchema = Type.Object({ ...FactorSchema.properties, allowedActions: AllowedActions(FACTOR_ACTIONS) });

export const FactorList = Type.Object({ factors: Type.Array(ListedFactorSchema), recoveryCodesRemaining: Type.Integer() });

export const StartEnrollmentBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('totp'), Type.Literal('email'), Type.Literal('sms'), Type.Literal('voice')]),
    label: Type.Optional(Type.String({ maxLength: 60 })),
    phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 ().-]{7,25}$', description: 'For sms and voice' })),
  },
  { additionalProperties: false },
);

export const EnrollmentStarted = Type.Object({
  factor: FactorSchema,
  totp: Type.Optional(
    Type.Object({
      secret: Type.String({ description: 'Base32, to type into an authenticator app' }),
      otpauthUri: Type.String(),
      qrCode: Type.String({ description: 'data:image/svg+xml URL of the QR code' }),
    }),
  ),
  sentTo: Type.Optional(Type.String()),
});

export const ConfirmBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false });

export const WebAuthnAttestation = Type.Object({
  id: Type.String({ maxLength: 1024 }),
  rawId: Type.String({ maxLength: 1024 }),
  type: Type.Literal('public-key'),
  response: Type.Object({
    clientDataJSON: Type.String({ maxLength: 8192 }),
    attestationObject: Type.String({ maxLength: 32768 }),
    transports: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 10 })),
    authenticatorData: Type.Optional(Type.String({ maxLength: 32768 })),
    publicKey: Type.Optional(Type.String({ maxLength: 8192 })),
    publicKeyAlgorithm: Type.Optional(Type.Integer()),
  }),
  clientExtensionResults: Type.Object({}),
  authenticatorAttachment: Type.Optional(Type.String({ maxLength: 32 })),
});

export const RegisterWebAuthnBody = Type.Object(
  { label: Type.Optional(Type.String({ maxLength: 60 })), response: WebAuthnAttestation },
  { additionalProperties: false },
);

export const EnrollmentDone = Type.Object({
  factor: FactorSchema,
  recoveryCodes: Type.Optional(Type.Array(Type.String(), { description: 'Shown once, with the first device' })),
  csrfToken: SessionState.properties.csrfToken,
  session: SessionState.properties.session,
});

export const RegistrationOptions = Type.Object({
  options: Type.Unknown({ description: 'WebAuthn PublicKeyCredentialCreationOptionsJSON' }),
});

export const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String()) });

export const FactorParams = Type.Object({ id: Id });

import { Type } from 'typebox';
import { PASSWORD_MAX_LENGTH } from './password-limits.js';

const Name = Type.String({ minLength: 1, maxLength: 64, pattern: '\\S' });
const Email = Type.String({ format: 'email', maxLength: 254 });
const Phone = Type.String({ pattern: '^\\+?[0-9 ().-]{7,25}$', maxLength: 25 });
const Language = Type.Union([Type.Literal('en'), Type.Literal('es')]);
// Length is checked by the password rules, so a too-short password is reported as a rule, not as
// malformed input; the schema only bounds what is worth hashing.
const NewPassword = Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH * 4 });
const Token = Type.String({ minLength: 16, maxLength: 200 });

export const UserIdField = Type.String({
  minLength: 1,
  maxLength: 74,
  pattern: '^[A-Za-z0-9._@-]+$',
  description: 'Up to 74 letters, digits and . _ - @; unique regardless of case',
});

export const RegistrationBody = Type.Object(
  {
    firstName: Name,
    middleName: Type.Optional(Type.String({ maxLength: 64 })),
    lastName: Name,
    email: Email,
    phone: Type.Optional(Type.Union([Phone, Type.Literal('')])),
    userId: UserIdField,
    password: NewPassword,
    language: Type.Optional(Language),
  },
  { additionalProperties: false },
);

export const RegistrationAnswer = Type.Object({ email: Type.String() });
export const TokenBody = Type.Object({ token: Token }, { additionalProperties: false });
export const VerifiedAnswer = Type.Object({ userId: Type.String() });
export const EmailBody = Type.Object({ email: Email }, { additionalProperties: false });
export const UserIdBody = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export const TokenPasswordBody = Type.Object({ token: Token, password: NewPassword }, { additionalProperties: false });

export const Profile = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  firstName: Type.String(),
  middleName: Type.Union([Type.String(), Type.Null()]),
  lastName: Type.String(),
  email: Type.String(),
  pendingEmail: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  language: Language,
  isAdministrator: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  lastSignInAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const ProfilePatchBody = Type.Object(
  {
    firstName: Type.Optional(Name),
    middleName: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
    lastName: Type.Optional(Name),
    phone: Type.Optional(Type.Union([Phone, Type.Literal(''), Type.Null()])),
    language: Type.Optional(Language),
  },
  { additionalProperties: false },
);

export const PendingEmailAnswer = Type.Object({ pendingEmail: Type.String() });

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: NewPassword },
  { additionalProperties: false },
);

import { Type } from 'typebox';
import { AllowedActions, Id, Nullable, Timestamp } from '../../http/schema-parts.js';
import { ASSIGNMENT_ACTIONS } from './assignments.policy.js';

/** The help desk staff of every application, or of one. */
export const HelpDeskQuery = Type.Object(
  { application: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: "An application's code" })) },
  { additionalProperties: false },
);

export const HelpDeskStaffSchema = Type.Object({
  id: Id,
  person: Type.Object({
    id: Id,
    userId: Type.String(),
    firstName: Type.String(),
    lastName: Type.String(),
    email: Type.String({ format: 'email' }),
  }),
  application: Type.Object({
    code: Type.String(),
    name: Type.String(),
    nameEs: Type.String({ description: "The name in Spanish; '' when there is none (show the English one)" }),
  }),
  establishedAt: Timestamp,
  certificationDueAt: Nullable(Timestamp),
  allowedActions: AllowedActions(ASSIGNMENT_ACTIONS),
});

export const HelpDeskStaffList = Type.Object({
  items: Type.Array(HelpDeskStaffSchema, { description: 'By application, then by last and first name' }),
  limit: Type.Integer({ minimum: 1, description: 'The most listed at once' }),
  truncated: Type.Boolean({ description: 'More people are help desk staff than listed: choose one application' }),
});

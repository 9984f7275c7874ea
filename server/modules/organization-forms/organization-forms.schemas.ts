import { Type } from 'typebox';
import { AllowedActions, Id, Nullable, Timestamp } from '../../http/schema-parts.js';
import { OrganizationStatusSchema } from '../organizations/organizations.schemas.js';
import { FORM_ACTIONS, ORGANIZATION_ACTIONS } from './form-actions.js';
import {
  AddressSchema,
  ContactSchema,
  LineOfBusinessSchema,
  LocationSchema,
  MAX_BACKUP_APPROVERS,
  NewOrganizationSchema,
  OrganizationUpdateSchema,
  PersonSchema,
} from './organization-form-fields.js';

/** The authorized official's signature: their name, typed; the server records the date and time. */
const SignatureName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });

export const NewFormBody = Type.Object(
  {
    applicationCode: Type.String({ minLength: 1, maxLength: 40, description: 'e.g. SPOT' }),
    organization: NewOrganizationSchema,
    signatureName: SignatureName,
  },
  { additionalProperties: false },
);

export const UpdateFormBody = Type.Object(
  { changes: OrganizationUpdateSchema, signatureName: SignatureName },
  { additionalProperties: false },
);

export const ResubmitBody = Type.Object(
  {
    organization: Type.Optional(NewOrganizationSchema),
    changes: Type.Optional(OrganizationUpdateSchema),
    signatureName: SignatureName,
  },
  { additionalProperties: false, description: 'organization for a new-organization form, changes for an update request' },
);

export const ReviewBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('return'), Type.Literal('reject')]),
    reason: Type.Optional(Type.String({ maxLength: 2000, description: 'Required to return or reject' })),
  },
  { additionalProperties: false },
);

/** The records on file as answers show them: phones written 904-555-0100. */
const Details = {
  address: AddressSchema,
  phone: Type.String(),
  fax: Nullable(Type.String()),
  contact: ContactSchema,
  approver: PersonSchema,
  backupApprovers: Type.Array(PersonSchema, { maxItems: MAX_BACKUP_APPROVERS }),
};
const OnFile = Type.Object(Details);

/** What a form asks for; a new-organization form also names the organization (never its TIN). */
const FormData = Type.Object({
  ...Details,
  legalName: Type.Optional(Type.String()),
  groupNpi: Type.Optional(Type.String()),
  ptan: Type.Optional(Type.String()),
  lineOfBusiness: Type.Optional(LineOfBusinessSchema),
  location: Type.Optional(LocationSchema),
});

const ApplicationRef = Type.Object({ id: Id, code: Type.String(), name: Type.String() });

export const FormViewSchema = Type.Object({
  id: Id,
  trackingNumber: Type.String({ pattern: '^OF-\\d{4}-\\d{6}$', description: 'e.g. OF-2026-000042' }),
  kind: Type.Union([Type.Literal('new_organization'), Type.Literal('update')]),
  status: Type.Union([
    Type.Literal('submitted'),
    Type.Literal('returned'),
    Type.Literal('approved'),
    Type.Literal('rejected'),
    Type.Literal('withdrawn'),
  ]),
  application: ApplicationRef,
  organization: Nullable(Type.Object({ id: Id, submitterId: Type.String(), legalName: Type.String() })),
  data: FormData,
  maskedTin: Nullable(Type.String({ description: 'Only the last digits of the TIN' })),
  onFile: Nullable(OnFile),
  submittedBy: Type.Object({
    id: Id,
    userId: Type.String(),
    firstName: Type.String(),
    lastName: Type.String(),
    email: Type.String({ format: 'email' }),
  }),
  signatureName: Type.String(),
  signedAt: Timestamp,
  reviewReason: Nullable(Type.String()),
  reviewedAt: Nullable(Timestamp),
  issuedSubmitterId: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  allowedActions: AllowedActions(FORM_ACTIONS),
});

export const FormPage = Type.Object({
  items: Type.Array(FormViewSchema),
  nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page; null on the last' })),
});

export const OrganizationRecordsSchema = Type.Object({
  id: Id,
  application: ApplicationRef,
  submitterId: Type.String(),
  legalName: Type.String(),
  maskedTin: Type.String(),
  groupNpi: Nullable(Type.String()),
  ptan: Nullable(Type.String()),
  lineOfBusiness: Nullable(Type.String()),
  location: Nullable(Type.String()),
  status: OrganizationStatusSchema,
  orphaned: Type.Boolean({ description: 'No active approver or backup approver' }),
  ...Details,
  allowedActions: AllowedActions(ORGANIZATION_ACTIONS),
});

export const OrganizationRecordsList = Type.Object({ items: Type.Array(OrganizationRecordsSchema) });

export const IdParams = Type.Object({ id: Id });
export const PageQuery = Type.Object(
  { cursor: Type.Optional(Id), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })) },
  { additionalProperties: false },
);

import { Type, type Static } from 'typebox';
import { AppError } from '../../http/errors.js';

/*
 * What the new-organization form and the update request hold, as the API accepts them. Shapes
 * and formats are checked by the schemas (Fastify rejects anything else with request.invalid);
 * what a pattern cannot say — the NPI check digit, a person named twice — by checkFields.
 */

/** Where a SPOT organization is: the jurisdiction's states and territories. */
export const LocationSchema = Type.Union([Type.Literal('FL'), Type.Literal('PR'), Type.Literal('USVI')]);
export const LineOfBusinessSchema = Type.Union([Type.Literal('part_a'), Type.Literal('part_b'), Type.Literal('part_a_and_b')]);
export const MAX_BACKUP_APPROVERS = 3;

const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const Email = Type.String({ format: 'email', maxLength: 254 });
/** A US phone number: 10 digits, written with or without (), -, dots and spaces. */
const Phone = Type.String({ pattern: '^\\(?\\d{3}\\)?[-. ]?\\d{3}[-. ]?\\d{4}$', maxLength: 20 });

export const AddressSchema = Type.Object(
  {
    line1: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
    line2: Type.Optional(Type.String({ maxLength: 100 })),
    city: Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' }),
    state: Type.String({ pattern: '^[A-Za-z]{2}$' }),
    zip: Type.String({ pattern: '^\\d{5}(-\\d{4})?$' }),
  },
  { additionalProperties: false },
);

export const PersonSchema = Type.Object({ firstName: Name, lastName: Name, email: Email }, { additionalProperties: false });

export const ContactSchema = Type.Object({ name: Name, email: Email, phone: Phone }, { additionalProperties: false });

/** The records an update request may change: approvers on file, address and contacts. */
const detailFields = {
  address: AddressSchema,
  phone: Phone,
  fax: Type.Optional(Type.Union([Phone, Type.Null()])),
  contact: ContactSchema,
  approver: PersonSchema,
  backupApprovers: Type.Array(PersonSchema, { maxItems: MAX_BACKUP_APPROVERS }),
};

export const OrganizationUpdateSchema = Type.Object(detailFields, { additionalProperties: false });

export const NewOrganizationSchema = Type.Object(
  {
    legalName: Type.String({ minLength: 2, maxLength: 200, pattern: '\\S' }),
    /** The taxpayer identification number: 9 digits, e.g. 59-1234567. Stored encrypted. */
    tin: Type.String({ pattern: '^\\d{2}-?\\d{7}$', description: '9 digits; stored encrypted, only ever shown masked' }),
    groupNpi: Type.String({ pattern: '^\\d{10}$', description: 'The group National Provider Identifier' }),
    ptan: Type.String({ pattern: '^[A-Za-z0-9]{1,10}$', description: 'Provider Transaction Access Number' }),
    lineOfBusiness: LineOfBusinessSchema,
    location: LocationSchema,
    ...detailFields,
  },
  { additionalProperties: false },
);

export type Address = Static<typeof AddressSchema>;
export type Person = Static<typeof PersonSchema>;
export type OrganizationUpdateInput = Static<typeof OrganizationUpdateSchema>;
export type NewOrganizationInput = Static<typeof NewOrganizationSchema>;

/** What is stored of an update request: the input, tidied. */
export interface OrganizationUpdateData {
  address: Address;
  phone: string;
  fax: string | null;
  contact: { name: string; email: string; phone: string };
  approver: Person;
  backupApprovers: Person[];
}

/** What is stored of a new-organization form; the TIN is kept apart, encrypted. */
export interface NewOrganizationData extends OrganizationUpdateData {
  legalName: string;
  groupNpi: string;
  ptan: string;
  lineOfBusiness: Static<typeof LineOfBusinessSchema>;
  location: Static<typeof LocationSchema>;
}

/** 904-555-0100, whatever separators were typed. */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
}

export function tinDigits(tin: string): string {
  return tin.replace(/\D/g, '');
}

/**
 * An NPI ends in a Luhn check digit computed over "80840" and its first nine digits (the
 * standard's prefix for US health identifiers), so a mistyped NPI is caught at once.
 */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi}`.split('').map(Number);
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = digits[digits.length - 1 - index] as number;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function tidyPerson(person: Person): Person {
  return { firstName: person.firstName.trim(), lastName: person.lastName.trim(), email: person.email.trim() };
}

function invalid(field: string, rule: string, message: string): AppError {
  return new AppError('request.invalid', { fields: [{ field: `body/${field}`, rule, message }] });
}

/** Checks what the schema cannot and returns the update data tidied for storage. */
export function tidyUpdate(input: OrganizationUpdateInput, prefix = ''): OrganizationUpdateData {
  const approver = tidyPerson(input.approver);
  const backupApprovers = input.backupApprovers.map(tidyPerson);
  const emails = [approver, ...backupApprovers].map((person) => person.email.toLowerCase());
  const repeated = emails.findIndex((email, index) => emails.indexOf(email) !== index);
  if (repeated !== -1) {
    throw invalid(`${prefix}backupApprovers/${repeated - 1}/email`, 'distinct', 'names a person already named on this form');
  }
  return {
    address: {
      line1: input.address.line1.trim(),
      ...(input.address.line2?.trim() ? { line2: input.address.line2.trim() } : {}),
      city: input.address.city.trim(),
      state: input.address.state.toUpperCase(),
      zip: input.address.zip,
    },
    phone: normalizePhone(input.phone),
    fax: input.fax ? normalizePhone(input.fax) : null,
    contact: { name: input.contact.name.trim(), email: input.contact.email.trim(), phone: normalizePhone(input.contact.phone) },
    approver,
    backupApprovers,
  };
}

export function tidyNewOrganization(input: NewOrganizationInput): NewOrganizationData {
  if (!isValidNpi(input.groupNpi))
    throw invalid('organization/groupNpi', 'npi', 'is not a valid NPI: its check digit does not match');
  return {
    legalName: input.legalName.trim().replace(/\s+/g, ' '),
    groupNpi: input.groupNpi,
    ptan: input.ptan.toUpperCase(),
    lineOfBusiness: input.lineOfBusiness,
    location: input.location,
    ...tidyUpdate(input, 'organization/'),
  };
}

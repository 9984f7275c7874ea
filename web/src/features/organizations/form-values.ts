import { isApiError } from '../../api/client';
import type {
  LineOfBusiness,
  Location,
  NewOrganization,
  OrganizationDetails,
  OrganizationForm,
  Person,
} from './organizations-api';

/*
 * The forms' values as typed, and the checks the browser makes before sending them. The checks
 * mirror the server's (server/modules/organization-forms/organization-form-fields.ts), so a
 * person hears about a mistyped ZIP code or NPI at once; the server still decides.
 *
 * Fields are named by their path in the request body, e.g. "address/zip" or
 * "backupApprovers/0/email", which is also how the server names a field it refuses.
 */

export interface PersonValues {
  firstName: string;
  lastName: string;
  email: string;
}

export interface DetailValues {
  address: { line1: string; line2: string; city: string; state: string; zip: string };
  phone: string;
  fax: string;
  contact: { name: string; email: string; phone: string };
  approver: PersonValues;
  backupApprovers: PersonValues[];
}

export interface OrganizationValues extends DetailValues {
  legalName: string;
  tin: string;
  groupNpi: string;
  ptan: string;
  lineOfBusiness: LineOfBusiness | '';
  location: Location | '';
}

export interface SignatureValues {
  signatureName: string;
  attested: boolean;
}

/** What a check found wrong with a field: the rule it broke, worded by the page. */
export type FieldProblems = Record<string, Problem>;

export type Problem =
  | 'required'
  | 'choose'
  | 'invalid'
  | 'tin'
  | 'npi'
  | 'npiCheckDigit'
  | 'ptan'
  | 'state'
  | 'zip'
  | 'phone'
  | 'email'
  | 'distinct'
  | 'attest'
  | 'tooShort'
  | 'tooLong';

export const emptyPerson = (): PersonValues => ({ firstName: '', lastName: '', email: '' });

export function emptyDetails(): DetailValues {
  return {
    address: { line1: '', line2: '', city: '', state: '', zip: '' },
    phone: '',
    fax: '',
    contact: { name: '', email: '', phone: '' },
    approver: emptyPerson(),
    backupApprovers: [],
  };
}

export function emptyOrganization(): OrganizationValues {
  return { legalName: '', tin: '', groupNpi: '', ptan: '', lineOfBusiness: '', location: '', ...emptyDetails() };
}

function personValues(person: Person): PersonValues {
  return { firstName: person.firstName, lastName: person.lastName, email: person.email };
}

/** The records on file (or a form's), as values to correct. */
export function detailValuesOf(details: OrganizationDetails): DetailValues {
  return {
    address: {
      line1: details.address.line1,
      line2: details.address.line2 ?? '',
      city: details.address.city,
      state: details.address.state,
      zip: details.address.zip,
    },
    phone: details.phone,
    fax: details.fax ?? '',
    contact: { ...details.contact },
    approver: personValues(details.approver),
    backupApprovers: details.backupApprovers.map(personValues),
  };
}

/** A returned new-organization form, to correct: everything but the TIN, which is never shown. */
export function organizationValuesOf(form: OrganizationForm): OrganizationValues {
  return {
    legalName: form.data.legalName ?? '',
    tin: '',
    groupNpi: form.data.groupNpi ?? '',
    ptan: form.data.ptan ?? '',
    lineOfBusiness: form.data.lineOfBusiness ?? '',
    location: form.data.location ?? '',
    ...detailValuesOf(form.data),
  };
}

/** The value at a field's path, e.g. "contact/email". */
export function valueAt(root: unknown, path: string): unknown {
  let current = root;
  for (const segment of path.split('/')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** A copy of root with the field at path changed; nothing else is copied or changed. */
export function withValueAt<T>(root: T, path: string, value: unknown): T {
  const [head = '', ...rest] = path.split('/');
  const next = rest.length === 0 ? value : withValueAt(valueAt(root, head), rest.join('/'), value);
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[Number(head)] = next;
    return copy as T;
  }
  return { ...(root as object), [head]: next } as T;
}

const namePattern = /\S/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^\(?\d{3}\)?[-. ]?\d{3}[-. ]?\d{4}$/;
const zipPattern = /^\d{5}(-\d{4})?$/;
const statePattern = /^[A-Za-z]{2}$/;
const tinPattern = /^\d{2}-?\d{7}$/;
const ptanPattern = /^[A-Za-z0-9]{1,10}$/;

/**
 * An NPI ends in a Luhn check digit computed over "80840" and its first nine digits, so a
 * mistyped NPI is caught before the form goes anywhere.
 */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi}`.split('').map(Number);
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = digits[digits.length - 1 - index] ?? 0;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function checkText(problems: FieldProblems, path: string, value: string, max: number, min = 1): void {
  const text = value.trim();
  if (!namePattern.test(text)) problems[path] = 'required';
  else if (text.length < min) problems[path] = 'tooShort';
  else if (value.length > max) problems[path] = 'tooLong';
}

function checkPattern(problems: FieldProblems, path: string, value: string, pattern: RegExp, problem: Problem): void {
  const text = value.trim();
  if (!text) problems[path] = 'required';
  else if (!pattern.test(text)) problems[path] = problem;
}

function checkPerson(problems: FieldProblems, path: string, person: PersonValues): void {
  checkText(problems, `${path}/firstName`, person.firstName, 100);
  checkText(problems, `${path}/lastName`, person.lastName, 100);
  checkPattern(problems, `${path}/email`, person.email, emailPattern, 'email');
}

export function checkDetails(values: DetailValues): FieldProblems {
  const problems: FieldProblems = {};
  checkText(problems, 'address/line1', values.address.line1, 100);
  if (values.address.line2.length > 100) problems['address/line2'] = 'tooLong';
  checkText(problems, 'address/city', values.address.city, 60);
  checkPattern(problems, 'address/state', values.address.state, statePattern, 'state');
  checkPattern(problems, 'address/zip', values.address.zip, zipPattern, 'zip');
  checkPattern(problems, 'phone', values.phone, phonePattern, 'phone');
  if (values.fax.trim() && !phonePattern.test(values.fax.trim())) problems.fax = 'phone';
  checkText(problems, 'contact/name', values.contact.name, 100);
  checkPattern(problems, 'contact/email', values.contact.email, emailPattern, 'email');
  checkPattern(problems, 'contact/phone', values.contact.phone, phonePattern, 'phone');
  checkPerson(problems, 'approver', values.approver);
  values.backupApprovers.forEach((person, index) => checkPerson(problems, `backupApprovers/${index}`, person));
  // The approver and each backup approver are different people (the server says the same).
  const emails = [values.approver, ...values.backupApprovers].map((person) => person.email.trim().toLowerCase());
  emails.forEach((email, index) => {
    const path = `backupApprovers/${index - 1}/email`;
    if (index > 0 && email && emails.indexOf(email) !== index && !problems[path]) problems[path] = 'distinct';
  });
  return problems;
}

export function checkOrganization(values: OrganizationValues): FieldProblems {
  const problems: FieldProblems = {};
  checkText(problems, 'legalName', values.legalName, 200, 2);
  checkPattern(problems, 'tin', values.tin, tinPattern, 'tin');
  checkPattern(problems, 'groupNpi', values.groupNpi, /^\d{10}$/, 'npi');
  if (!problems.groupNpi && !isValidNpi(values.groupNpi.trim())) problems.groupNpi = 'npiCheckDigit';
  checkPattern(problems, 'ptan', values.ptan, ptanPattern, 'ptan');
  if (!values.lineOfBusiness) problems.lineOfBusiness = 'choose';
  if (!values.location) problems.location = 'choose';
  return { ...problems, ...checkDetails(values) };
}

export function checkSignature(values: SignatureValues): FieldProblems {
  const problems: FieldProblems = {};
  checkText(problems, 'signatureName', values.signatureName, 100);
  if (!values.attested) problems.attested = 'attest';
  return problems;
}

function tidyPerson(person: PersonValues): Person {
  return { firstName: person.firstName.trim(), lastName: person.lastName.trim(), email: person.email.trim() };
}

/** The values as the API takes them. */
export function detailsBody(values: DetailValues): OrganizationDetails {
  const line2 = values.address.line2.trim();
  return {
    address: {
      line1: values.address.line1.trim(),
      ...(line2 ? { line2 } : {}),
      city: values.address.city.trim(),
      state: values.address.state.trim().toUpperCase(),
      zip: values.address.zip.trim(),
    },
    phone: values.phone.trim(),
    fax: values.fax.trim() || null,
    contact: { name: values.contact.name.trim(), email: values.contact.email.trim(), phone: values.contact.phone.trim() },
    approver: tidyPerson(values.approver),
    backupApprovers: values.backupApprovers.map(tidyPerson),
  };
}

/** Only call after checkOrganization found nothing: line of business and location are chosen. */
export function organizationBody(values: OrganizationValues): NewOrganization {
  return {
    legalName: values.legalName.trim(),
    tin: values.tin.trim(),
    groupNpi: values.groupNpi.trim(),
    ptan: values.ptan.trim(),
    lineOfBusiness: values.lineOfBusiness as LineOfBusiness,
    location: values.location as Location,
    ...detailsBody(values),
  };
}

/** The server's rule names, as the page words them. */
const ruleProblems: Record<string, Problem> = {
  required: 'required',
  minLength: 'required',
  maxLength: 'tooLong',
  npi: 'npiCheckDigit',
  distinct: 'distinct',
};

/** A field whose shape is wrong is told the shape it takes, as the browser's own check tells it. */
function patternProblem(path: string): Problem | undefined {
  const leaf = path.split('/').pop() ?? '';
  const byLeaf: Record<string, Problem> = {
    tin: 'tin',
    groupNpi: 'npi',
    ptan: 'ptan',
    state: 'state',
    zip: 'zip',
    phone: 'phone',
    fax: 'phone',
    email: 'email',
  };
  return byLeaf[leaf];
}

/**
 * Which fields a `request.invalid` answer names, by their path under the given part of the
 * body (e.g. "body/organization/groupNpi" → "groupNpi"); only fields this form shows count.
 */
export function serverProblems(error: unknown, known: (path: string) => boolean): FieldProblems {
  if (!isApiError(error) || error.code !== 'request.invalid') return {};
  const fields = error.details?.fields;
  if (!Array.isArray(fields)) return {};
  const problems: FieldProblems = {};
  for (const item of fields as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { field, rule } = item as { field?: unknown; rule?: unknown };
    if (typeof field !== 'string') continue;
    const path = field.replace(/^body\/(organization\/|changes\/)?/, '');
    if (!known(path) || path in problems) continue;
    problems[path] = (typeof rule === 'string' && ruleProblems[rule]) || patternProblem(path) || 'invalid';
  }
  return problems;
}

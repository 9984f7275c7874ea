import { normalizeEmail, normalizeUserId } from '../../server/modules/accounts/accounts.repository.js';
import { firstDueAt, type DueDateRules } from '../../server/modules/certification/due-dates.js';
import { searchText } from '../../server/shared/search-text.js';
import {
  CITIES,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  LAST_NAMES,
  ORGANIZATION_KINDS,
  ORGANIZATION_PLACES,
  ORGANIZATION_SPECIALTIES,
  ORGANIZATION_SUFFIXES,
  REQUEST_REASONS,
  STREETS,
} from './names.js';
import { HELP_DESK, type Plan } from './plan.js';
import { sealReproducibly } from './seal.js';
import { Random, uuidv7 } from './seeded.js';
import { DAY, spreadAt, windows } from './timeline.js';
import type { GeneratedCatalog } from './catalog.js';

/*
 * One table row, as an array in its table's column order, from the plan's numbers. Users and
 * organizations are pure functions of their number (each draws from its own seeded stream), so
 * an organization can name its approver without the users being kept in memory.
 */

/**
 * The password of every generated user, and its argon2id hash made once with the server's
 * hashPassword() (server/modules/accounts/password-hashing.ts, same parameters). One fixed hash:
 * hashing a million passwords would take hours, and a fresh salt per run would change the rows.
 */
export const BENCH_PASSWORD = 'Bench-Harbor-Lantern-2026';
export const BENCH_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$Lfhy3Uv07rM/FOauRAoZLw$YuvHpSrivWIwl5Y9ODKSVJDuPPAjrruP5EXIjYod5gw';

export const USER_COLUMNS = [
  'id',
  'user_id',
  'user_id_normalized',
  'first_name',
  'middle_name',
  'last_name',
  'email',
  'email_normalized',
  'email_verified_at',
  'phone',
  'language',
  'password_hash',
  'password_changed_at',
  'status',
  'disabled_reason',
  'is_administrator',
  'failed_sign_ins',
  'locked_until',
  'last_sign_in_at',
  'is_demo',
  'created_at',
  'updated_at',
] as const;

/** organization_words: the type-ahead's index (server/db/migrations/20261202T090000-organization-words.ts). */
export const ORGANIZATION_WORD_COLUMNS = ['application_id', 'word', 'search_name', 'organization_id'] as const;

export const ORGANIZATION_COLUMNS = [
  'id',
  'application_id',
  'submitter_id',
  'legal_name',
  'search_name',
  'tin_encrypted',
  'tin_last_digits',
  'group_npi',
  'ptan',
  'line_of_business',
  'location',
  'address_json',
  'phone',
  'fax',
  'contact_json',
  'approver_on_file_json',
  'backup_approvers_on_file_json',
  'status',
  'orphaned_since',
  'is_demo',
  'created_at',
  'updated_at',
] as const;

export const ASSIGNMENT_COLUMNS = [
  'id',
  'user_id',
  'application_id',
  'role_id',
  'organization_id',
  'status',
  'established_at',
  'last_certified_at',
  'certification_due_at',
  'request_id',
  'removed_at',
  'removed_by',
  'removal_kind',
  'removal_reason',
  'version',
  'created_at',
  'updated_at',
] as const;

export const REQUEST_COLUMNS = [
  'id',
  'tracking_number',
  'requester_id',
  'application_id',
  'role_id',
  'organization_id',
  'reason',
  'status',
  'routed_to',
  'decided_by',
  'decided_at',
  'decision_comment',
  'expires_at',
  'language',
  'created_at',
  'updated_at',
] as const;

export type Row = unknown[];

export interface RowContext {
  readonly plan: Plan;
  readonly seed: number;
  readonly base: Date;
  readonly secretKey: Buffer;
  readonly rules: DueDateRules;
  readonly catalog: GeneratedCatalog;
}

export interface Person {
  readonly id: string;
  readonly userId: string;
  readonly firstName: string;
  readonly middleName: string | null;
  readonly lastName: string;
  readonly email: string;
  readonly language: 'en' | 'es';
  readonly phone: string | null;
  readonly createdAt: number;
  readonly lastSignInAt: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const compactWord = (value: string) => searchText(value).replace(/ /g, '');

function personCreatedAt(context: Pick<RowContext, 'plan' | 'seed' | 'base'>, index: number): number {
  return spreadAt(windows(context.base).created, index, context.plan.users, context.seed, 'person.created');
}

/** The users.id of user number `index` alone (the first draw of its stream), without the rest of the person. */
export function personIdOf(context: Pick<RowContext, 'plan' | 'seed' | 'base'>, index: number): string {
  return uuidv7(personCreatedAt(context, index), new Random(context.seed, 'person', index));
}

/** User number `index`: help desk staff get a recognizable user ID, everyone else a name and number. */
export function personOf(context: Pick<RowContext, 'plan' | 'seed' | 'base'>, index: number): Person {
  const random = new Random(context.seed, 'person', index);
  const createdAt = personCreatedAt(context, index);
  const id = uuidv7(createdAt, random);
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const middleName = random.float() < 0.3 ? random.pick(FIRST_NAMES) : null;
  const stem =
    index < context.plan.helpDesk
      ? `helpdesk${index + 1}`
      : `${compactWord(firstName).charAt(0)}${compactWord(lastName)}${index}`;
  // Everyone signed in within the dormancy limit (60 days by default) but a few who never have.
  const lastSignInAt = random.float() < 0.9 ? context.base.getTime() - random.between(3_600_000, 45 * DAY) : null;
  return {
    id,
    userId: stem,
    firstName,
    middleName,
    lastName,
    email: `${compactWord(firstName)}.${compactWord(lastName)}.${index}@${random.pick(EMAIL_DOMAINS)}`,
    language: random.float() < 0.15 ? 'es' : 'en',
    phone: random.float() < 0.6 ? `787-555-${random.digits(4)}` : null,
    createdAt,
    lastSignInAt,
  };
}

export function userRow(context: RowContext, index: number): Row {
  const person = personOf(context, index);
  const created = iso(person.createdAt);
  return [
    person.id,
    person.userId,
    normalizeUserId(person.userId),
    person.firstName,
    person.middleName,
    person.lastName,
    person.email,
    normalizeEmail(person.email),
    created,
    person.phone,
    person.language,
    BENCH_PASSWORD_HASH,
    created,
    'active',
    null,
    0,
    0,
    null,
    person.lastSignInAt === null ? null : iso(person.lastSignInAt),
    0,
    created,
    created,
  ];
}

export interface GeneratedOrganization {
  readonly id: string;
  readonly submitterId: string;
  readonly legalName: string;
  readonly tin: string;
}

function organizationCreatedAt(context: Pick<RowContext, 'plan' | 'seed' | 'base'>, index: number): number {
  return spreadAt(windows(context.base).created, index, context.plan.organizations, context.seed, 'organization.created');
}

/** The organizations.id of organization number `index` alone. */
export function organizationIdOf(context: Pick<RowContext, 'plan' | 'seed' | 'base'>, index: number): string {
  return uuidv7(organizationCreatedAt(context, index), new Random(context.seed, 'organization', index));
}

/** Organization number `index`; its submitter ID is what the server would have issued (S + 6 digits). */
export function organizationOf(
  context: Pick<RowContext, 'seed' | 'base' | 'plan'>,
  index: number,
): GeneratedOrganization & { random: Random; createdAt: number } {
  const random = new Random(context.seed, 'organization', index);
  const createdAt = organizationCreatedAt(context, index);
  const id = uuidv7(createdAt, random);
  const suffix = random.pick(ORGANIZATION_SUFFIXES);
  const legalName = [
    random.pick(ORGANIZATION_PLACES),
    random.pick(ORGANIZATION_SPECIALTIES),
    random.pick(ORGANIZATION_KINDS),
    suffix,
  ]
    .filter((part) => part !== '')
    .join(' ');
  return {
    id,
    submitterId: `S${String(index + 1).padStart(6, '0')}`,
    legalName: suffix === '' || suffix.endsWith('.') ? legalName : legalName.replace(` ${suffix}`, `, ${suffix}`),
    tin: random.digits(9),
    random,
    createdAt,
  };
}

export function organizationRow(context: RowContext, index: number): Row {
  const organization = organizationOf(context, index);
  const { random } = organization;
  const approver = personOf(context, context.plan.approverOf[index] as number);
  const backup = context.plan.backupOf[index] as number;
  const onFile = (person: Person) => ({ firstName: person.firstName, lastName: person.lastName, email: person.email });
  const location = random.float() < 0.8 ? 'FL' : random.float() < 0.85 ? 'PR' : 'VI';
  const created = iso(organization.createdAt);
  const phone = () => `${location === 'FL' ? '305' : location === 'PR' ? '787' : '340'}-555-${random.digits(4)}`;
  return [
    organization.id,
    context.catalog.applicationId,
    organization.submitterId,
    organization.legalName,
    searchText(organization.legalName),
    sealReproducibly(context.secretKey, organization.tin, `tin:${organization.id}`, random),
    organization.tin.slice(-4),
    random.float() < 0.7 ? `1${random.digits(9)}` : null,
    random.float() < 0.5 ? `${random.digits(5)}A` : null,
    random.pick(['Part A', 'Part B', 'Part B', 'DME']),
    location,
    JSON.stringify({
      line1: `${random.between(1, 9999)} ${random.pick(STREETS)}`,
      city: random.pick(CITIES[location]),
      state: location,
      zip:
        location === 'FL'
          ? `33${random.digits(3)}`
          : location === 'PR'
            ? `00${random.between(600, 988)}`
            : `008${random.between(1, 60)}`,
    }),
    phone(),
    random.float() < 0.3 ? phone() : null,
    JSON.stringify({ name: `${approver.firstName} ${approver.lastName}`, email: approver.email, phone: phone() }),
    JSON.stringify(onFile(approver)),
    JSON.stringify(backup === -1 ? [] : [onFile(personOf(context, backup))]),
    'active',
    null,
    0,
    created,
    created,
  ];
}

export interface GeneratedAssignment {
  readonly row: Row;
  readonly id: string;
  readonly userId: string;
  readonly roleId: string;
  readonly organizationId: string;
  readonly establishedAt: string;
  readonly dueAt: string | null;
}

/** Assignment `k` of the plan, granted at `establishedAt` with the first due date the server would give. */
export function assignmentRow(context: RowContext, k: number, id: string, establishedMs: number): GeneratedAssignment {
  const role = context.plan.assignmentRole[k] as number;
  const organization = context.plan.assignmentOrganization[k] as number;
  const catalogRole = context.catalog.roles[role]!;
  const userId = personIdOf(context, context.plan.assignmentUser[k] as number);
  const organizationId = role === HELP_DESK ? '' : organizationIdOf(context, organization);
  const establishedAt = iso(establishedMs);
  const due = firstDueAt(catalogRole, new Date(establishedMs), context.rules);
  const dueAt = due && due.toISOString();
  return {
    row: [
      id,
      userId,
      context.catalog.applicationId,
      catalogRole.id,
      organizationId,
      'active',
      establishedAt,
      null,
      dueAt,
      null,
      null,
      null,
      null,
      null,
      1,
      establishedAt,
      establishedAt,
    ],
    id,
    userId,
    roleId: catalogRole.id,
    organizationId,
    establishedAt,
    dueAt,
  };
}

export interface GeneratedRequest {
  readonly row: Row;
  readonly id: string;
  readonly requesterId: string;
  readonly trackingNumber: string;
  readonly roleId: string;
  readonly organizationId: string;
  readonly routedTo: 'org_approvers' | 'help_desk';
  readonly reason: string;
  readonly createdAt: string;
}

/**
 * Pending request `k`, submitted at `createdMs` with tracking number RR-<year>-<sequence>. Every
 * organization has an active approver, so an end-user request goes to the organization's
 * approvers and a backup-approver request to the help desk, as the server routes them.
 */
export function requestRow(context: RowContext, k: number, id: string, createdMs: number, sequence: number): GeneratedRequest {
  const random = new Random(context.seed, 'request', k);
  const role = context.plan.requestRole[k] as number;
  const catalogRole = context.catalog.roles[role]!;
  const requester = personOf(context, context.plan.requestUser[k] as number);
  const organizationId = organizationIdOf(context, context.plan.requestOrganization[k] as number);
  const createdAt = iso(createdMs);
  const trackingNumber = `RR-${new Date(createdMs).getUTCFullYear()}-${String(sequence).padStart(6, '0')}`;
  const routedTo = catalogRole.approvedBy === 'org_approvers' ? 'org_approvers' : 'help_desk';
  const reason = random.pick(REQUEST_REASONS);
  return {
    row: [
      id,
      trackingNumber,
      requester.id,
      context.catalog.applicationId,
      catalogRole.id,
      organizationId,
      reason,
      'pending',
      routedTo,
      null,
      null,
      null,
      iso(createdMs + catalogRole.requestExpiryDays * DAY),
      requester.language,
      createdAt,
      createdAt,
    ],
    id,
    requesterId: requester.id,
    trackingNumber,
    roleId: catalogRole.id,
    organizationId,
    routedTo,
    reason,
    createdAt,
  };
}

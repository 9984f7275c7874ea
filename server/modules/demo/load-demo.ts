import type { Transaction } from 'kysely';
import QRCode from 'qrcode';
import type { AppContext } from '../../context.js';
import { lockForTransaction } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { systemActor, type Actor } from '../../shared/actor.js';
import { ManualClock } from '../../shared/clock.js';
import { encryptSecret } from '../../shared/crypto.js';
import { newId } from '../../shared/ids.js';
import { calendarDateIn, startOfDayIn, toTimestamp } from '../../shared/time.js';
import { passwordViolations } from '../accounts/password-policy.js';
import { createAssignmentsService, type AssignmentsService } from '../assignments/assignments.service.js';
import type { ApplicationWithRoles, Role } from '../catalog/catalog.service.js';
import { createCertificationService } from '../certification/certification.service.js';
import { addCalendarDays, calendarDaysBetween, dueDayOf, firstDueAt } from '../certification/due-dates.js';
import { totpUri } from '../mfa/totp.js';
import type { Organization } from '../organizations/organizations.service.js';
import {
  DEMO_CERTIFICATION_HOLDERS,
  DEMO_CLIENTS,
  DEMO_FACTOR_LABEL,
  DEMO_ORGANIZATIONS,
  DEMO_PASSWORD,
  DEMO_PAST_CERTIFIER,
  DEMO_TOTP_SECRET,
  DEMO_USERS,
  type DemoCertificationHolder,
  type DemoOrganization,
  type DemoOrganizationKey,
  type DemoUser,
} from './demo-data.js';

/*
 * `rolecall demo`: the demo organizations and persona accounts, loaded in one transaction and
 * audited as the system. Nothing but the CLI creates accounts with a password and an enrolled
 * authenticator app, or active organizations without a form, so those rows are written through
 * the repositories here; roles are given through the assignments service, as an approval would.
 *
 * Loading again adds only what is missing. Demo accounts that exist are left as they are: the
 * person trying the demo may have changed them, and the demo must not undo that.
 *
 * Annual certification needs roles that are due now, so the certification holders' roles are
 * given as they would have been given on the day they were established: through an assignments
 * service whose clock reads that day. Their due dates therefore come from the same rule as any
 * grant's. The past decisions are made the same way, through the certification service, with a
 * clock that reads the day of the decision. The audit log keeps its own clock: every entry is
 * written now, by the system, in order.
 */

export type DemoDeps = Pick<
  AppContext,
  | 'config'
  | 'database'
  | 'clock'
  | 'audit'
  | 'catalog'
  | 'assignments'
  | 'notifications'
  | 'organizations'
  | 'accounts'
  | 'mfa'
  | 'usage'
  | 'webhooks'
  | 'oidc'
>;

/** Why the demo was not loaded, in words for the person who ran the command. */
export class DemoRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoRefusedError';
  }
}

export interface DemoLoadResult {
  /** Submitter IDs of the organizations this run created. */
  createdOrganizations: string[];
  /** Client IDs of the example application's clients this run registered. */
  createdClients: string[];
  /** User IDs of the accounts this run created. */
  createdUsers: string[];
  grantedRoles: number;
  /** Roles that could not be given, e.g. the organization already has its one approver. */
  skippedRoles: string[];
  /** Past certification decisions this run made. */
  certifiedRoles: number;
  /** Past decisions that could not be made, e.g. demo.approver no longer approves for Sunrise. */
  skippedCertifications: string[];
  users: readonly DemoUser[];
  holders: readonly DemoCertificationHolder[];
  organizations: readonly DemoOrganization[];
  /** Today in the program's time zone, when the command ran: the day the certification rows are read. */
  today: string;
  timeZone: string;
  /** My Annual Role Certifications lists the roles due within this many days. */
  windowDays: number;
  /** The certification holders' roles as they stand after the load, soonest due first. */
  certification: DemoCertificationRow[];
}

/** One certification holder's demo role, read back after the load. */
export interface DemoCertificationRow {
  userId: string;
  name: string;
  roleName: string;
  organization: string;
  status: 'active' | 'removed' | 'missing';
  lastCertifiedAt: string | null;
  dueDay: string | null;
  /** Calendar days from today to the due day; negative when overdue. */
  daysLeft: number | null;
}

const APPLICATION_CODE = 'SPOT';

export async function loadDemo(deps: DemoDeps, options: { force?: boolean } = {}): Promise<DemoLoadResult> {
  if (deps.config.environment === 'production' && !options.force) {
    throw new DemoRefusedError(
      'Refusing to load the demo: ROLECALL_ENV is production, and every demo account has a published password and ' +
        'MFA secret. Pass --force if this really is a throwaway installation.',
    );
  }
  for (const user of [...DEMO_USERS, ...DEMO_CERTIFICATION_HOLDERS]) {
    const violations = passwordViolations(DEMO_PASSWORD, user);
    if (violations.length > 0) throw new Error(`The demo password breaks ${violations.join(', ')} for ${user.userId}`);
  }

  if (deps.config.catalogFile) await deps.catalog.applyFile(systemActor, deps.config.catalogFile);
  const application = await spotApplication(deps);
  const actor: Actor = systemActor;
  const timeZone = deps.config.timeZone;
  const now = deps.clock.now();
  const today = calendarDateIn(now, timeZone);
  /** Noon, in the time zone, on the calendar day `days` days before today: its day never shifts with daylight saving. */
  const daysAgo = (days: number) => new Date(startOfDayIn(addCalendarDays(today, -days), timeZone).getTime() + 12 * 3_600_000);
  const then = new ManualClock(now);
  const grantedThen = backdatedAssignments(deps, then);

  const result: DemoLoadResult = {
    createdOrganizations: [],
    createdClients: [],
    createdUsers: [],
    grantedRoles: 0,
    skippedRoles: [],
    certifiedRoles: 0,
    skippedCertifications: [],
    users: DEMO_USERS,
    holders: DEMO_CERTIFICATION_HOLDERS,
    organizations: DEMO_ORGANIZATIONS,
    today,
    timeZone,
    windowDays: deps.config.certification.windowDays,
    certification: [],
  };
  /** Roles granted by this run that the demo certified in the past, by the day of the decision. */
  const toCertify = new Map<number, string[]>();

  await deps.database.transaction(async (trx) => {
    // Two loads at once (PostgreSQL) would both find the accounts missing: they take turns.
    await lockForTransaction(deps.database.kind, trx, 'demo.load');

    const organizationIds = new Map<DemoOrganizationKey, string>();
    for (const demo of DEMO_ORGANIZATIONS) {
      const existing = await deps.organizations.findBySubmitterId(trx, application.id, demo.submitterId);
      if (existing) {
        organizationIds.set(demo.key, existing.id);
        continue;
      }
      const organization = await createOrganization(deps, trx, actor, application.id, demo);
      organizationIds.set(demo.key, organization.id);
      result.createdOrganizations.push(demo.submitterId);
    }

    for (const demo of DEMO_USERS) {
      if (await demoUserExists(deps, trx, demo.userId)) continue;
      const id = await createUser(deps, trx, actor, demo);
      result.createdUsers.push(demo.userId);
      for (const holding of demo.roles) {
        const role = roleByCode(application, holding.role);
        const organizationId = holding.organization ? (organizationIds.get(holding.organization) ?? '') : '';
        await grantOrSkip(
          result,
          () => deps.assignments.grant(trx, actor, { userId: id, role, organizationId, requestId: null }),
          {
            role,
            where: holding.organization ?? APPLICATION_CODE,
            userId: demo.userId,
          },
        );
      }
    }

    for (const demo of DEMO_CERTIFICATION_HOLDERS) {
      if (await demoUserExists(deps, trx, demo.userId)) continue;
      const id = await createUser(deps, trx, actor, { ...demo, isAdministrator: false });
      result.createdUsers.push(demo.userId);
      const role = roleByCode(application, demo.role);
      const organizationId = organizationIds.get(demo.organization) ?? '';
      then.set(daysAgo(demo.establishedDaysAgo));
      const assignment = await grantOrSkip(
        result,
        () => grantedThen.grant(trx, actor, { userId: id, role, organizationId, requestId: null }),
        { role, where: demo.organization, userId: demo.userId },
      );
      if (assignment && demo.certifiedDaysAgo !== undefined) {
        toCertify.set(demo.certifiedDaysAgo, [...(toCertify.get(demo.certifiedDaysAgo) ?? []), assignment.id]);
      }
    }

    for (const demo of DEMO_CLIENTS) {
      if (await deps.oidc.clients.find(trx, demo.clientId)) continue;
      const { clientId, clientSecret, ...settings } = demo;
      await deps.oidc.clients.registerWithCredentials(
        trx,
        actor,
        { ...settings, applicationCode: APPLICATION_CODE },
        { clientId, clientSecret },
      );
      result.createdClients.push(clientId);
    }

    if (result.createdOrganizations.length > 0 || result.createdUsers.length > 0 || result.createdClients.length > 0) {
      await deps.audit.record(trx, actor, {
        action: 'demo.loaded',
        after: {
          organizations: result.createdOrganizations,
          users: result.createdUsers,
          clients: result.createdClients,
          grantedRoles: result.grantedRoles,
          skippedRoles: result.skippedRoles.length,
        },
      });
    }
  });

  // A decision is its own transaction in the certification service, so the past decisions follow
  // the load. Only roles this run granted are certified: a second run adds no decision.
  for (const [days, assignmentIds] of [...toCertify].sort(([a], [b]) => b - a)) {
    await certifyInThePast(deps, result, { at: daysAgo(days), assignmentIds });
  }
  result.certification = await certificationRows(deps, application, result);
  return result;
}

/** Whether the demo account exists; refused when the user ID belongs to someone who is not demo data. */
async function demoUserExists(deps: DemoDeps, trx: Transaction<DB>, userId: string): Promise<boolean> {
  const existing = await deps.accounts.findByUserIdIn(trx, userId);
  if (existing && !existing.isDemo) {
    throw new DemoRefusedError(
      `Refusing to load the demo: the user ID ${userId} belongs to an account that is not demo data. No demo data was added.`,
    );
  }
  return existing !== undefined;
}

/** Gives a role, or notes why it could not be given when the organization was changed through the app since the first load. */
async function grantOrSkip<T>(
  result: DemoLoadResult,
  grant: () => Promise<T>,
  about: { role: Role; where: string; userId: string },
): Promise<T | undefined> {
  try {
    const granted = await grant();
    result.grantedRoles += 1;
    return granted;
  } catch (error) {
    if (error instanceof AppError && (error.code === 'assignment.limit_reached' || error.code === 'assignment.already_held')) {
      result.skippedRoles.push(`${about.role.name} of ${about.where} for ${about.userId}: ${error.message}`);
      return undefined;
    }
    throw error;
  }
}

/** The assignments service as it was on the day `clock` reads: grants are established, and fall due, from that day. */
function backdatedAssignments(deps: DemoDeps, clock: ManualClock): AssignmentsService {
  return createAssignmentsService({
    database: deps.database,
    clock,
    audit: deps.audit,
    webhooks: deps.webhooks,
    notifications: deps.notifications,
    catalog: deps.catalog,
    organizations: deps.organizations,
    accounts: deps.accounts,
    firstDueAt: (role, establishedAt) =>
      firstDueAt(role, establishedAt, {
        timeZone: deps.config.timeZone,
        legacyCutoff: deps.config.certification.legacyCutoff,
        legacyFirstDue: deps.config.certification.legacyFirstDue,
      }),
  });
}

/** Certifies roles as demo.approver did on the day `at`, ticking the acknowledgement of the day it runs. */
async function certifyInThePast(
  deps: DemoDeps,
  result: DemoLoadResult,
  decision: { at: Date; assignmentIds: string[] },
): Promise<void> {
  const certification = createCertificationService({
    config: deps.config,
    database: deps.database,
    clock: new ManualClock(decision.at),
    audit: deps.audit,
    accounts: deps.accounts,
    catalog: deps.catalog,
    assignments: deps.assignments,
    organizations: deps.organizations,
    usage: deps.usage,
  });
  const certifier = await deps.accounts.findByUserId(DEMO_PAST_CERTIFIER);
  try {
    if (!certifier) throw new AppError('resource.not_found');
    const { count } = await certification.decide(
      systemActor,
      { id: certifier.id, isAdministrator: certifier.isAdministrator },
      {
        outcome: 'certify',
        acknowledged: true,
        acknowledgementVersion: (await certification.acknowledgement(deps.database.db)).version,
        assignmentIds: decision.assignmentIds,
      },
    );
    result.certifiedRoles += count;
  } catch (error) {
    // demo.approver was changed through the app: those roles stay due, as nobody certified them.
    if (!(error instanceof AppError)) throw error;
    result.skippedCertifications.push(
      `${decision.assignmentIds.length} past certification(s) by ${DEMO_PAST_CERTIFIER}: ${error.message}`,
    );
  }
}

/** The certification holders' demo roles as they stand now (a later run finds them as the sweep and the certifiers left them). */
async function certificationRows(
  deps: DemoDeps,
  application: ApplicationWithRoles,
  result: DemoLoadResult,
): Promise<DemoCertificationRow[]> {
  const rows: DemoCertificationRow[] = [];
  for (const demo of DEMO_CERTIFICATION_HOLDERS) {
    const role = roleByCode(application, demo.role);
    const organization = DEMO_ORGANIZATIONS.find((candidate) => candidate.key === demo.organization)!;
    const row: DemoCertificationRow = {
      userId: demo.userId,
      name: `${demo.firstName} ${demo.lastName}`,
      roleName: role.name,
      organization: organization.legalName,
      status: 'missing',
      lastCertifiedAt: null,
      dueDay: null,
      daysLeft: null,
    };
    const user = await deps.accounts.findByUserId(demo.userId);
    const held = user
      ? (await deps.assignments.listForUser(user, { limit: 500 })).items
          .filter((view) => view.role.id === role.id && view.organization?.submitterId === organization.submitterId)
          .sort((a, b) =>
            a.status === b.status ? b.establishedAt.localeCompare(a.establishedAt) : a.status === 'active' ? -1 : 1,
          )[0]
      : undefined;
    if (held) {
      row.status = held.status;
      row.lastCertifiedAt = held.lastCertifiedAt;
      if (held.status === 'active' && held.certificationDueAt) {
        row.dueDay = dueDayOf(held.certificationDueAt, result.timeZone);
        row.daysLeft = calendarDaysBetween(result.today, row.dueDay);
      }
    }
    rows.push(row);
  }
  return rows.sort((a, b) => (a.dueDay ?? '9999').localeCompare(b.dueDay ?? '9999') || a.userId.localeCompare(b.userId));
}

async function spotApplication(deps: DemoDeps): Promise<ApplicationWithRoles> {
  try {
    return await deps.catalog.getApplication(APPLICATION_CODE);
  } catch (error) {
    if (error instanceof AppError && error.code === 'resource.not_found') {
      throw new DemoRefusedError(
        'The demo needs the SPOT application: set ROLECALL_CATALOG_FILE to catalog/spot.json (the default), or create SPOT ' +
          'through the API, then run the command again.',
      );
    }
    throw error;
  }
}

function roleByCode(application: ApplicationWithRoles, code: string): Role {
  const role = application.roles.find((candidate) => candidate.code === code);
  if (!role) throw new DemoRefusedError(`The demo needs the role ${code} in ${application.code}; the catalog has no such role.`);
  return role;
}

/** As a form approved by the help desk and then created by its approver would leave it: active, records on file. */
async function createOrganization(
  deps: DemoDeps,
  trx: Transaction<DB>,
  actor: Actor,
  applicationId: string,
  demo: DemoOrganization,
): Promise<Organization> {
  const now = deps.clock.now();
  const id = newId(now);
  const tin = demo.tin.replace(/\D/g, '');
  const organization: Organization = {
    id,
    applicationId,
    submitterId: demo.submitterId,
    legalName: demo.legalName,
    tinEncrypted: encryptSecret(deps.config.secretKey, tin, `tin:${id}`),
    tinLastDigits: tin.slice(-4),
    groupNpi: demo.groupNpi,
    ptan: demo.ptan,
    lineOfBusiness: demo.lineOfBusiness,
    location: demo.location,
    address: demo.address,
    phone: demo.phone,
    fax: demo.fax,
    contact: demo.contact,
    approverOnFile: demo.approverOnFile,
    backupApproversOnFile: demo.backupApproversOnFile,
    status: 'active',
    orphanedSince: demo.orphan ? toTimestamp(now) : null,
    isDemo: true,
    createdAt: toTimestamp(now),
    updatedAt: toTimestamp(now),
  };
  await deps.organizations.create(trx, organization);
  await deps.audit.record(trx, actor, {
    action: 'organization.created',
    target: { type: 'organization', id },
    after: {
      submitterId: organization.submitterId,
      legalName: organization.legalName,
      location: organization.location,
      status: organization.status,
      orphaned: demo.orphan,
      isDemo: true,
    },
  });
  return organization;
}

/** A verified, active account with the demo password and the demo authenticator app confirmed; no terms accepted. */
async function createUser(
  deps: DemoDeps,
  trx: Transaction<DB>,
  actor: Actor,
  demo: Pick<DemoUser, 'userId' | 'firstName' | 'lastName' | 'email' | 'isAdministrator'>,
): Promise<string> {
  const id = await deps.accounts.createDemoAccount(trx, { ...demo, password: DEMO_PASSWORD });
  const factorId = await deps.mfa.addDemoAuthenticator(trx, id, { secret: DEMO_TOTP_SECRET, label: DEMO_FACTOR_LABEL });
  await deps.audit.record(trx, actor, {
    action: 'account.demo_created',
    target: { type: 'user', id },
    after: { userId: demo.userId, email: demo.email, isAdministrator: demo.isAdministrator, isDemo: true },
  });
  await deps.audit.record(trx, actor, {
    action: 'mfa.factor_added',
    target: { type: 'user', id },
    after: { factorId, kind: 'totp', label: DEMO_FACTOR_LABEL },
  });
  return id;
}

/** The one otpauth:// URI that adds the demo secret to an authenticator app. */
export function demoOtpauthUri(): string {
  return totpUri(DEMO_TOTP_SECRET, 'demo accounts', 'Rolecall demo');
}

/**
 * What the command prints: how to sign in as each persona, and the organizations. Never a TIN:
 * the person trying the demo finds an organization by its name or submitter ID, as anyone does.
 */
export async function formatDemoReport(
  result: DemoLoadResult,
  options: { publicUrl: string; qrCode: boolean },
): Promise<string[]> {
  const lines: string[] = [];
  const created = result.createdOrganizations.length + result.createdUsers.length + result.createdClients.length;
  if (created === 0) {
    lines.push('Demo data already loaded: nothing to add.');
  } else {
    lines.push(
      `Demo data loaded: ${result.createdOrganizations.length} organization(s), ${result.createdUsers.length} user(s), ` +
        `${result.grantedRoles} role(s) and ${result.createdClients.length} client(s) added.`,
    );
  }
  for (const skipped of result.skippedRoles) lines.push(`  Not given: ${skipped}`);
  if (result.certifiedRoles > 0) lines.push(`Past certification decisions added: ${result.certifiedRoles}.`);
  for (const skipped of result.skippedCertifications) lines.push(`  Not certified: ${skipped}`);
  if (result.createdUsers.length < result.users.length + result.holders.length) {
    lines.push('Demo accounts that already existed were left as they are: if you changed one, sign in with what you chose.');
  }

  const uri = demoOtpauthUri();
  lines.push(
    '',
    `Sign in at ${options.publicUrl.replace(/\/$/, '')}/sign-in. Every demo account has`,
    `  password:              ${DEMO_PASSWORD}`,
    `  authenticator secret:  ${DEMO_TOTP_SECRET}`,
    `  otpauth URI:           ${uri}`,
    `Add the secret to an authenticator app once (${options.qrCode ? 'scan the code below, or type it' : 'type it, or open the URI'}): that one entry`,
    `serves every demo account. Without an app, \`oathtool --totp -b ${DEMO_TOTP_SECRET}\` prints the current code.`,
    'The demo accounts have accepted no terms yet: tick "I agree to the terms and conditions" at the first sign-in.',
  );
  // Drawn with terminal colours: only worth printing where a terminal shows it.
  if (options.qrCode) lines.push('', (await QRCode.toString(uri, { type: 'terminal', small: true })).trimEnd());

  for (const user of result.users) {
    lines.push(
      '',
      `${user.persona}: ${user.firstName} ${user.lastName}`,
      `  user ID ${user.userId}   password ${DEMO_PASSWORD}   authenticator secret ${DEMO_TOTP_SECRET}`,
      `  ${user.canDo}`,
    );
  }

  lines.push('', `${APPLICATION_CODE} organizations (find them by name or submitter ID):`);
  const width = Math.max(...result.organizations.map((organization) => organization.legalName.length));
  for (const organization of result.organizations) {
    lines.push(
      `  ${organization.submitterId}  ${organization.legalName.padEnd(width)}  ${organization.location.padEnd(4)}  ${approversOf(organization, result)}`,
    );
  }
  lines.push(...certificationReport({ ...result, publicUrl: options.publicUrl }));
  const [web, service] = DEMO_CLIENTS;
  lines.push(
    '',
    'An application that signs in through Rolecall: `npm run spot-demo` starts examples/spot-demo at http://localhost:4000',
    `(its README says more). Its clients: ${web.clientId} (secret ${web.clientSecret}) signs people in, and`,
    `${service.clientId} (secret ${service.clientSecret}) asks the access evaluation API.`,
  );
  lines.push(
    '',
    'These accounts are flagged as demo data and their password and MFA secret are published: load the demo only',
    'where nobody else can reach the server.',
  );
  return lines;
}

/** What annual certification shows, as of the day the command ran. */
function certificationReport(result: DemoLoadResult & { publicUrl: string }): string[] {
  const holders = (predicate: (holder: DemoCertificationHolder) => boolean) =>
    listed(result.holders.filter(predicate).map((holder) => holder.userId));
  const url = (path: string) => `${result.publicUrl.replace(/\/$/, '')}${path}`;
  const lines = [
    '',
    `Annual role certification, as of ${result.today} (${result.timeZone}). These accounts hold roles established about a`,
    'year ago, due now or soon; they can sign in like the personas, but nobody needs to:',
  ];
  const width = Math.max(...result.certification.map((row) => `${row.name} (${row.userId})`.length));
  for (const row of result.certification) {
    const certified = row.lastCertifiedAt ? `, certified ${calendarDateIn(new Date(row.lastCertifiedAt), result.timeZone)}` : '';
    lines.push(
      `  ${dueText(row).padEnd(22)}  ${`${row.name} (${row.userId})`.padEnd(width)}  ${row.roleName} of ${row.organization}${certified}`,
    );
  }
  lines.push(
    '',
    `- My Annual Role Certifications (${url('/certifications')}) lists what each certifier may certify, due within`,
    `  ${result.windowDays} days, soonest first, overdue on top. demo.approver and demo.backup see the Sunrise Dermatology P.A.`,
    '  end users. Tick "I acknowledge", then Certify or Revoke.',
    `- demo.helpdesk sees ${holders((holder) => holder.role !== 'end_user')} (a backup approver, compared with the records on file) and`,
    `  ${holders((holder) => holder.organization === 'palmetto')} (an end user of the orphan Palmetto Wound Care LLC, which has no approver to certify it).`,
    '- Overdue roles are removed by the certification sweep at its next run: within five minutes while the server runs,',
    '  or at once with `rolecall sweep`. Until then the dry run for today lists them: as demo.helpdesk,',
    `  ${url('/help-desk/certifications/expiring')}, or \`rolecall sweep --dry-run --date ${result.today}\`.`,
    '- The same sweep sends the reminders: a daily digest to each certifier, a notice to the holder 14 days before the',
    '  due day and to the help desk at 7 days. Without SMTP, demo.admin reads them in the mail viewer (/dev/outbox).',
    `- ${holders((holder) => holder.certifiedDaysAgo !== undefined)} were certified last month by ${DEMO_PAST_CERTIFIER}: the dashboard`,
    `  (${url('/certifications/dashboard')}) counts them with the due and overdue roles, and the evidence CSV lists them.`,
  );
  return lines;
}

/** "a", "a and b", "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function dueText(row: DemoCertificationRow): string {
  if (row.status !== 'active') return row.status === 'removed' ? 'removed' : 'not given';
  if (row.daysLeft === null || row.dueDay === null) return 'no due date';
  if (row.daysLeft < 0) return `${row.dueDay} overdue ${-row.daysLeft}d`;
  if (row.daysLeft === 0) return `${row.dueDay} due today`;
  return `${row.dueDay} in ${row.daysLeft}d`;
}

function approversOf(organization: DemoOrganization, result: DemoLoadResult): string {
  const due = result.holders.filter((holder) => holder.organization === organization.key).length;
  const more = due > 0 ? `; ${due} more due for certification (below)` : '';
  if (organization.orphan) return `orphan: no approver, so its requests go to the SPOT help desk${more}`;
  const holders = (role: string) =>
    result.users
      .filter((user) => user.roles.some((holding) => holding.role === role && holding.organization === organization.key))
      .map((user) => user.userId);
  return (
    [
      ...holders('approver').map((userId) => `approver ${userId}`),
      ...holders('backup_approver').map((userId) => `backup approver ${userId}`),
      ...holders('end_user').map((userId) => `end user ${userId}`),
    ].join(', ') + more
  );
}

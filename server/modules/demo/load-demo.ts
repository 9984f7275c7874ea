import type { Transaction } from 'kysely';
import QRCode from 'qrcode';
import type { AppContext } from '../../context.js';
import { lockForTransaction } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { systemActor, type Actor } from '../../shared/actor.js';
import { encryptSecret } from '../../shared/crypto.js';
import { newId } from '../../shared/ids.js';
import { searchText } from '../../shared/search-text.js';
import { toTimestamp } from '../../shared/time.js';
import { findUserByUserId, insertUser, updateUser } from '../accounts/accounts.repository.js';
import { passwordViolations } from '../accounts/password-policy.js';
import { storePassword } from '../accounts/password-rules.js';
import type { ApplicationWithRoles, Role } from '../catalog/catalog.service.js';
import { insertFactor } from '../mfa/mfa.repository.js';
import { totpUri } from '../mfa/totp.js';
import {
  findOrganizationBySubmitterId,
  insertOrganization,
  type Organization,
} from '../organizations/organizations.repository.js';
import {
  DEMO_FACTOR_LABEL,
  DEMO_ORGANIZATIONS,
  DEMO_PASSWORD,
  DEMO_TOTP_SECRET,
  DEMO_USERS,
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
 */

export type DemoDeps = Pick<AppContext, 'config' | 'database' | 'clock' | 'audit' | 'catalog' | 'assignments'>;

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
  /** User IDs of the accounts this run created. */
  createdUsers: string[];
  grantedRoles: number;
  /** Roles that could not be given, e.g. the organization already has its one approver. */
  skippedRoles: string[];
  users: readonly DemoUser[];
  organizations: readonly DemoOrganization[];
}

const APPLICATION_CODE = 'SPOT';

/** Where the MFA service keeps a user's TOTP secret bound: it decrypts only for that user. */
const mfaSecretContext = (id: string) => `mfa:${id}`;

export async function loadDemo(deps: DemoDeps, options: { force?: boolean } = {}): Promise<DemoLoadResult> {
  if (deps.config.environment === 'production' && !options.force) {
    throw new DemoRefusedError(
      'Refusing to load the demo: ROLECALL_ENV is production, and every demo account has a published password and ' +
        'MFA secret. Pass --force if this really is a throwaway installation.',
    );
  }
  for (const user of DEMO_USERS) {
    const violations = passwordViolations(DEMO_PASSWORD, user);
    if (violations.length > 0) throw new Error(`The demo password breaks ${violations.join(', ')} for ${user.userId}`);
  }

  if (deps.config.catalogFile) await deps.catalog.applyFile(systemActor, deps.config.catalogFile);
  const application = await spotApplication(deps);
  const actor: Actor = systemActor;

  return deps.database.transaction(async (trx) => {
    // Two loads at once (PostgreSQL) would both find the accounts missing: they take turns.
    await lockForTransaction(deps.database.kind, trx, 'demo.load');
    const result: DemoLoadResult = {
      createdOrganizations: [],
      createdUsers: [],
      grantedRoles: 0,
      skippedRoles: [],
      users: DEMO_USERS,
      organizations: DEMO_ORGANIZATIONS,
    };

    const organizationIds = new Map<DemoOrganizationKey, string>();
    for (const demo of DEMO_ORGANIZATIONS) {
      const existing = await findOrganizationBySubmitterId(trx, application.id, demo.submitterId);
      if (existing) {
        organizationIds.set(demo.key, existing.id);
        continue;
      }
      const organization = await createOrganization(deps, trx, actor, application.id, demo);
      organizationIds.set(demo.key, organization.id);
      result.createdOrganizations.push(demo.submitterId);
    }

    for (const demo of DEMO_USERS) {
      const existing = await findUserByUserId(trx, demo.userId);
      if (existing) {
        if (!existing.isDemo) {
          throw new DemoRefusedError(
            `Refusing to load the demo: the user ID ${demo.userId} belongs to an account that is not demo data. No demo data was added.`,
          );
        }
        continue;
      }
      const id = await createUser(deps, trx, actor, demo);
      result.createdUsers.push(demo.userId);
      for (const holding of demo.roles) {
        const role = roleByCode(application, holding.role);
        const organizationId = holding.organization ? (organizationIds.get(holding.organization) ?? '') : '';
        try {
          await deps.assignments.grant(trx, actor, { userId: id, role, organizationId, requestId: null });
          result.grantedRoles += 1;
        } catch (error) {
          // The organization was changed through the app since the first load: keep what is there.
          if (
            error instanceof AppError &&
            (error.code === 'assignment.limit_reached' || error.code === 'assignment.already_held')
          ) {
            result.skippedRoles.push(
              `${role.name} of ${holding.organization ?? APPLICATION_CODE} for ${demo.userId}: ${error.message}`,
            );
            continue;
          }
          throw error;
        }
      }
    }

    if (result.createdOrganizations.length > 0 || result.createdUsers.length > 0) {
      await deps.audit.record(trx, actor, {
        action: 'demo.loaded',
        after: {
          organizations: result.createdOrganizations,
          users: result.createdUsers,
          grantedRoles: result.grantedRoles,
          skippedRoles: result.skippedRoles.length,
        },
      });
    }
    return result;
  });
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
  await insertOrganization(trx, organization, searchText(organization.legalName));
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
async function createUser(deps: DemoDeps, trx: Transaction<DB>, actor: Actor, demo: DemoUser): Promise<string> {
  const now = deps.clock.now();
  const at = toTimestamp(now);
  const id = newId(now);
  await insertUser(trx, {
    id,
    userId: demo.userId,
    firstName: demo.firstName,
    middleName: null,
    lastName: demo.lastName,
    email: demo.email,
    phone: null,
    language: 'en',
    passwordHash: null,
    status: 'active',
    isAdministrator: demo.isAdministrator,
    emailVerifiedAt: at,
    now: at,
  });
  await updateUser(trx, id, { is_demo: 1 });
  await storePassword(trx, id, DEMO_PASSWORD, now);
  const factorId = newId(now);
  await insertFactor(trx, {
    id: factorId,
    userId: id,
    kind: 'totp',
    label: DEMO_FACTOR_LABEL,
    secretEncrypted: encryptSecret(deps.config.secretKey, DEMO_TOTP_SECRET, mfaSecretContext(id)),
    lastUsedStep: null,
    credentialId: null,
    publicKey: null,
    signCount: null,
    transports: [],
    phone: null,
    confirmedAt: at,
    lastUsedAt: null,
    createdAt: at,
  });
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
  const created = result.createdOrganizations.length + result.createdUsers.length;
  if (created === 0) {
    lines.push('Demo data already loaded: nothing to add.');
  } else {
    lines.push(
      `Demo data loaded: ${result.createdOrganizations.length} organization(s), ${result.createdUsers.length} user(s) ` +
        `and ${result.grantedRoles} role(s) added.`,
    );
  }
  for (const skipped of result.skippedRoles) lines.push(`  Not given: ${skipped}`);
  if (result.createdUsers.length < result.users.length) {
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
      `  ${organization.submitterId}  ${organization.legalName.padEnd(width)}  ${organization.location.padEnd(4)}  ${approversOf(organization, result.users)}`,
    );
  }
  lines.push(
    '',
    'These accounts are flagged as demo data and their password and MFA secret are published: load the demo only',
    'where nobody else can reach the server.',
  );
  return lines;
}

function approversOf(organization: DemoOrganization, users: readonly DemoUser[]): string {
  if (organization.orphan) return 'orphan: no approver, so its requests go to the SPOT help desk';
  const holders = (role: string) =>
    users
      .filter((user) => user.roles.some((holding) => holding.role === role && holding.organization === organization.key))
      .map((user) => user.userId);
  return [
    ...holders('approver').map((userId) => `approver ${userId}`),
    ...holders('backup_approver').map((userId) => `backup approver ${userId}`),
    ...holders('end_user').map((userId) => `end user ${userId}`),
  ].join(', ');
}

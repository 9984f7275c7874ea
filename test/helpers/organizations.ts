import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../../server/context.js';
import type { User } from '../../server/modules/accounts/accounts.service.js';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import { insertOrganization, type Organization } from '../../server/modules/organizations/organizations.repository.js';
import { systemActor } from '../../server/shared/actor.js';
import { encryptSecret } from '../../server/shared/crypto.js';
import { newId } from '../../server/shared/ids.js';
import { searchText } from '../../server/shared/search-text.js';

let sequence = 0;

/** The SPOT catalog, applied as the server applies it at start; answers its roles by code. */
export async function loadSpot(ctx: AppContext): Promise<{ applicationId: string; roles: Record<string, Role> }> {
  await ctx.catalog.applyFile(systemActor, 'catalog/spot.json');
  const app = await ctx.catalog.getApplication('SPOT');
  return { applicationId: app.id, roles: Object.fromEntries(app.roles.map((role) => [role.code, role])) };
}

/** An active organization, as if its form had been approved and its approver had created it. */
export async function createOrganization(
  ctx: AppContext,
  applicationId: string,
  overrides: Partial<Organization> & { tin?: string } = {},
): Promise<Organization> {
  sequence += 1;
  const now = ctx.clock.now().toISOString();
  const id = newId(ctx.clock.now());
  const tin = overrides.tin ?? `59-${String(1_000_000 + sequence).slice(-7)}`;
  const organization: Organization = {
    id,
    applicationId,
    submitterId: `T${Date.now().toString(36)}${sequence}`.toUpperCase(),
    legalName: `Harbor Family Clinic ${sequence}`,
    tinEncrypted: encryptSecret(ctx.config.secretKey, tin.replace(/\D/g, ''), `tin:${id}`),
    tinLastDigits: tin.replace(/\D/g, '').slice(-4),
    groupNpi: null,
    ptan: null,
    lineOfBusiness: 'Part B',
    location: 'FL',
    address: { line1: '10 Ocean Way', city: 'Jacksonville', state: 'FL', zip: '32202' },
    phone: '904-555-0100',
    fax: null,
    contact: { name: 'Pat Rivera', email: 'pat.rivera@example.test', phone: '904-555-0101' },
    approverOnFile: { firstName: 'Pat', lastName: 'Rivera', email: 'pat.rivera@example.test' },
    backupApproversOnFile: [],
    status: 'active',
    orphanedSince: null,
    isDemo: false,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
  await ctx.database.transaction((trx) => insertOrganization(trx, organization, searchText(organization.legalName)));
  return organization;
}

/** Gives a role directly, as an approved request would. */
export async function grantRole(ctx: AppContext, userId: string, role: Role, organizationId = '') {
  return ctx.database.transaction((trx) =>
    ctx.assignments.grant(trx, systemActor, { userId, role, organizationId, requestId: null }),
  );
}

/** The account signed in as `userId`. */
export async function userNamed(ctx: AppContext, userId: string): Promise<User> {
  const user = await ctx.accounts.findByUserId(userId);
  if (!user) throw new Error(`no user ${userId}`);
  return user;
}

/** The users.id of a user ID. */
export async function idOf(ctx: AppContext, userId: string): Promise<string> {
  return (await userNamed(ctx, userId)).id;
}

/** A second application beside SPOT, with SPOT's roles, under another code (e.g. `OTHER`). */
export async function addApplicationLikeSpot(ctx: AppContext, code: string): Promise<void> {
  const catalog = JSON.parse(readFileSync('catalog/spot.json', 'utf8')) as { applications: { code: string; name: string }[] };
  const other = { ...catalog.applications[0]!, code, name: `Application ${code}`, nameEs: `Aplicación ${code}` };
  const file = join(mkdtempSync(join(tmpdir(), 'rolecall-catalog-')), 'catalog.json');
  writeFileSync(file, JSON.stringify({ applications: [...catalog.applications, other] }));
  await ctx.catalog.applyFile({ ...systemActor }, file);
}

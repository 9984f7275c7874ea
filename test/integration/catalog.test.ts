import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogDocument } from '../../server/modules/catalog/catalog-document.js';
import { systemActor } from '../../server/shared/actor.js';
import { signedInAdministrator, signedInUser, type SignedInUser } from '../helpers/accounts.js';
import { ApiClient } from '../helpers/api-client.js';
import { createOrganization, grantRole } from '../helpers/organizations.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

const SPOT_FILE = 'catalog/spot.json';
const spot = (): CatalogDocument => JSON.parse(readFileSync(SPOT_FILE, 'utf8')) as CatalogDocument;

describe.each(testDialects())('the role catalog on %s', (dialect) => {
  let t: TestApp;
  let admin: SignedInUser;
  let user: SignedInUser;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    admin = await signedInAdministrator(t.app, t.ctx, t.clock);
    user = await signedInUser(t.app, t.ctx, t.clock);
  });
  afterAll(async () => t.close());

  const auditCount = async (action: string) =>
    Number(
      (
        await t.ctx.database.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('action', '=', action)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('loads the catalog file once, and again only when it changes', async () => {
    const first = await t.ctx.catalog.applyFile(systemActor, SPOT_FILE);
    expect(first?.created).toEqual(['SPOT/end_user', 'SPOT/approver', 'SPOT/backup_approver', 'SPOT/help_desk']);
    expect(await t.ctx.catalog.applyFile(systemActor, SPOT_FILE)).toBeUndefined();
    expect(await auditCount('catalog.applied')).toBe(1);

    const roles = (await t.ctx.catalog.getApplication('SPOT')).roles;
    const endUser = roles.find((role) => role.code === 'end_user');
    expect(roles.find((role) => role.code === 'approver')?.includesRoleId).toBe(endUser?.id);
    expect(roles.find((role) => role.code === 'backup_approver')?.includesRoleId).toBe(endUser?.id);
    expect(endUser?.includesRoleId).toBeNull();
  });

  it('shows applications and role policies to signed-in people only', async () => {
    expect((await new ApiClient(t.app).get('/api/v1/applications')).statusCode).toBe(401);
    const response = await user.client.get('/api/v1/applications');
    expect(response.statusCode).toBe(200);
    const [application] = response.json().items as { code: string; roles: { code: string; maxActivePerOrg: number | null }[] }[];
    expect(application?.code).toBe('SPOT');
    expect(application?.roles.map((role) => [role.code, role.maxActivePerOrg])).toEqual([
      ['end_user', null],
      ['approver', 1],
      ['backup_approver', 3],
      ['help_desk', null],
    ]);
  });

  it('keeps the catalog texts in Spanish too, with the names readers of the CMS instructions know', async () => {
    const response = await user.client.get('/api/v1/applications');
    type Texts = { code: string; name: string; nameEs: string; description: string; descriptionEs: string };
    const [application] = response.json().items as (Texts & { roles: Texts[] })[];
    expect(application?.descriptionEs).toContain('proveedores de Medicare');
    const roles = Object.fromEntries(application!.roles.map((role) => [role.code, role]));
    expect(roles.end_user).toMatchObject({ name: 'SPOT End User', nameEs: 'Usuario final de SPOT' });
    expect(roles.approver).toMatchObject({ name: 'SPOT Approver', nameEs: 'Aprobador de SPOT' });
    expect(roles.approver!.description).toContain('Office Approver (OA)');
    expect(roles.backup_approver!.description).toContain('Office Back-Up Approver (OBA)');
    expect(roles.backup_approver!.descriptionEs).toContain('(Office Back-Up Approver, OBA)');
    // The document round-trips them.
    const document = await t.ctx.catalog.document({ id: 'catalog-owner', isAdministrator: true });
    expect(document.applications[0]?.roles[0]).toMatchObject({ nameEs: 'Usuario final de SPOT' });
  });

  it('emails a role holder the role’s name in the holder’s language', async () => {
    const app = await t.ctx.catalog.getApplication('SPOT');
    const endUser = app.roles.find((role) => role.code === 'end_user')!;
    const org = await createOrganization(t.ctx, app.id);
    const holder = await signedInUser(t.app, t.ctx, t.clock);
    await t.ctx.database.db.updateTable('users').set({ language: 'es' }).where('user_id', '=', holder.userId).execute();
    const holderId = (await t.ctx.accounts.findByUserId(holder.userId))!.id;
    const assignment = await grantRole(t.ctx, holderId, endUser, org.id);
    expect(
      (await holder.client.post(`/api/v1/assignments/${assignment.id}/remove`, { reason: 'Ya no trabajo allí' })).statusCode,
    ).toBe(204);
    const message = await t.ctx.database.db
      .selectFrom('outbox')
      .select(['subject', 'body_text'])
      .where('recipient', '=', holder.email)
      .where('template', '=', 'role.removed')
      .executeTakeFirstOrThrow();
    expect(message.body_text).toContain('Su rol Usuario final de SPOT');
    expect(message.body_text).not.toContain('SPOT End User');
  });

  it('lets administrators alone replace the catalog', async () => {
    const changed = spot();
    changed.applications[0]!.roles[0]!.name = 'SPOT End User (renamed)';
    changed.applications[0]!.roles.splice(2, 1);
    expect((await user.client.request('PUT', '/api/v1/admin/catalog', changed)).statusCode).toBe(403);

    const response = await admin.client.request('PUT', '/api/v1/admin/catalog', changed);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      applications: ['SPOT'],
      created: [],
      updated: ['SPOT/end_user'],
      retired: ['SPOT/backup_approver'],
    });
    const roles = (await t.ctx.catalog.getApplication('SPOT')).roles;
    expect(roles.find((role) => role.code === 'backup_approver')?.requestable).toBe(false);
    expect(roles.find((role) => role.code === 'end_user')?.name).toBe('SPOT End User (renamed)');

    const restored = await admin.client.request('PUT', '/api/v1/admin/catalog', spot());
    expect(restored.json()).toMatchObject({ updated: ['SPOT/end_user', 'SPOT/backup_approver'] });
  });

  it('refuses an invalid catalog and changes nothing', async () => {
    const before = await admin.client.get('/api/v1/admin/catalog');
    const broken = spot();
    broken.applications[0]!.roles[1]!.includes = 'nobody';
    broken.applications[0]!.roles[0]!.name = 'Should not be saved';
    const response = await admin.client.request('PUT', '/api/v1/admin/catalog', broken);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'catalog.invalid',
      details: { problems: ['application SPOT, role approver: includes unknown role nobody'] },
    });
    expect((await admin.client.get('/api/v1/admin/catalog')).json()).toEqual(before.json());
  });

  it('changes one role policy, keeping the application consistent', async () => {
    const roles = (await t.ctx.catalog.getApplication('SPOT')).roles;
    const approver = roles.find((role) => role.code === 'approver')!;
    const helpDesk = roles.find((role) => role.code === 'help_desk')!;

    expect((await user.client.patch(`/api/v1/admin/roles/${approver.id}`, { maxActivePerOrg: 2 })).statusCode).toBe(403);
    const changed = await admin.client.patch(`/api/v1/admin/roles/${approver.id}`, { maxActivePerOrg: 2, requestExpiryDays: 14 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ maxActivePerOrg: 2, requestExpiryDays: 14, includesRoleId: approver.includesRoleId });
    const entry = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['before_json', 'after_json', 'actor_id'])
      .where('action', '=', 'catalog.role_updated')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.before_json ?? '{}')).toMatchObject({ maxActivePerOrg: 1, requestExpiryDays: 30 });
    expect(JSON.parse(entry.after_json ?? '{}')).toMatchObject({ maxActivePerOrg: 2, requestExpiryDays: 14 });

    const invalid = await admin.client.patch(`/api/v1/admin/roles/${helpDesk.id}`, { approvedBy: 'org_approvers' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('catalog.invalid');
    expect((await t.ctx.catalog.getRole(t.ctx.database.db, helpDesk.id)).approvedBy).toBe('administrator');
    expect(
      (await admin.client.patch('/api/v1/admin/roles/00000000-0000-7000-8000-000000000000', { sortOrder: 1 })).statusCode,
    ).toBe(404);
  });
});

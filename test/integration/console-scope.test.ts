import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable, type RouteEntry } from '../../server/http/route-table.js';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import { errorOf, signedInAdministrator, signedInUser, type SignedInUser } from '../helpers/accounts.js';
import { addApplicationLikeSpot, createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { sampleOf } from '../helpers/schema-sample.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

type JsonSchema = Parameters<typeof sampleOf>[0];

/** A request every part of which the route's schema accepts: what answers is its authorization. */
function wellFormed(route: RouteEntry) {
  const schema = (route.schema ?? {}) as { params?: JsonSchema; querystring?: JsonSchema; body?: JsonSchema };
  const params = schema.params ? (sampleOf(schema.params, 'params') as Record<string, unknown>) : {};
  const url = route.url.replace(/:([A-Za-z]+)/g, (_, name: string) =>
    String(params[name] ?? '00000000-0000-7000-8000-000000000000'),
  );
  const query = schema.querystring ? (sampleOf(schema.querystring, 'query') as Record<string, unknown>) : {};
  const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)])).toString();
  return {
    url: search ? `${url}?${search}` : url,
    body: schema.body ? sampleOf(schema.body, 'body') : undefined,
  };
}

/*
 * The consoles' scopes across personas: every administration route refuses the help desk and
 * everyone else who is not an administrator with 403, given input its schema accepts; the help
 * desk of one application finds nothing of another application's people, requests or audit
 * entries (404).
 */
describe.each(testDialects())('the consoles’ scopes on %s', (dialect) => {
  let t: TestApp;
  let spotRoles: Record<string, Role>;
  let spotHelpDesk: SignedInUser;
  let otherHelpDesk: SignedInUser;
  let approver: SignedInUser;
  let someone: SignedInUser;
  let spotPerson: SignedInUser;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    ({ roles: spotRoles } = await loadSpot(t.ctx));
    const spotId = (await t.ctx.catalog.getApplication('SPOT')).id;
    await addApplicationLikeSpot(t.ctx, 'OTHER');
    const other = await t.ctx.catalog.getApplication('OTHER');
    const organization = await createOrganization(t.ctx, spotId);
    spotHelpDesk = await signedInUser(t.app, t.ctx, t.clock);
    otherHelpDesk = await signedInUser(t.app, t.ctx, t.clock);
    approver = await signedInUser(t.app, t.ctx, t.clock);
    someone = await signedInUser(t.app, t.ctx, t.clock);
    spotPerson = await signedInUser(t.app, t.ctx, t.clock);
    await grantRole(t.ctx, await idOf(t.ctx, spotHelpDesk.userId), spotRoles.help_desk!);
    await grantRole(
      t.ctx,
      await idOf(t.ctx, otherHelpDesk.userId),
      other.roles.find((role) => role.kind === 'help_desk')!,
    );
    await grantRole(t.ctx, await idOf(t.ctx, approver.userId), spotRoles.approver!, organization.id);
    await grantRole(t.ctx, await idOf(t.ctx, spotPerson.userId), spotRoles.end_user!, organization.id);
    // An administrator exists, so nothing here is refused for want of one.
    await signedInAdministrator(t.app, t.ctx, t.clock);
  });
  afterAll(async () => t.close());

  const administrationRoutes = () =>
    routeTable(t.app).filter(
      (route) =>
        (route.url.startsWith('/api/v1/admin/') || route.url === '/api/v1/audit/verification') &&
        route.method !== 'HEAD' &&
        route.method !== 'OPTIONS',
    );

  it('refuses every administration route to the help desk, an approver and a signed-in user: 403, nothing else', async () => {
    const routes = administrationRoutes();
    expect(routes.length).toBeGreaterThan(15);
    const before = await t.ctx.database.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).execute();
    for (const who of [spotHelpDesk, approver, someone]) {
      for (const route of routes) {
        const { url, body } = wellFormed(route);
        const response = await who.client.request(route.method as 'GET', url, body);
        const label = `${route.method} ${route.url}`;
        expect(response.statusCode, `${label}: ${response.body}`).toBe(403);
        expect(errorOf(response).code, label).toBe('auth.forbidden');
      }
    }
    // Refused, so nothing was recorded: no change happened.
    const after = await t.ctx.database.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).execute();
    expect(after).toEqual(before);
  });

  it("answers 404 to the help desk of another application for a person's account, roles, requests and audit entries", async () => {
    const personId = await idOf(t.ctx, spotPerson.userId);
    expect((await otherHelpDesk.client.get(`/api/v1/help-desk/users/${personId}`)).statusCode).toBe(404);
    expect((await spotHelpDesk.client.get(`/api/v1/help-desk/users/${personId}`)).statusCode).toBe(200);

    const [held] = (await spotHelpDesk.client.get(`/api/v1/help-desk/users/${personId}`)).json().roles as { id: string }[];
    const removal = await otherHelpDesk.client.post(`/api/v1/assignments/${held!.id}/remove`, { reason: 'Not theirs' });
    expect(removal.statusCode).toBe(404);

    // A request of theirs: the other application's help desk cannot read it either.
    const organizationId = (held as { organization?: { id: string } }).organization?.id;
    const submitted = await spotPerson.client.post('/api/v1/role-requests', {
      roleId: spotRoles.backup_approver!.id,
      organizationId,
      reason: 'Covering for the approver',
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const requestId = submitted.json().id as string;
    expect((await otherHelpDesk.client.get(`/api/v1/role-requests/${requestId}`)).statusCode).toBe(404);
    const seen = (await spotHelpDesk.client.get(`/api/v1/help-desk/users/${personId}`)).json();
    expect(seen.pendingRequests.map((pending: { id: string }) => pending.id)).toEqual([requestId]);

    const entry = await t.ctx.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'role.granted')
      .where('target_id', '=', held!.id)
      .executeTakeFirstOrThrow();
    expect((await otherHelpDesk.client.get(`/api/v1/audit/entries/${entry.id}`)).statusCode).toBe(404);
    expect((await spotHelpDesk.client.get(`/api/v1/audit/entries/${entry.id}`)).statusCode).toBe(200);
    const search = await otherHelpDesk.client.get(`/api/v1/audit/entries?targetId=${held!.id}`);
    expect(search.json().items).toEqual([]);
  });
});

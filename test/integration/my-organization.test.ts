import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import type { Organization } from '../../server/modules/organizations/organizations.service.js';
import { auditEntries, errorOf, signedInUser, type SignedInUser } from '../helpers/accounts.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';
import { insertAssignments, insertPeople } from './certification-support.js';

interface EndUserRole {
  id: string;
  holder: { id: string; userId: string; firstName: string; lastName: string; email: string; lastSignInAt: string | null };
  application: { code: string };
  role: { code: string; kind: string };
  establishedAt: string;
  lastCertifiedAt: string | null;
  certificationDueAt: string | null;
  lastUsedAt: string | null;
  allowedActions: string[];
}

interface EndUserPage {
  items: EndUserRole[];
  nextCursor: string | null;
}

/*
 * My organization: an organization's approver and backup approvers see its end users' roles with
 * their dates, a page at a time, and remove one with a reason; to anyone else the list does not
 * exist. Pending Approvals narrows to one organization for the same page.
 */
describe.each(testDialects())('My organization on %s', (dialect) => {
  let t: TestApp;
  let roles: Record<string, Role>;
  let applicationId: string;
  let orgA: Organization;
  let orgB: Organization;
  let approverA: SignedInUser;
  let backupA: SignedInUser;
  let approverB: SignedInUser;

  const endUsers = (who: SignedInUser, organizationId: string, query = '') =>
    who.client.get(`/api/v1/organizations/${organizationId}/end-users${query}`);

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    ({ roles, applicationId } = await loadSpot(t.ctx));
    orgA = await createOrganization(t.ctx, applicationId, { legalName: 'Coral Reef Family Medicine' });
    orgB = await createOrganization(t.ctx, applicationId, { legalName: 'Mangrove Orthopedics' });
    approverA = await signedInUser(t.app, t.ctx, t.clock, { firstName: 'Morgan', lastName: 'Reyes' });
    backupA = await signedInUser(t.app, t.ctx, t.clock, { firstName: 'Casey', lastName: 'Nguyen' });
    approverB = await signedInUser(t.app, t.ctx, t.clock, { firstName: 'Dana', lastName: 'Okafor' });
    await grantRole(t.ctx, await idOf(t.ctx, approverA.userId), roles.approver!, orgA.id);
    await grantRole(t.ctx, await idOf(t.ctx, backupA.userId), roles.backup_approver!, orgA.id);
    await grantRole(t.ctx, await idOf(t.ctx, approverB.userId), roles.approver!, orgB.id);
  });
  afterAll(async () => t.close());

  it("shows the organization's approver and backup approver its end users' roles with their dates", async () => {
    const organization = await createOrganization(t.ctx, applicationId, { legalName: 'Sea Grape Pediatrics' });
    const approver = await signedInUser(t.app, t.ctx, t.clock);
    const backup = await signedInUser(t.app, t.ctx, t.clock);
    await grantRole(t.ctx, await idOf(t.ctx, approver.userId), roles.approver!, organization.id);
    await grantRole(t.ctx, await idOf(t.ctx, backup.userId), roles.backup_approver!, organization.id);

    // Jordan's role was certified and falls due next after Riley's first; Sam's was removed; Alex works elsewhere.
    const jordan = await signedInUser(t.app, t.ctx, t.clock, { firstName: 'Jordan', lastName: 'Blake' });
    const jordanId = await idOf(t.ctx, jordan.userId);
    const jordanRole = await grantRole(t.ctx, jordanId, roles.end_user!, organization.id);
    t.clock.advance({ minutes: 2 });
    const certifiedAt = t.clock.now().toISOString();
    const nextDueAt = new Date(t.clock.now().getTime() + 400 * 86_400_000).toISOString();
    await t.ctx.database.transaction((trx) =>
      t.ctx.assignments.recordCertification(trx, [jordanRole.id], { at: certifiedAt, nextDueAt }),
    );
    await t.ctx.usage.recordSignIn({ kind: 'user', userId: jordanId }, jordanId, applicationId);
    const usedAt = t.clock.now().toISOString();
    t.clock.advance({ minutes: 1 });
    const [riley, sam, alex] = await insertPeople(t.ctx, 3);
    const rileyRole = await grantRole(t.ctx, riley!.id, roles.end_user!, organization.id);
    const samRole = await grantRole(t.ctx, sam!.id, roles.end_user!, organization.id);
    await grantRole(t.ctx, alex!.id, roles.end_user!, orgA.id);
    expect((await approver.client.post(`/api/v1/assignments/${samRole.id}/remove`, { reason: 'Left' })).statusCode).toBe(204);

    for (const who of [approver, backup]) {
      const response = await endUsers(who, organization.id);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as EndUserPage;
      expect(page.nextCursor).toBeNull();
      // Soonest due first: Riley's first certification falls before Jordan's second; approvers' own roles are not listed.
      expect(page.items.map((item) => item.id)).toEqual([rileyRole.id, jordanRole.id]);
      const [rileyItem, jordanItem] = page.items;
      expect(rileyItem).toMatchObject({
        holder: { id: riley!.id, userId: riley!.userId, firstName: 'Riley', lastName: riley!.lastName, lastSignInAt: null },
        application: { code: 'SPOT' },
        role: { code: 'end_user', kind: 'end_user' },
        establishedAt: rileyRole.establishedAt,
        lastCertifiedAt: null,
        certificationDueAt: rileyRole.certificationDueAt,
        lastUsedAt: null,
        allowedActions: ['remove'],
      });
      const jordanSignIn = (await t.ctx.accounts.findByUserId(jordan.userId))?.lastSignInAt;
      expect(jordanSignIn).toBeTruthy();
      expect(jordanItem).toMatchObject({
        holder: { id: jordanId, userId: jordan.userId, firstName: 'Jordan', lastName: 'Blake', lastSignInAt: jordanSignIn },
        establishedAt: jordanRole.establishedAt,
        lastCertifiedAt: certifiedAt,
        certificationDueAt: nextDueAt,
        lastUsedAt: usedAt,
        allowedActions: ['remove'],
      });
    }
  });

  it('lists the end users of organization A to nobody but its approvers: anyone else is told it does not exist', async () => {
    const [holder] = await insertPeople(t.ctx, 1);
    await grantRole(t.ctx, holder!.id, roles.end_user!, orgA.id);
    const endUser = await signedInUser(t.app, t.ctx, t.clock);
    await grantRole(t.ctx, await idOf(t.ctx, endUser.userId), roles.end_user!, orgA.id);
    const helpDesk = await signedInUser(t.app, t.ctx, t.clock);
    await grantRole(t.ctx, await idOf(t.ctx, helpDesk.userId), roles.help_desk!);
    for (const outsider of [approverB, endUser, helpDesk]) {
      const refused = await endUsers(outsider, orgA.id);
      expect(refused.statusCode, refused.body).toBe(404);
      expect(errorOf(refused).code).toBe('resource.not_found');
    }
    // Organization B's approver sees B's list, and an unknown organization is not found either.
    expect((await endUsers(approverB, orgB.id)).statusCode).toBe(200);
    expect((await endUsers(approverA, '00000000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await endUsers(approverA, orgA.id)).statusCode).toBe(200);
    expect((await endUsers(backupA, orgA.id)).statusCode).toBe(200);
    // Someone who no longer approves for it loses the list at once.
    const former = await signedInUser(t.app, t.ctx, t.clock);
    const formerRole = await grantRole(t.ctx, await idOf(t.ctx, former.userId), roles.backup_approver!, orgA.id);
    expect((await endUsers(former, orgA.id)).statusCode).toBe(200);
    await t.ctx.database.transaction((trx) =>
      t.ctx.assignments.removeInTransaction(trx, { kind: 'system' }, formerRole, { kind: 'help_desk', reason: 'Left', by: null }),
    );
    expect((await endUsers(former, orgA.id)).statusCode).toBe(404);
  });

  it('pages across every end user once, soonest due first, those never due last', async () => {
    const organization = await createOrganization(t.ctx, applicationId);
    const approver = await signedInUser(t.app, t.ctx, t.clock);
    await grantRole(t.ctx, await idOf(t.ctx, approver.userId), roles.approver!, organization.id);
    const people = await insertPeople(t.ctx, 23);
    const ids: string[] = [];
    // Seven due dates, several roles sharing each (ties are ordered by id), and three never due.
    for (let group = 0; group < 7; group++) {
      const dueAt = new Date(Date.UTC(2027, 0, 1 + ((group * 5) % 7))).toISOString();
      ids.push(
        ...(await insertAssignments(
          t.ctx,
          roles.end_user!,
          organization.id,
          people.slice(group * 3, group * 3 + 3).map((person) => person.id),
          dueAt,
        )),
      );
    }
    const never = await insertAssignments(
      t.ctx,
      roles.end_user!,
      organization.id,
      people.slice(21).map((person) => person.id),
      '2027-01-01T00:00:00.000Z',
    );
    await t.ctx.database.db
      .updateTable('role_assignments')
      .set({ certification_due_at: null })
      .where('id', 'in', never)
      .execute();
    const [extra] = await insertPeople(t.ctx, 1);
    const nullToo = await insertAssignments(t.ctx, roles.end_user!, organization.id, [extra!.id], '2027-01-01T00:00:00.000Z');
    await t.ctx.database.db
      .updateTable('role_assignments')
      .set({ certification_due_at: null })
      .where('id', 'in', nullToo)
      .execute();

    const expected = (await endUsers(approver, organization.id, '?limit=100')).json() as EndUserPage;
    expect(expected.items).toHaveLength(24);
    const dueOrder = expected.items.map((item) => [item.certificationDueAt ?? '~', item.id].join(' '));
    expect(dueOrder).toEqual([...dueOrder].sort());
    expect(expected.items.slice(-3).every((item) => item.certificationDueAt === null)).toBe(true);

    for (const limit of [1, 4, 5, 23, 24]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
        const response = await endUsers(approver, organization.id, query);
        expect(response.statusCode, response.body).toBe(200);
        const page = response.json() as EndUserPage;
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor !== null && pages < 50);
      expect(seen, `limit ${limit}`).toEqual(expected.items.map((item) => item.id));
      expect(pages).toBe(Math.ceil(24 / limit));
    }
    expect(new Set(ids.concat(never, nullToo))).toEqual(new Set(expected.items.map((item) => item.id)));

    for (const bad of ['not-a-cursor', Buffer.from('[1,2]').toString('base64url'), 'a/b']) {
      const refused = await endUsers(approver, organization.id, `?cursor=${encodeURIComponent(bad)}`);
      expect(refused.statusCode, bad).toBe(400);
      expect(errorOf(refused).code).toBe('request.invalid');
    }
  });

  it('removes a listed role with a reason: audited as the approver, shown to the end user with the reason, gone from the list', async () => {
    const endUser = await signedInUser(t.app, t.ctx, t.clock, { firstName: 'Taylor', lastName: 'Brooks' });
    const granted = await grantRole(t.ctx, await idOf(t.ctx, endUser.userId), roles.end_user!, orgA.id);
    const listed = ((await endUsers(backupA, orgA.id, '?limit=100')).json() as EndUserPage).items.find(
      (item) => item.id === granted.id,
    );
    expect(listed?.allowedActions).toEqual(['remove']);

    const missing = await backupA.client.post(`/api/v1/assignments/${granted.id}/remove`, { reason: '  ' });
    expect(errorOf(missing).code).toBe('assignment.reason_required');
    expect(await auditEntries(t.ctx, 'role.removed', granted.id)).toHaveLength(0);

    const removed = await backupA.client.post(`/api/v1/assignments/${granted.id}/remove`, { reason: 'Moved to another office' });
    expect(removed.statusCode, removed.body).toBe(204);

    const [entry, ...others] = await auditEntries(t.ctx, 'role.removed', granted.id);
    expect(others).toEqual([]);
    expect(entry?.actor_kind).toBe('user');
    expect(entry?.actor_id).toBe(await idOf(t.ctx, backupA.userId));
    expect(JSON.parse(entry?.after_json ?? '{}')).toMatchObject({
      status: 'removed',
      kind: 'approver',
      reason: 'Moved to another office',
    });
    expect(entry?.organization_id).toBe(orgA.id);

    const mine = (await endUser.client.get('/api/v1/me/roles')).json().assignments as {
      id: string;
      status: string;
      removalKind: string;
      removalReason: string;
    }[];
    expect(mine.find((item) => item.id === granted.id)).toMatchObject({
      status: 'removed',
      removalKind: 'approver',
      removalReason: 'Moved to another office',
    });
    const after = (await endUsers(approverA, orgA.id, '?limit=100')).json() as EndUserPage;
    expect(after.items.map((item) => item.id)).not.toContain(granted.id);
    // What is no longer listed cannot be removed again.
    expect((await approverA.client.post(`/api/v1/assignments/${granted.id}/remove`, { reason: 'Again' })).statusCode).toBe(404);
  });

  it("narrows Pending Approvals to one organization's requests", async () => {
    const both = await signedInUser(t.app, t.ctx, t.clock);
    const orgC = await createOrganization(t.ctx, applicationId, { legalName: 'Palmetto Eye Care' });
    await grantRole(t.ctx, await idOf(t.ctx, both.userId), roles.backup_approver!, orgA.id);
    await grantRole(t.ctx, await idOf(t.ctx, both.userId), roles.approver!, orgC.id);
    const requester = await signedInUser(t.app, t.ctx, t.clock);
    const submit = async (organizationId: string) => {
      const response = await requester.client.post('/api/v1/role-requests', {
        roleId: roles.end_user!.id,
        organizationId,
        reason: 'I work here',
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    };
    const forA = await submit(orgA.id);
    const forC = await submit(orgC.id);
    const forB = await submit(orgB.id);

    const idsOf = async (query: string) =>
      ((await both.client.get(`/api/v1/role-requests/pending-approvals${query}`)).json().items as { id: string }[]).map(
        (item) => item.id,
      );
    expect(await idsOf('?limit=100')).toEqual(expect.arrayContaining([forA, forC]));
    expect(await idsOf(`?limit=100&organizationId=${orgA.id}`)).toEqual([forA]);
    expect(await idsOf(`?limit=100&organizationId=${orgC.id}`)).toEqual([forC]);
    // An organization the caller does not approve for lists nothing, rather than its requests.
    expect(await idsOf(`?limit=100&organizationId=${orgB.id}`)).toEqual([]);
    expect(
      (await approverB.client.get(`/api/v1/role-requests/pending-approvals?organizationId=${orgB.id}`)).json().items,
    ).toEqual([expect.objectContaining({ id: forB })]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import type { Organization } from '../../server/modules/organizations/organizations.service.js';
import { mayDecideRequest } from '../../server/modules/requests/requests.policy.js';
import { insertRequest, type RoleRequest } from '../../server/modules/requests/requests.repository.js';
import { newId } from '../../server/shared/ids.js';
import { createOrganization, grantRole, loadSpot } from '../helpers/organizations.js';
import { seeded } from '../helpers/seeded-random.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';
import { insertPeople } from './certification-support.js';

/*
 * Pending Approvals finds what a person may decide with one SQL filter (`listDecidable`), while a
 * decision asks the policy (`mayDecideRequest`). Both must give the same answer: random worlds of
 * approvers, backups, help desk staff and requests in every state and either route are built, and
 * for every person the list is compared with the policy applied to the raw rows.
 */
describe.each(testDialects())('the Pending Approvals filter and the request policy on %s', (dialect) => {
  let t: TestContext;
  let roles: Record<string, Role>;
  let applicationId: string;
  let sequence = 0;

  beforeAll(async () => {
    t = await createTestContext({ dialect });
    ({ roles, applicationId } = await loadSpot(t.ctx));
  });
  afterAll(async () => t.close());

  /** Each person's standing read straight from the assignments table, not through the service. */
  async function standings(): Promise<Map<string, { helpDesk: string[]; approverOf: string[] }>> {
    const rows = await t.ctx.database.db
      .selectFrom('role_assignments')
      .select(['user_id', 'role_id', 'organization_id', 'application_id'])
      .where('status', '=', 'active')
      .execute();
    const byUser = new Map<string, { helpDesk: string[]; approverOf: string[] }>();
    for (const row of rows) {
      const standing = byUser.get(row.user_id) ?? { helpDesk: [], approverOf: [] };
      if (row.role_id === roles.help_desk!.id) standing.helpDesk.push(row.application_id);
      if (row.role_id === roles.approver!.id || row.role_id === roles.backup_approver!.id)
        standing.approverOf.push(row.organization_id);
      byUser.set(row.user_id, standing);
    }
    return byUser;
  }

  it('agree for every person, over random worlds', async () => {
    let compared = 0;
    let listed = 0;
    const statuses: RoleRequest['status'][] = ['pending', 'pending', 'pending', 'approved', 'rejected', 'cancelled', 'expired'];
    for (const seed of [5, 17, 29, 41]) {
      const random = seeded(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
      const organizations: Organization[] = [];
      for (let index = 0; index < 4; index++) organizations.push(await createOrganization(t.ctx, applicationId));
      const people = await insertPeople(t.ctx, 10);
      const grantable = [roles.approver!, roles.backup_approver!, roles.help_desk!, roles.end_user!];
      for (let grant = 0; grant < 20; grant++) {
        const role = pick(grantable);
        const organizationId = role.scope === 'application' ? '' : pick(organizations).id;
        await grantRole(t.ctx, pick(people).id, role, organizationId).catch(() => undefined);
      }
      const requests: RoleRequest[] = [];
      const asked = new Set<string>();
      await t.ctx.database.transaction(async (trx) => {
        for (let index = 0; index < 30; index++) {
          sequence += 1;
          const request: RoleRequest = {
            id: newId(),
            trackingNumber: `RR-2026-9${String(sequence).padStart(5, '0')}`,
            requesterId: pick(people).id,
            applicationId,
            roleId: roles.end_user!.id,
            organizationId: pick(organizations).id,
            reason: 'Generated',
            status: pick(statuses),
            routedTo: random() < 0.3 ? 'help_desk' : 'org_approvers',
            decidedBy: null,
            decidedAt: null,
            decisionComment: null,
            expiresAt: t.clock.now().toISOString(),
            createdAt: t.clock.now().toISOString(),
          };
          // One request per person, role and organization, as the table keeps it.
          const key = `${request.requesterId}:${request.organizationId}`;
          if (asked.has(key)) continue;
          asked.add(key);
          await insertRequest(trx, request, 'en');
          requests.push(request);
        }
      });

      const byUser = await standings();
      for (const person of people) {
        const standing = byUser.get(person.id) ?? { helpDesk: [], approverOf: [] };
        const expected = requests
          .filter(
            (request) =>
              request.status === 'pending' &&
              mayDecideRequest(
                { userId: person.id, helpDeskApplicationIds: standing.helpDesk, approverOrganizationIds: standing.approverOf },
                request,
              ),
          )
          .map((request) => request.id);
        const user = await t.ctx.accounts.getUser(t.ctx.database.db, person.id);
        const page = await t.ctx.requests.listPendingApprovals(user, { limit: 1000 });
        const mineThisWorld = new Set(requests.map((request) => request.id));
        const fromSql = page.items.map((item) => item.id).filter((id) => mineThisWorld.has(id));
        expect(fromSql.sort(), `seed ${seed}, ${person.userId}`).toEqual(expected.sort());
        compared += 1;
        listed += fromSql.length;
      }
    }
    expect(compared).toBe(40);
    // The worlds are not trivial: people have requests to decide.
    expect(listed).toBeGreaterThan(20);
  });
});

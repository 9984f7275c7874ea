import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import type { Organization } from '../../server/modules/organizations/organizations.service.js';
import { insertRequest, type RoleRequest } from '../../server/modules/requests/requests.repository.js';
import { newId } from '../../server/shared/ids.js';
import { createOrganization, grantRole, loadSpot } from '../helpers/organizations.js';
import { seeded } from '../helpers/seeded-random.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';
import { insertPeople } from './certification-support.js';

/*
 * Pending Approvals reads a page in one of two ways: with up to 1,000 requests to decide, their
 * ids are sorted in memory and the page read by id; with more, the table is walked in id order.
 * An approver starts with more than 1,000 and pages down to none, so the pages cross from one way
 * to the other; together they must list exactly the requests the approver may decide, in id
 * order, each once.
 */
describe.each(testDialects())('Pending Approvals pages on %s', (dialect) => {
  let t: TestContext;
  let roles: Record<string, Role>;
  let applicationId: string;

  beforeAll(async () => {
    t = await createTestContext({ dialect });
    ({ roles, applicationId } = await loadSpot(t.ctx));
  });
  afterAll(async () => t.close());

  it('list every request the approver may decide, in id order, across both ways of reading', async () => {
    const approved: Organization[] = [];
    for (let index = 0; index < 3; index++) approved.push(await createOrganization(t.ctx, applicationId));
    const elsewhere = await createOrganization(t.ctx, applicationId);
    const [approver] = await insertPeople(t.ctx, 1);
    for (const organization of approved) await grantRole(t.ctx, approver!.id, roles.approver!, organization.id);
    const requesters = await insertPeople(t.ctx, 500);

    const random = seeded(11);
    const pairs = [...requesters, approver!].flatMap((person) =>
      [...approved, elsewhere].map((organization) => ({ person, organization })),
    );
    for (let index = pairs.length - 1; index > 0; index--) {
      const swap = Math.floor(random() * (index + 1));
      [pairs[index], pairs[swap]] = [pairs[swap]!, pairs[index]!];
    }
    const requests: RoleRequest[] = [];
    await t.ctx.database.transaction(async (trx) => {
      for (const [index, { person, organization }] of pairs.entries()) {
        const at = t.clock.now().toISOString();
        const request: RoleRequest = {
          id: newId(),
          trackingNumber: `RR-2026-8${String(index).padStart(5, '0')}`,
          requesterId: person.id,
          applicationId,
          roleId: roles.end_user!.id,
          organizationId: organization.id,
          reason: 'Generated',
          status: random() < 0.1 ? 'rejected' : 'pending',
          routedTo: 'org_approvers',
          decidedBy: null,
          decidedAt: null,
          decisionComment: null,
          expiresAt: at,
          createdAt: at,
        };
        await insertRequest(trx, request, 'en');
        requests.push(request);
      }
    });
    const approvedIds = new Set(approved.map((organization) => organization.id));
    const expected = requests
      .filter(
        (request) =>
          request.status === 'pending' && request.requesterId !== approver!.id && approvedIds.has(request.organizationId),
      )
      .map((request) => request.id)
      .sort();
    // More than the 1,000 sorted in memory: the first pages walk the table.
    expect(expected.length).toBeGreaterThan(1000);

    const user = await t.ctx.accounts.getUser(t.ctx.database.db, approver!.id);
    const listed: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await t.ctx.requests.listPendingApprovals(user, { after, limit: 50 });
      listed.push(...page.items.map((item) => item.id));
      after = page.nextCursor ?? undefined;
      pages += 1;
    } while (after !== undefined);
    expect(listed).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 50));
  });
});

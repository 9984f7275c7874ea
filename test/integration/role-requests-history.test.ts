import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import type { Organization } from '../../server/modules/organizations/organizations.service.js';
import { errorOf, signedInUser, signInWithTotp, type SignedInUser } from '../helpers/accounts.js';
import type { ApiClient } from '../helpers/api-client.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

interface Item {
  id: string;
  trackingNumber: string;
  status: string;
  application: { code: string };
  role: { code: string };
  organization: { id: string; legalName: string } | null;
  createdAt: string;
  decidedAt: string | null;
  decisionComment: string | null;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

// Manage My Roles' request history: a requester sees every request they made, whatever became of
// it, newest first, a page at a time, with the decision's date and comment but not who decided.
describe.each(testDialects())('my request history on %s', (dialect) => {
  let t: TestApp;
  let roles: Record<string, Role>;
  let applicationId: string;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    ({ roles, applicationId } = await loadSpot(t.ctx));
  });
  afterAll(async () => t.close());

  /** An organization with its own approver, signed in now. */
  const organizationWithApprover = async (): Promise<{ organization: Organization; approver: SignedInUser }> => {
    const organization = await createOrganization(t.ctx, applicationId);
    const approver = await signedInUser(t.app, t.ctx, t.clock);
    await grantRole(t.ctx, await idOf(t.ctx, approver.userId), roles.approver!, organization.id);
    return { organization, approver };
  };
  const submit = async (client: ApiClient, organizationId: string) => {
    const response = await client.post('/api/v1/role-requests', {
      roleId: roles.end_user!.id,
      organizationId,
      reason: 'Access to Medicare data',
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Item;
  };
  const pageOf = async (client: ApiClient, query = '') => {
    const response = await client.get(`/api/v1/me/requests${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Page;
  };
  /** Every page, following the cursor; fails on a page longer than the limit. */
  const everyPage = async (client: ApiClient, limit: number) => {
    const seen: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await pageOf(client, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
      expect(pages).toBeLessThan(100);
    } while (cursor);
    return { seen, pages };
  };

  it('shows a rejected request to its requester with the comment and the date, and not who rejected it', async () => {
    const { organization, approver } = await organizationWithApprover();
    const requester = await signedInUser(t.app, t.ctx, t.clock);
    const request = await submit(requester.client, organization.id);
    t.clock.advance({ minutes: 5 });
    const rejected = await approver.client.post(`/api/v1/role-requests/${request.id}/decision`, {
      decision: 'reject',
      comment: 'You do not work at this practice.',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const decidedAt = t.clock.now().toISOString();

    const response = await requester.client.get('/api/v1/me/requests');
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as Page;
    expect(page.nextCursor).toBeNull();
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      id: request.id,
      trackingNumber: request.trackingNumber,
      status: 'rejected',
      application: { code: 'SPOT' },
      role: { code: 'end_user' },
      organization: { id: organization.id, legalName: organization.legalName },
      createdAt: request.createdAt,
      decidedAt,
      decisionComment: 'You do not work at this practice.',
    });
    expect(page.items[0]).not.toHaveProperty('decidedBy');
    // Who decided is not the requester's to know: neither the approver's user ID, email nor id.
    const approverId = await idOf(t.ctx, approver.userId);
    for (const secret of [approver.userId, approver.email, approverId]) expect(response.body).not.toContain(secret);
  });

  it('shows approved, cancelled and expired requests with their state and the date each left pending', async () => {
    const requester = await signedInUser(t.app, t.ctx, t.clock);
    const [first, second, third, fourth] = [
      await organizationWithApprover(),
      await organizationWithApprover(),
      await organizationWithApprover(),
      await organizationWithApprover(),
    ];
    const approved = await submit(requester.client, first!.organization.id);
    const cancelled = await submit(requester.client, second!.organization.id);
    const expiring = await submit(requester.client, third!.organization.id);
    t.clock.advance({ minutes: 10 });
    expect(
      (await first!.approver.client.post(`/api/v1/role-requests/${approved.id}/decision`, { decision: 'approve' })).statusCode,
    ).toBe(200);
    const approvedAt = t.clock.now().toISOString();
    expect((await requester.client.post(`/api/v1/role-requests/${cancelled.id}/cancel`)).statusCode).toBe(200);

    // Thirty days without a decision: the sweep expires the third. Sessions are long gone by then.
    t.clock.advance({ days: 30 });
    await t.ctx.scheduler.runNow('role_requests.sweep');
    const expiredAt = t.clock.now().toISOString();
    const client = await signInWithTotp(t.app, t.clock, requester);
    const pending = await submit(client, fourth!.organization.id);

    const { items } = await pageOf(client);
    expect(items.map((item) => [item.id, item.status])).toEqual([
      [pending.id, 'pending'],
      [expiring.id, 'expired'],
      [cancelled.id, 'cancelled'],
      [approved.id, 'approved'],
    ]);
    const byId = new Map(items.map((item) => [item.id, item]));
    expect(byId.get(pending.id)).toMatchObject({ decidedAt: null, decisionComment: null });
    expect(byId.get(expiring.id)).toMatchObject({ decidedAt: expiredAt, decisionComment: null });
    expect(byId.get(cancelled.id)).toMatchObject({ decidedAt: approvedAt, decisionComment: null });
    expect(byId.get(approved.id)).toMatchObject({ decidedAt: approvedAt });

    // One state only, when asked: the page's pending requests.
    const onlyPending = await pageOf(client, '?status=pending');
    expect(onlyPending.items.map((item) => item.id)).toEqual([pending.id]);
    const onlyExpired = await pageOf(client, '?status=expired');
    expect(onlyExpired.items.map((item) => item.id)).toEqual([expiring.id]);
  });

  it('pages with the cursor: every request once, newest first', async () => {
    const requester = await signedInUser(t.app, t.ctx, t.clock);
    const { organization, approver } = await organizationWithApprover();
    const made: Item[] = [];
    for (let index = 0; index < 7; index++) {
      const other = index === 0 ? organization : await createOrganization(t.ctx, applicationId);
      made.push(await submit(requester.client, other.id));
      t.clock.advance({ minutes: 1 });
    }
    // Whatever became of them, they stay in the history.
    expect(
      (await approver.client.post(`/api/v1/role-requests/${made[0]!.id}/decision`, { decision: 'reject', comment: 'No' }))
        .statusCode,
    ).toBe(200);
    expect((await requester.client.post(`/api/v1/role-requests/${made[3]!.id}/cancel`)).statusCode).toBe(200);

    const newestFirst = [...made].reverse().map((item) => item.id);
    for (const limit of [1, 3, 7, 100]) {
      const { seen, pages } = await everyPage(requester.client, limit);
      expect(seen.map((item) => item.id)).toEqual(newestFirst);
      expect(pages).toBe(Math.max(1, Math.ceil(made.length / limit)));
      const created = seen.map((item) => item.createdAt);
      expect(created).toEqual([...created].sort().reverse());
    }
    // The default page holds 25, so seven fit on one.
    expect((await pageOf(requester.client)).nextCursor).toBeNull();
  });

  it('refuses a bad cursor, limit or state with request.invalid', async () => {
    const requester = await signedInUser(t.app, t.ctx, t.clock);
    for (const query of [
      '?cursor=not-a-cursor',
      '?cursor=',
      `?cursor=${'0'.repeat(36)}`,
      '?cursor=0194A2B3-C4D5-7E6F-8A9B-0C1D2E3F4A5B',
      '?limit=0',
      '?limit=101',
      '?status=denied',
      '?offset=25',
    ]) {
      const error = errorOf(await requester.client.get(`/api/v1/me/requests${query}`));
      expect(error, query).toMatchObject({ status: 400, code: 'request.invalid' });
    }
  });

  it("never shows another person's requests, even past a cursor taken from theirs", async () => {
    const { organization } = await organizationWithApprover();
    const [one, other] = [await signedInUser(t.app, t.ctx, t.clock), await signedInUser(t.app, t.ctx, t.clock)];
    const mine = [await submit(one.client, organization.id)];
    const theirs = [await submit(other.client, organization.id)];
    t.clock.advance({ minutes: 1 });
    mine.push(await submit(one.client, (await createOrganization(t.ctx, applicationId)).id));
    theirs.push(await submit(other.client, (await createOrganization(t.ctx, applicationId)).id));

    const { seen } = await everyPage(one.client, 1);
    expect(seen.map((item) => item.id)).toEqual([mine[1]!.id, mine[0]!.id]);
    const theirIds = theirs.map((item) => item.id);
    const past = await pageOf(one.client, `?cursor=${theirs[0]!.id}`);
    expect(past.items.map((item) => item.id)).toEqual([mine[0]!.id]);
    for (const item of [...seen, ...past.items]) expect(theirIds).not.toContain(item.id);
    expect((await pageOf(other.client)).items.map((item) => item.id)).toEqual([theirs[1]!.id, theirs[0]!.id]);
  });
});

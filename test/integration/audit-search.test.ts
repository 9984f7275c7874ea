import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import { errorOf, signedInAdministrator, signedInUser, type SignedInUser } from '../helpers/accounts.js';
import { addApplicationLikeSpot, createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';
import { insertPeople } from './certification-support.js';

interface Entry {
  id: string;
  seq: number;
  occurredAt: string;
  action: string;
  actor: { kind: string; id: string | null; userId: string | null; name: string | null };
  target: { type: string; id: string } | null;
  applicationId: string | null;
  organizationId: string | null;
  after: Record<string, unknown> | null;
}

/*
 * The audit search: administrators find entries by actor, action, target, application,
 * organization and time, a page at a time, and export them; the help desk reads only its
 * applications' entries; anyone else reads none.
 */
describe.each(testDialects())('the audit search on %s', (dialect) => {
  let t: TestApp;
  let roles: Record<string, Role>;
  let spotId: string;
  let otherId: string;
  let admin: SignedInUser;
  let helpDesk: SignedInUser;
  let someone: SignedInUser;
  let orgA: { id: string };
  let orgB: { id: string };
  let orgOther: { id: string };
  let removedAssignmentId: string;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    ({ roles, applicationId: spotId } = await loadSpot(t.ctx));
    await addApplicationLikeSpot(t.ctx, 'OTHER');
    const other = await t.ctx.catalog.getApplication('OTHER');
    otherId = other.id;
    [orgA, orgB, orgOther] = await Promise.all([
      createOrganization(t.ctx, spotId),
      createOrganization(t.ctx, spotId),
      createOrganization(t.ctx, otherId),
    ]);
    admin = await signedInAdministrator(t.app, t.ctx, t.clock);
    helpDesk = await signedInUser(t.app, t.ctx, t.clock);
    someone = await signedInUser(t.app, t.ctx, t.clock);
    await grantRole(t.ctx, await idOf(t.ctx, helpDesk.userId), roles.help_desk!);

    const [first, second] = await insertPeople(t.ctx, 2);
    await grantRole(t.ctx, first!.id, roles.end_user!, orgA.id);
    const removed = await grantRole(t.ctx, first!.id, roles.end_user!, orgB.id);
    await grantRole(
      t.ctx,
      second!.id,
      other.roles.find((role) => role.code === 'end_user')!,
      orgOther.id,
    );
    removedAssignmentId = removed.id;
    t.clock.advance({ minutes: 5 });
    const removal = await admin.client.post(`/api/v1/assignments/${removed.id}/remove`, { reason: 'Left the practice' });
    expect(removal.statusCode, removal.body).toBe(204);
  });
  afterAll(async () => t.close());

  async function search(who: SignedInUser, query: Record<string, string | number>) {
    const response = await who.client.get(
      `/api/v1/audit/entries?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`,
    );
    return response;
  }

  async function entries(who: SignedInUser, query: Record<string, string | number>): Promise<Entry[]> {
    const response = await search(who, query);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items as Entry[];
  }

  it('finds entries by action and organization, newest first, with the application and organization they are about', async () => {
    const granted = await entries(admin, { action: 'role.granted', organizationId: orgA.id });
    expect(granted).toHaveLength(1);
    expect(granted[0]).toMatchObject({ applicationId: spotId, organizationId: orgA.id, actor: { kind: 'system' } });

    const all = await entries(admin, { action: 'role.granted' });
    expect(all.map((entry) => entry.seq)).toEqual([...all.map((entry) => entry.seq)].sort((a, b) => b - a));
    expect(new Set(all.map((entry) => entry.applicationId))).toEqual(new Set([spotId, otherId]));
  });

  it('finds what a person did by their user ID, named, and what was done to a target', async () => {
    const byAdmin = await entries(admin, { actor: admin.userId, action: 'role.removed' });
    expect(byAdmin).toHaveLength(1);
    expect(byAdmin[0]).toMatchObject({
      actor: { kind: 'user', userId: admin.userId, name: 'Avery Stone' },
      target: { type: 'role_assignment', id: removedAssignmentId },
      organizationId: orgB.id,
      after: { reason: 'Left the practice' },
    });
    const aboutIt = await entries(admin, { targetType: 'role_assignment', targetId: removedAssignmentId });
    expect(aboutIt.map((entry) => entry.action)).toEqual(['role.removed', 'role.granted']);
    expect(await entries(admin, { actor: 'nobody.by.that.name' })).toEqual([]);
  });

  it('limits the entries to a time range: from inclusive, to exclusive', async () => {
    const [removal] = await entries(admin, { action: 'role.removed' });
    const at = removal!.occurredAt;
    expect((await entries(admin, { action: 'role.removed', from: at })).map((entry) => entry.id)).toEqual([removal!.id]);
    expect(await entries(admin, { action: 'role.removed', to: at })).toEqual([]);
    expect(await entries(admin, { action: 'role.granted', from: at })).toEqual([]);
  });

  it('pages with a cursor, every entry once', async () => {
    const whole = await entries(admin, { limit: 200 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await search(admin, { limit: 3, ...(cursor ? { cursor } : {}) });
      const page = response.json() as { items: Entry[]; nextCursor: string | null };
      seen.push(...page.items.map((entry) => entry.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(whole.map((entry) => entry.id));
    expect(errorOf(await search(admin, { cursor: 'abc' })).code).toBe('request.invalid');
  });

  it('shows the help desk its applications’ entries only; another application’s entry is not found', async () => {
    const seen = await entries(helpDesk, { limit: 200 });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((entry) => entry.applicationId === spotId)).toBe(true);
    expect(await entries(helpDesk, { applicationId: otherId })).toEqual([]);

    const [otherGrant] = await entries(admin, { action: 'role.granted', applicationId: otherId });
    expect(errorOf(await helpDesk.client.get(`/api/v1/audit/entries/${otherGrant!.id}`)).status).toBe(404);
    const [spotGrant] = await entries(admin, { action: 'role.granted', organizationId: orgA.id });
    expect((await helpDesk.client.get(`/api/v1/audit/entries/${spotGrant!.id}`)).json()).toMatchObject({ id: spotGrant!.id });
    // An account's own entries are about no application: administrators only.
    const [registered] = await entries(admin, { action: 'account.registered' });
    expect(errorOf(await helpDesk.client.get(`/api/v1/audit/entries/${registered!.id}`)).status).toBe(404);
  });

  it('refuses anyone else, and leaves the chain’s verification to administrators', async () => {
    expect(errorOf(await search(someone, {})).code).toBe('auth.forbidden');
    expect(errorOf(await someone.client.get('/api/v1/audit/export?format=csv')).code).toBe('auth.forbidden');
    expect(errorOf(await helpDesk.client.get('/api/v1/audit/verification')).code).toBe('auth.forbidden');
    const verified = await admin.client.get('/api/v1/audit/verification');
    const count = await t.ctx.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(verified.json()).toMatchObject({ ok: true, entries: Number(count.count), checkpoint: null });
    expect(verified.json().head.seq).toBe(Number(count.count));
  });

  it('exports what the search finds as CSV and as JSON Lines', async () => {
    const found = await entries(admin, { action: 'role.granted', limit: 200 });
    const csv = await admin.client.get('/api/v1/audit/export?format=csv&action=role.granted');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="rolecall-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = csv.body.trimEnd().split('\r\n');
    expect(header!.split(',').slice(0, 7)).toEqual([
      'seq',
      'id',
      'occurred_at',
      'actor_kind',
      'actor_user_id',
      'actor_name',
      'action',
    ]);
    expect(rows.map((row) => row.split(',')[1])).toEqual(found.map((entry) => entry.id));

    const jsonl = await admin.client.get('/api/v1/audit/export?format=jsonl&action=role.granted');
    expect(jsonl.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const lines = jsonl.body
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Entry);
    expect(lines).toEqual(found);

    // The help desk's export holds its applications' entries only.
    const theirs = await helpDesk.client.get('/api/v1/audit/export?format=jsonl&action=role.granted');
    const theirLines = theirs.body
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Entry);
    expect(theirLines.map((entry) => entry.applicationId)).toEqual(theirLines.map(() => spotId));
  });

  it('breaks the chain when an entry’s application or organization is changed afterwards', async () => {
    const [granted] = await entries(admin, { action: 'role.granted', organizationId: orgA.id });
    await t.ctx.database.db.updateTable('audit_log').set({ application_id: otherId }).where('id', '=', granted!.id).execute();
    try {
      expect((await admin.client.get('/api/v1/audit/verification')).json()).toMatchObject({ ok: false, brokenSeq: granted!.seq });
    } finally {
      await t.ctx.database.db.updateTable('audit_log').set({ application_id: spotId }).where('id', '=', granted!.id).execute();
    }
    expect((await admin.client.get('/api/v1/audit/verification')).json()).toMatchObject({ ok: true });
  });
});

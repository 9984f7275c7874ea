import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import { dueDayOf } from '../../server/modules/certification/due-dates.js';
import type { Organization } from '../../server/modules/organizations/organizations.service.js';
import { auditEntries, errorOf, signedInAdministrator, signedInUser, type SignedInUser } from '../helpers/accounts.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';
import {
  assignmentRow,
  currentAcknowledgementVersion,
  decide,
  decisionsOf,
  dueInDays,
  insertPeople,
  listIds,
  setDue,
  type Person,
} from './certification-support.js';

interface Item {
  assignmentId: string;
  holder: { id: string; userId: string; lastSignInAt: string | null };
  role: { code: string };
  organization: { id: string; legalName: string } | null;
  dueAt: string;
  dueDay: string;
  certifiedAs: string;
  allowedActions: string[];
  onFile: { firstName: string; email: string; nameMatches: boolean; emailMatches: boolean; matches: boolean } | null;
}

describe.each(testDialects())('annual role certification on %s', (dialect) => {
  let t: TestApp;
  let roles: Record<string, Role>;
  let applicationId: string;
  let orgA: Organization;
  let orgB: Organization;
  let orphan: Organization;
  let helpDesk: SignedInUser;
  let approverA: SignedInUser;
  let backupA: SignedInUser;
  let administrator: SignedInUser;
  let stranger: SignedInUser;
  let approverAId: string;
  let backupAId: string;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    ({ roles, applicationId } = await loadSpot(t.ctx));
    [helpDesk, approverA, backupA, stranger] = [
      await signedInUser(t.app, t.ctx, t.clock),
      await signedInUser(t.app, t.ctx, t.clock, { firstName: 'Morgan', lastName: 'Ellis' }),
      await signedInUser(t.app, t.ctx, t.clock, { firstName: 'Jordan', lastName: 'Price' }),
      await signedInUser(t.app, t.ctx, t.clock),
    ];
    administrator = await signedInAdministrator(t.app, t.ctx, t.clock);
    orgA = await createOrganization(t.ctx, applicationId, {
      legalName: 'Bayside Pediatrics',
      // On file: the approver exactly (another case and spacing), the backup by name only.
      approverOnFile: { firstName: ' morgan ', lastName: 'ELLIS', email: approverA.email.toUpperCase() },
      backupApproversOnFile: [
        { firstName: 'Casey', lastName: 'Nguyen', email: 'casey@example.test' },
        { firstName: 'Jordan', lastName: 'Price', email: 'jordan.price@old-employer.test' },
      ],
    });
    orgB = await createOrganization(t.ctx, applicationId, { legalName: 'Northshore Cardiology' });
    orphan = await createOrganization(t.ctx, applicationId, { legalName: 'Lonely Clinic' });
    approverAId = await idOf(t.ctx, approverA.userId);
    backupAId = await idOf(t.ctx, backupA.userId);
    await grantRole(t.ctx, await idOf(t.ctx, helpDesk.userId), roles.help_desk!);
    await grantRole(t.ctx, approverAId, roles.approver!, orgA.id);
    await grantRole(t.ctx, backupAId, roles.backup_approver!, orgA.id);
  });
  afterAll(async () => t.close());

  /** An end user of an organization, due in `days` days. */
  async function endUser(organization: Organization, days: number, person?: Person) {
    const holder = person ?? (await insertPeople(t.ctx, 1))[0]!;
    const assignment = await grantRole(t.ctx, holder.id, roles.end_user!, organization.id);
    await setDue(t.ctx, assignment.id, dueInDays(t.ctx, days));
    return { holder, assignmentId: assignment.id };
  }

  async function listOf(who: SignedInUser): Promise<Item[]> {
    const response = await who.client.get('/api/v1/certifications?limit=500');
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items as Item[];
  }

  it('gives a new role its first due date one period after it was established, and none to help desk staff', async () => {
    const holder = (await insertPeople(t.ctx, 1))[0]!;
    const assignment = await grantRole(t.ctx, holder.id, roles.end_user!, orgB.id);
    expect(assignment.certificationDueAt).toBe(new Date(t.clock.now().getTime() + 365 * 86_400_000).toISOString());
    expect((await assignmentRow(t.ctx, assignment.id)).certification_due_at).toBe(assignment.certificationDueAt);
    const staff = (await insertPeople(t.ctx, 1))[0]!;
    expect((await grantRole(t.ctx, staff.id, roles.help_desk!)).certificationDueAt).toBeNull();
  });

  it("gives roles established before the legacy cutoff CMS's fixed first due date, July 15, 2022", async () => {
    const start = t.clock.now();
    try {
      const [early, late] = await insertPeople(t.ctx, 2);
      // June 30, 2021, 23:00 in New York: before the cutoff there, though July 1 in UTC.
      t.clock.set('2021-07-01T03:00:00.000Z');
      const legacy = await grantRole(t.ctx, early!.id, roles.end_user!, orgB.id);
      expect(dueDayOf(legacy.certificationDueAt!, 'America/New_York')).toBe('2022-07-15');
      t.clock.set('2021-07-01T04:00:00.000Z');
      const after = await grantRole(t.ctx, late!.id, roles.end_user!, orgB.id);
      expect(after.certificationDueAt).toBe('2022-07-01T04:00:00.000Z');
    } finally {
      t.clock.set(start);
    }
  });

  it("lists an organization's end users for its approvers, soonest first, never their own roles", async () => {
    const later = await endUser(orgA, 40);
    const sooner = await endUser(orgA, 3);
    const outside = await endUser(orgA, 61);
    const otherOrg = await endUser(orgB, 5);
    // The backup approver also holds the end-user role of its organization: the approver certifies it.
    const own = await endUser(orgA, 10, { id: backupAId } as Person);
    for (const who of [approverA, backupA]) {
      const items = await listOf(who);
      const ids = items.map((item) => item.assignmentId);
      expect(ids).toContain(later.assignmentId);
      expect(ids.indexOf(sooner.assignmentId)).toBeLessThan(ids.indexOf(later.assignmentId));
      expect(ids).not.toContain(outside.assignmentId);
      expect(ids).not.toContain(otherOrg.assignmentId);
      const dues = items.map((item) => item.dueAt);
      expect(dues).toEqual([...dues].sort());
      const row = items.find((item) => item.assignmentId === sooner.assignmentId)!;
      expect(row).toMatchObject({
        holder: { id: sooner.holder.id, userId: sooner.holder.userId, lastSignInAt: null },
        role: { code: 'end_user' },
        organization: { id: orgA.id, legalName: 'Bayside Pediatrics' },
        certifiedAs: 'org_approvers',
        onFile: null,
        allowedActions: ['certify', 'revoke'],
        dueDay: dueDayOf(row.dueAt, 'America/New_York'),
      });
    }
    expect((await listOf(approverA)).map((item) => item.assignmentId)).toContain(own.assignmentId);
    expect((await listOf(backupA)).map((item) => item.assignmentId)).not.toContain(own.assignmentId);
    // The help desk does not see an organization's end users while it has approvers.
    expect((await listOf(helpDesk)).map((item) => item.assignmentId)).not.toContain(sooner.assignmentId);
    expect(await listOf(stranger)).toEqual([]);
  });

  it('pages the list with a cursor over due date and id', async () => {
    for (let index = 0; index < 4; index++) await endUser(orgA, 20);
    const all = await listIds(approverA.client);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await approverA.client.get(`/api/v1/certifications?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const page = response.json() as { items: Item[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.assignmentId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
    expect(errorOf(await approverA.client.get('/api/v1/certifications?cursor=not-a-cursor'))).toMatchObject({
      status: 400,
      code: 'request.invalid',
    });
  });

  it('pages items due days, weeks and months apart in due order, from the overdue to the end of the window', async () => {
    // A page is read in widening windows of due dates (1, 8, 64 days): items on both sides of
    // each window's edge, and one past the list window, which is never listed.
    const windward = await createOrganization(t.ctx, applicationId, { legalName: 'Windward Podiatry' });
    const approver = await signedInUser(t.app, t.ctx, t.clock);
    await grantRole(t.ctx, await idOf(t.ctx, approver.userId), roles.approver!, windward.id);
    const dueIn = [59, -1, 7, 0, 9, 1, 45, 2, 61, 8, 0];
    const items = [];
    for (const days of dueIn) items.push({ days, ...(await endUser(windward, days)) });
    const dueAt = new Map(
      (
        await t.ctx.database.db
          .selectFrom('role_assignments')
          .select(['id', 'certification_due_at'])
          .where(
            'id',
            'in',
            items.map((item) => item.assignmentId),
          )
          .execute()
      ).map((row) => [row.id, row.certification_due_at!]),
    );
    const expected = items
      .filter((item) => item.days <= 60)
      .map((item) => item.assignmentId)
      .sort((a, b) => dueAt.get(a)!.localeCompare(dueAt.get(b)!) || a.localeCompare(b));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await approver.client.get(`/api/v1/certifications?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as { items: Item[]; nextCursor: string | null };
      seen.push(...page.items.map((item) => item.assignmentId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it('routes approver roles, and end users of an organization without approvers, to the help desk', async () => {
    const approverRow = await t.ctx.database.db
      .selectFrom('role_assignments')
      .select('id')
      .where('user_id', '=', approverAId)
      .where('role_id', '=', roles.approver!.id)
      .executeTakeFirstOrThrow();
    const backupRow = await t.ctx.database.db
      .selectFrom('role_assignments')
      .select('id')
      .where('user_id', '=', backupAId)
      .where('role_id', '=', roles.backup_approver!.id)
      .executeTakeFirstOrThrow();
    await setDue(t.ctx, approverRow.id, dueInDays(t.ctx, 12));
    await setDue(t.ctx, backupRow.id, dueInDays(t.ctx, 12));
    const orphaned = await endUser(orphan, 8);

    const items = await listOf(helpDesk);
    const approverItem = items.find((item) => item.assignmentId === approverRow.id);
    const backupItem = items.find((item) => item.assignmentId === backupRow.id);
    const orphanItem = items.find((item) => item.assignmentId === orphaned.assignmentId);
    expect(approverItem).toMatchObject({
      certifiedAs: 'help_desk',
      onFile: { firstName: ' morgan ', nameMatches: true, emailMatches: true, matches: true },
    });
    // The backup on file with the holder's name, though the email on file is an old one.
    expect(backupItem).toMatchObject({
      certifiedAs: 'help_desk',
      onFile: { firstName: 'Jordan', nameMatches: true, emailMatches: false, matches: false },
    });
    expect(orphanItem).toMatchObject({ certifiedAs: 'help_desk', onFile: null });
    // The approvers never see approver roles, theirs or each other's.
    for (const who of [approverA, backupA]) {
      const ids = (await listOf(who)).map((item) => item.assignmentId);
      expect(ids).not.toContain(approverRow.id);
      expect(ids).not.toContain(backupRow.id);
      expect(ids).not.toContain(orphaned.assignmentId);
    }
  });

  it("sends an end user's role to the help desk when its holder is the organization's only approver", async () => {
    const solo = await createOrganization(t.ctx, applicationId, { legalName: 'Solo Practice' });
    const owner = (await insertPeople(t.ctx, 1))[0]!;
    await grantRole(t.ctx, owner.id, roles.approver!, solo.id);
    const own = await endUser(solo, 11, owner);
    const colleague = await endUser(solo, 11);
    const helpDeskItems = await listOf(helpDesk);
    expect(helpDeskItems.find((item) => item.assignmentId === own.assignmentId)).toMatchObject({ certifiedAs: 'help_desk' });
    // Another end user of the same organization stays with its approver.
    expect(helpDeskItems.map((item) => item.assignmentId)).not.toContain(colleague.assignmentId);
  });

  it('shows no match when someone else is on file', async () => {
    const newcomer = (await insertPeople(t.ctx, 1, { firstName: 'Sam', lastName: 'Okafor' }))[0]!;
    const assignment = await grantRole(t.ctx, newcomer.id, roles.approver!, orgB.id);
    await setDue(t.ctx, assignment.id, dueInDays(t.ctx, 9));
    const item = (await listOf(helpDesk)).find((candidate) => candidate.assignmentId === assignment.id);
    expect(item?.onFile).toMatchObject({ firstName: 'Pat', nameMatches: false, emailMatches: false, matches: false });
  });

  it('shows when each holder last signed in to the application, and flags a role never or long unused', async () => {
    const used = await endUser(orgA, 20);
    const unused = await endUser(orgA, 21);
    const start = t.clock.now();
    const usageOf = async (assignmentId: string) =>
      ((await listOf(approverA)) as (Item & { usage: unknown })[]).find((item) => item.assignmentId === assignmentId)!.usage;
    const signIn = () => t.ctx.usage.recordSignIn({ kind: 'user', userId: used.holder.id }, used.holder.id, applicationId);

    expect(await usageOf(used.assignmentId)).toEqual({ lastSignInAt: null, daysSince: null, flag: 'never_used', unusedDays: 90 });
    // Signed in 90 days ago, and not since: unused.
    const longAgo = new Date(start.getTime() - 90 * 86_400_000);
    t.clock.set(longAgo);
    try {
      await signIn();
    } finally {
      t.clock.set(start);
    }
    expect(await usageOf(used.assignmentId)).toEqual({
      lastSignInAt: longAgo.toISOString(),
      daysSince: 90,
      flag: 'unused',
      unusedDays: 90,
    });
    await signIn();
    expect(await usageOf(used.assignmentId)).toEqual({
      lastSignInAt: start.toISOString(),
      daysSince: 0,
      flag: null,
      unusedDays: 90,
    });
    const details = await approverA.client.get(`/api/v1/certifications/users/${used.holder.id}`);
    expect(details.json().items[0].usage).toMatchObject({ lastSignInAt: start.toISOString(), flag: null });
    expect((await auditEntries(t.ctx, 'application.signed_in', applicationId)).map((entry) => entry.actor_id)).toEqual([
      used.holder.id,
      used.holder.id,
    ]);
    // Another person's sign-in is not this role's use.
    expect(await usageOf(unused.assignmentId)).toMatchObject({ lastSignInAt: null, flag: 'never_used' });
  });

  it("shows a certifier the holder's details, and nobody else", async () => {
    const first = await endUser(orgA, 15);
    const elsewhere = await endUser(orgB, 15, first.holder);
    const later = await endUser(orgA, 200);
    const response = await approverA.client.get(`/api/v1/certifications/users/${first.holder.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const details = response.json() as { holder: { userId: string }; items: Item[] };
    expect(details.holder.userId).toBe(first.holder.userId);
    // Only what this approver certifies: not the same person's role in another organization.
    expect(details.items.map((item) => [item.assignmentId, item.allowedActions])).toEqual([
      [first.assignmentId, ['certify', 'revoke']],
    ]);
    expect(details.items.map((item) => item.assignmentId)).not.toContain(elsewhere.assignmentId);
    const notYet = (await approverA.client.get(`/api/v1/certifications/users/${later.holder.id}`)).json() as { items: Item[] };
    expect(notYet.items.map((item) => [item.assignmentId, item.allowedActions])).toEqual([[later.assignmentId, []]]);
    for (const who of [stranger, helpDesk]) {
      expect(errorOf(await who.client.get(`/api/v1/certifications/users/${first.holder.id}`))).toMatchObject({
        status: 404,
        code: 'resource.not_found',
      });
    }
  });

  it('serves the acknowledgement in the caller language; administrators publish new versions, audited', async () => {
    const english = (await approverA.client.get('/api/v1/certifications/acknowledgement')).json();
    expect(english.text).toMatch(/^I acknowledge that I have carefully reviewed each user/);
    const spanish = (await approverA.client.get('/api/v1/certifications/acknowledgement', { 'accept-language': 'es' })).json();
    expect(spanish.text).toMatch(/^Reconozco/);
    expect(spanish.version).toBe(english.version);

    const body = { textEn: 'I acknowledge version two.', textEs: 'Reconozco la versión dos.' };
    expect(errorOf(await approverA.client.post('/api/v1/admin/certifications/acknowledgement', body)).status).toBe(403);
    const published = await administrator.client.post('/api/v1/admin/certifications/acknowledgement', body);
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json()).toMatchObject({ version: english.version + 1, text: body.textEn });
    expect(await currentAcknowledgementVersion(approverA.client)).toBe(english.version + 1);
    expect((await auditEntries(t.ctx, 'certification.acknowledgement_published')).length).toBe(1);
  });

  it('refuses a decision without the acknowledgement, or with an outdated one, and changes nothing', async () => {
    const item = await endUser(orgA, 5);
    const before = await assignmentRow(t.ctx, item.assignmentId);
    const unticked = await decide(
      approverA.client,
      { outcome: 'certify', assignmentIds: [item.assignmentId] },
      { acknowledged: false },
    );
    expect(errorOf(unticked)).toMatchObject({ status: 400, code: 'certification.acknowledgement_required' });
    const missing = await approverA.client.post('/api/v1/certifications/decisions', {
      outcome: 'certify',
      acknowledgementVersion: await currentAcknowledgementVersion(approverA.client),
      assignmentIds: [item.assignmentId],
    });
    expect(errorOf(missing).code).toBe('certification.acknowledgement_required');
    const current = await currentAcknowledgementVersion(approverA.client);
    const outdated = await decide(
      approverA.client,
      { outcome: 'certify', assignmentIds: [item.assignmentId] },
      { version: current - 1 },
    );
    expect(errorOf(outdated)).toMatchObject({ status: 409, code: 'certification.acknowledgement_outdated' });
    expect(await assignmentRow(t.ctx, item.assignmentId)).toEqual(before);
    expect(await decisionsOf(t.ctx, item.assignmentId)).toEqual([]);
  });

  it('certifies: the next due date is one period after the decision, with the acknowledgement version kept and audited', async () => {
    const item = await endUser(orgA, 20);
    const version = await currentAcknowledgementVersion(approverA.client);
    const response = await decide(approverA.client, { outcome: 'certify', assignmentIds: [item.assignmentId] });
    expect(response.statusCode, response.body).toBe(200);
    const now = t.clock.now();
    expect(response.json()).toMatchObject({ outcome: 'certified', count: 1, acknowledgementVersion: version });
    const row = await assignmentRow(t.ctx, item.assignmentId);
    expect(row).toMatchObject({
      status: 'active',
      last_certified_at: now.toISOString(),
      certification_due_at: new Date(now.getTime() + 365 * 86_400_000).toISOString(),
    });
    const [decision] = await decisionsOf(t.ctx, item.assignmentId);
    expect(decision).toMatchObject({
      outcome: 'certified',
      certifier_id: approverAId,
      acknowledgement_version: version,
      due_at: dueInDays(t.ctx, 20),
      next_due_at: row.certification_due_at,
    });
    expect(await auditEntries(t.ctx, 'certification.certified', item.assignmentId)).toHaveLength(1);
    // Decided: no longer on anyone's list, and a second decision is refused.
    expect(await listIds(approverA.client)).not.toContain(item.assignmentId);
    expect(errorOf(await decide(backupA.client, { outcome: 'revoke', assignmentIds: [item.assignmentId] }))).toMatchObject({
      status: 409,
      code: 'certification.not_due',
    });
  });

  it('revokes: the role is removed now, with the reason, and the holder is emailed', async () => {
    const item = await endUser(orgA, 30);
    const response = await decide(backupA.client, {
      outcome: 'revoke',
      assignmentIds: [item.assignmentId],
      reason: 'No longer works here',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(await assignmentRow(t.ctx, item.assignmentId)).toMatchObject({
      status: 'removed',
      removal_kind: 'certification_revoked',
      removal_reason: 'No longer works here',
      removed_by: backupAId,
    });
    expect(await decisionsOf(t.ctx, item.assignmentId)).toEqual([
      expect.objectContaining({ outcome: 'revoked', certifier_id: backupAId, next_due_at: null }),
    ]);
    const mail = await t.ctx.database.db
      .selectFrom('outbox')
      .select(['template', 'body_text'])
      .where('recipient', '=', item.holder.email)
      .execute();
    expect(mail).toEqual([expect.objectContaining({ template: 'role.removed' })]);
    expect(mail[0]!.body_text).toContain('No longer works here');
    expect(errorOf(await decide(approverA.client, { outcome: 'certify', assignmentIds: [item.assignmentId] }))).toMatchObject({
      status: 409,
      code: 'certification.already_decided',
    });
  });

  it('refuses the whole batch when one item is not the caller to decide, and changes nothing', async () => {
    const good = await endUser(orgA, 4);
    const notDue = await endUser(orgA, 120);
    const elsewhere = await endUser(orgB, 4);
    const ownRole = await t.ctx.database.db
      .selectFrom('role_assignments')
      .select('id')
      .where('user_id', '=', backupAId)
      .where('role_id', '=', roles.end_user!.id)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const cases: [string[], SignedInUser, number, string][] = [
      [[good.assignmentId, notDue.assignmentId], approverA, 409, 'certification.not_due'],
      [[good.assignmentId, elsewhere.assignmentId], approverA, 404, 'resource.not_found'],
      [[good.assignmentId, 'no-such-assignment'], approverA, 404, 'resource.not_found'],
      [[good.assignmentId, ownRole.id], backupA, 403, 'certification.self'],
    ];
    const decisionsBefore = await t.ctx.database.db.selectFrom('certification_decisions').select('id').execute();
    const auditBefore = await t.ctx.database.db.selectFrom('audit_log').select('seq').execute();
    for (const [assignmentIds, who, status, code] of cases) {
      for (const outcome of ['certify', 'revoke'] as const) {
        expect(errorOf(await decide(who.client, { outcome, assignmentIds }))).toMatchObject({ status, code });
      }
    }
    expect(await t.ctx.database.db.selectFrom('certification_decisions').select('id').execute()).toEqual(decisionsBefore);
    expect((await t.ctx.database.db.selectFrom('audit_log').select('seq').execute()).length).toBe(auditBefore.length);
    expect(await assignmentRow(t.ctx, good.assignmentId)).toMatchObject({
      status: 'active',
      certification_due_at: dueInDays(t.ctx, 4),
    });
  });

  it('answers bad input with a stable code', async () => {
    const item = await endUser(orgA, 6);
    const version = await currentAcknowledgementVersion(approverA.client);
    const post = (body: unknown) => approverA.client.post('/api/v1/certifications/decisions', body);
    const bad: [unknown, string][] = [
      [{ outcome: 'certify', acknowledged: true, acknowledgementVersion: version }, 'certification.nothing_selected'],
      [
        {
          outcome: 'certify',
          acknowledged: true,
          acknowledgementVersion: version,
          all: true,
          assignmentIds: [item.assignmentId],
        },
        'request.invalid',
      ],
      [{ outcome: 'approve', acknowledged: true, acknowledgementVersion: version, all: true }, 'request.invalid'],
      [{ outcome: 'certify', acknowledged: true, acknowledgementVersion: 'one', all: true }, 'request.invalid'],
      [
        { outcome: 'certify', acknowledged: true, acknowledgementVersion: version, assignmentIds: [{ id: 'x' }] },
        'request.invalid',
      ],
      [{ outcome: 'certify', acknowledged: true, acknowledgementVersion: version, assignmentIds: [] }, 'request.invalid'],
      [{ outcome: 'certify', acknowledged: true, acknowledgementVersion: version, all: true, extra: 1 }, 'request.invalid'],
    ];
    for (const [body, code] of bad) expect(errorOf(await post(body)).code, JSON.stringify(body)).toBe(code);
    expect(await decisionsOf(t.ctx, item.assignmentId)).toEqual([]);
  });

  it('certifies the whole list at once', async () => {
    const items = [await endUser(orgA, 2), await endUser(orgA, 50)];
    const due = await listIds(backupA.client);
    const response = await decide(backupA.client, { outcome: 'certify', all: true });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().count).toBe(due.length);
    expect([...(response.json().assignmentIds as string[])].sort()).toEqual([...due].sort());
    for (const item of items) expect((await decisionsOf(t.ctx, item.assignmentId))[0]?.outcome).toBe('certified');
    expect(await listIds(backupA.client)).toEqual([]);
  });

  it('lists for the help desk and administrators what would be removed at the end of a date, changing nothing', async () => {
    const soon = await endUser(orphan, 1);
    const later = await endUser(orphan, 45);
    const day = dueDayOf(dueInDays(t.ctx, 1), 'America/New_York');
    for (const who of [helpDesk, administrator]) {
      const response = await who.client.get(`/api/v1/help-desk/certifications/expiring?date=${day}`);
      expect(response.statusCode, response.body).toBe(200);
      const ids = (response.json().items as { assignmentId: string }[]).map((item) => item.assignmentId);
      expect(ids).toContain(soon.assignmentId);
      expect(ids).not.toContain(later.assignmentId);
    }
    expect(errorOf(await approverA.client.get(`/api/v1/help-desk/certifications/expiring?date=${day}`)).status).toBe(403);
    for (const date of ['2026-02-30', '9999-12-31', 'tomorrow', '']) {
      expect(errorOf(await helpDesk.client.get(`/api/v1/help-desk/certifications/expiring?date=${date}`))).toMatchObject({
        status: 400,
        code: 'request.invalid',
      });
    }
    expect((await assignmentRow(t.ctx, soon.assignmentId)).status).toBe('active');
  });

  it('exports every decision as CSV evidence, with the acknowledgement version, safe to open in a spreadsheet', async () => {
    const hostile = await createOrganization(t.ctx, applicationId, { legalName: '=HYPERLINK("http://evil.test","x")' });
    const hostileApprover = (await insertPeople(t.ctx, 1))[0]!;
    await grantRole(t.ctx, hostileApprover.id, roles.approver!, hostile.id);
    const item = await endUser(hostile, 3);
    const helpDeskVersion = await currentAcknowledgementVersion(helpDesk.client);
    await decide(approverA.client, { outcome: 'certify', assignmentIds: [(await endUser(orgA, 3)).assignmentId] });
    // The hostile organization's end user, certified by the help desk after its approver left.
    await t.ctx.database.db
      .updateTable('role_assignments')
      .set({ status: 'removed' })
      .where('user_id', '=', hostileApprover.id)
      .execute();
    expect((await decide(helpDesk.client, { outcome: 'certify', assignmentIds: [item.assignmentId] })).statusCode).toBe(200);

    const today = dueDayOf(t.clock.now(), 'America/New_York');
    const url = (org?: string) =>
      `/api/v1/certifications/evidence.csv?application=SPOT&from=2026-01-01&to=${today}${org ? `&organization=${org}` : ''}`;
    const all = await administrator.client.get(url());
    expect(all.statusCode, all.body).toBe(200);
    expect(all.headers['content-type']).toMatch(/^text\/csv/);
    const lines = all.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'decision_id,application,organization_submitter_id,organization_legal_name,role,holder_user_id,holder_name,certifier_user_id,certifier_name,decided_at,acknowledgement_version,outcome,due_at,next_due_at',
    );
    const decisions = await t.ctx.database.db.selectFrom('certification_decisions').selectAll().execute();
    expect(lines.length - 1).toBe(decisions.length);
    for (const decision of decisions) {
      const line = lines.find((candidate) => candidate.startsWith(decision.id));
      expect(line).toBeDefined();
      expect(line).toContain(`,${decision.acknowledgement_version ?? ''},${decision.outcome},`);
    }
    expect(all.body).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
    expect(all.body).toContain(`,${helpDesk.userId},`);
    expect(helpDeskVersion).toBeGreaterThan(0);

    const mine = await approverA.client.get(url(orgA.id));
    expect(mine.statusCode).toBe(200);
    const mineLines = mine.body.trim().split('\r\n').slice(1);
    expect(mineLines.length).toBe(decisions.filter((decision) => decision.organization_id === orgA.id).length);
    expect(errorOf(await approverA.client.get(url(orgB.id))).status).toBe(404);
    expect(errorOf(await stranger.client.get(url())).status).toBe(403);
    expect((await helpDesk.client.get(url())).body.trim().split('\r\n').length).toBe(lines.length);
    for (const [from, to] of [
      ['2026-13-01', today],
      ['2026-01-01', '9999-12-31'],
      [today, '2026-01-01'],
    ]) {
      const response = await administrator.client.get(
        `/api/v1/certifications/evidence.csv?application=SPOT&from=${from}&to=${to}`,
      );
      expect(errorOf(response)).toMatchObject({ status: 400, code: 'request.invalid' });
    }
    expect(errorOf(await administrator.client.get(url().replace('SPOT', 'NOPE'))).status).toBe(404);
  });

  it('counts certified, due, overdue and removed for dashboards', async () => {
    const org = await createOrganization(t.ctx, applicationId, { legalName: 'Dashboard Dental' });
    const approver = (await insertPeople(t.ctx, 1))[0]!;
    await grantRole(t.ctx, approver.id, roles.approver!, org.id);
    await endUser(org, 10);
    await endUser(org, 20);
    await endUser(org, -2);
    await endUser(org, 300);
    const certified = await endUser(org, 5);
    const revoked = await endUser(org, 5);
    // Its approver leaves, so the help desk certifies its end users.
    await t.ctx.database.transaction(async (trx) => {
      await trx.updateTable('role_assignments').set({ status: 'removed' }).where('user_id', '=', approver.id).execute();
    });
    expect((await decide(helpDesk.client, { outcome: 'certify', assignmentIds: [certified.assignmentId] })).statusCode).toBe(200);
    expect((await decide(helpDesk.client, { outcome: 'revoke', assignmentIds: [revoked.assignmentId] })).statusCode).toBe(200);
    const response = await administrator.client.get(`/api/v1/certifications/summary?application=SPOT&organization=${org.id}`);
    expect(response.statusCode, response.body).toBe(200);
    // Due: 10 and 20 days (the role due in 300 days is outside the window; the one 2 days late is overdue).
    expect(response.json()).toMatchObject({ certified: 1, due: 2, overdue: 1, removed: 1, revoked: 1, expired: 0 });
    expect(
      errorOf(await approverA.client.get(`/api/v1/certifications/summary?application=SPOT&organization=${org.id}`)).status,
    ).toBe(404);
    expect((await approverA.client.get('/api/v1/certifications/summary?application=SPOT')).statusCode).toBe(200);
  });
});

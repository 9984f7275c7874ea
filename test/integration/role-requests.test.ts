import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import type { Organization } from '../../server/modules/organizations/organizations.service.js';
import { lockRequest } from '../../server/modules/requests/requests.repository.js';
import { signedInUser, type SignedInUser } from '../helpers/accounts.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

describe.each(testDialects())('role requests on %s', (dialect) => {
  let t: TestApp;
  let roles: Record<string, Role>;
  let applicationId: string;
  let orgA: Organization;
  let orgB: Organization;
  let helpDesk: SignedInUser;
  let approverA: SignedInUser;
  let backupA: SignedInUser;
  let approverB: SignedInUser;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    ({ roles, applicationId } = await loadSpot(t.ctx));
    orgA = await createOrganization(t.ctx, applicationId, { legalName: 'Bayside Pediatrics', tin: '59-7654321' });
    orgB = await createOrganization(t.ctx, applicationId, { legalName: 'Northshore Cardiology' });
    [helpDesk, approverA, backupA, approverB] = [
      await signedInUser(t.app, t.ctx, t.clock),
      await signedInUser(t.app, t.ctx, t.clock),
      await signedInUser(t.app, t.ctx, t.clock),
      await signedInUser(t.app, t.ctx, t.clock),
    ];
    await grantRole(t.ctx, await idOf(t.ctx, helpDesk.userId), roles.help_desk!);
    await grantRole(t.ctx, await idOf(t.ctx, approverA.userId), roles.approver!, orgA.id);
    await grantRole(t.ctx, await idOf(t.ctx, backupA.userId), roles.backup_approver!, orgA.id);
    await grantRole(t.ctx, await idOf(t.ctx, approverB.userId), roles.approver!, orgB.id);
  });
  afterAll(async () => t.close());

  const submit = (who: SignedInUser, body: Record<string, unknown>) =>
    who.client.post('/api/v1/role-requests', { reason: 'Access to Medicare data', ...body });
  const decide = (who: SignedInUser, id: string, decision: 'approve' | 'reject', comment?: string) =>
    who.client.post(`/api/v1/role-requests/${id}/decision`, { decision, ...(comment ? { comment } : {}) });
  const templatesTo = async (email: string) =>
    (
      await t.ctx.database.db
        .selectFrom('outbox')
        .select(['template', 'body_text'])
        .where('recipient', '=', email)
        .orderBy('id')
        .execute()
    ).map((row) => row.template);

  it('routes an end-user request to every approver of the organization, with a confirmation number', async () => {
    const requester = await signedInUser(t.app, t.ctx, t.clock);
    const response = await submit(requester, { roleId: roles.end_user!.id, organizationId: orgA.id });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body.trackingNumber).toMatch(/^RR-2026-\d{6}$/);
    expect(body).toMatchObject({
      status: 'pending',
      routedTo: 'org_approvers',
      organization: { legalName: 'Bayside Pediatrics', maskedTin: '•••••4321' },
    });
    const confirmation = await t.ctx.database.db
      .selectFrom('outbox')
      .select('body_text')
      .where('recipient', '=', requester.email)
      .where('template', '=', 'role_request.submitted')
      .executeTakeFirstOrThrow();
    expect(confirmation.body_text).toContain(body.trackingNumber);
    for (const approver of [approverA, backupA])
      expect(await templatesTo(approver.email)).toContain('role_request.awaiting_decision');
    expect(await templatesTo(approverB.email)).not.toContain('role_request.awaiting_decision');
    expect(await templatesTo(helpDesk.email)).not.toContain('role_request.awaiting_decision');
  });

  it('routes approver requests to the help desk', async () => {
    const requester = await signedInUser(t.app, t.ctx, t.clock);
    const response = await submit(requester, { roleId: roles.backup_approver!.id, organizationId: orgA.id });
    expect(response.json()).toMatchObject({ routedTo: 'help_desk' });
    expect(await templatesTo(helpDesk.email)).toContain('role_request.awaiting_decision');
    const listed = (await helpDesk.client.get('/api/v1/role-requests/pending-approvals')).json().items as { id: string }[];
    expect(listed.map((item) => item.id)).toContain(response.json().id);
    const notListed = (await approverA.client.get('/api/v1/role-requests/pending-approvals')).json().items as { id: string }[];
    expect(notListed.map((item) => item.id)).not.toContain(response.json().id);
  });

  it('routes requests for an organization without approvers to the help desk, and flags it', async () => {
    const orphan = await createOrganization(t.ctx, applicationId, { legalName: 'Lonely Clinic' });
    const requester = await signedInUser(t.app, t.ctx, t.clock);
    const response = await submit(requester, { roleId: roles.end_user!.id, organizationId: orphan.id });
    expect(response.json()).toMatchObject({ routedTo: 'help_desk', organization: { orphaned: true } });
    expect((await t.ctx.organizations.getOrganization(t.ctx.database.db, orphan.id)).orphanedSince).not.toBeNull();
  });

  // Only PostgreSQL has row locks: SQLite's one connection makes every statement wait its turn.
  it.runIf(dialect === 'postgres')('shows a request while a decision holds it locked: reading takes no lock', async () => {
    const requester = await signedInUser(t.app, t.ctx, t.clock);
    const { id } = (await submit(requester, { roleId: roles.end_user!.id, organizationId: orgA.id })).json();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const decision = t.ctx.database.transaction(async (trx) => {
      await lockRequest(trx, 'postgres', id);
      locked();
      await held;
    });
    await isLocked;
    const waited = new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 5_000));
    const answer = await Promise.race([requester.client.get(`/api/v1/role-requests/${id}`), waited]);
    release();
    await decision;
    expect(answer === 'still waiting' ? answer : answer.statusCode).toBe(200);
  });

  it('grants the role on approval, once: the first decision wins', async () => {
    const requester = await signedInUser(t.app, t.ctx, t.clock);
    const { id } = (await submit(requester, { roleId: roles.end_user!.id, organizationId: orgA.id })).json();
    const approved = await decide(approverA, id, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
    const second = await decide(backupA, id, 'reject', 'Too late');
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('role_request.already_decided');
    const held = (await requester.client.get('/api/v1/me/roles')).json().assignments as {
      role: { code: string };
      organization: { id: string };
      status: string;
    }[];
    expect(held).toEqual([
      expect.objectContaining({
        role: expect.objectContaining({ code: 'end_user' }),
        organization: expect.objectContaining({ id: orgA.id }),
        status: 'active',
      }),
    ]);
    expect(await templatesTo(requester.email)).toContain('role_request.decided');
  });

  it('gives exactly one decision when two approvers decide at the same moment, every time', async () => {
    const rounds = 100;
    for (let round = 0; round < rounds; round++) {
      const requester = await signedInUser(t.app, t.ctx, t.clock);
      const { id } = (await submit(requester, { roleId: roles.end_user!.id, organizationId: orgA.id })).json();
      const answers = await Promise.all([decide(approverA, id, 'approve'), decide(backupA, id, 'reject', 'No')]);
      expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
      const row = await t.ctx.database.db
        .selectFrom('role_requests')
        .select(['status', 'decided_by'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const grants = await t.ctx.database.db.selectFrom('role_assignments').select('id').where('request_id', '=', id).execute();
      expect(grants.length).toBe(row.status === 'approved' ? 1 : 0);
      const decisions = await t.ctx.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', id)
        .where('action', 'in', ['role_request.approved', 'role_request.rejected'])
        .execute();
      expect(decisions).toHaveLength(1);
    }
  }, 240_000);

  it('refuses self-approval, and a rejection without a comment', async () => {
    const own = (await submit(backupA, { roleId: roles.end_user!.id, organizationId: orgA.id })).json();
    const self = await decide(backupA, own.id, 'approve');
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('role_request.self_decision');
    const noComment = await decide(approverA, own.id, 'reject');
    expect(noComment.json().error.code).toBe('role_request.comment_required');
    expect((await decide(approverA, own.id, 'reject', 'Already has access as backup approver')).statusCode).toBe(200);
  });

  it('hides a request from approvers of another organization', async () => {
    const requester = await signedInUser(t.app, t.ctx, t.clock);
    const { id } = (await submit(requester, { roleId: roles.end_user!.id, organizationId: orgA.id })).json();
    for (const response of [await approverB.client.get(`/api/v1/role-requests/${id}`), await decide(approverB, id, 'approve')]) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('resource.not_found');
    }
    const page = (await approverB.client.get('/api/v1/role-requests/pending-approvals')).json().items as { id: string }[];
    expect(page.map((item) => item.id)).not.toContain(id);
  });

  it('refuses duplicates: a role already held or already asked for', async () => {
    const requester = await signedInUser(t.app, t.ctx, t.clock);
    const first = await submit(requester, { roleId: roles.end_user!.id, organizationId: orgB.id });
    expect(first.statusCode).toBe(201);
    const again = await submit(requester, { roleId: roles.end_user!.id, organizationId: orgB.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('role_request.duplicate');
    await decide(approverB, first.json().id, 'approve');
    expect((await submit(requester, { roleId: roles.end_user!.id, organizationId: orgB.id })).json().error.code).toBe(
      'role_request.duplicate',
    );
  });

  it('lets only the requester cancel a pending request', async () => {
    const requester = await signedInUser(t.app, t.ctx, t.clock);
    const { id } = (await submit(requester, { roleId: roles.end_user!.id, organizationId: orgB.id })).json();
    expect((await approverB.client.post(`/api/v1/role-requests/${id}/cancel`)).statusCode).toBe(404);
    const cancelled = await requester.client.post(`/api/v1/role-requests/${id}/cancel`);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await decide(approverB, id, 'approve')).json().error.code).toBe('role_request.already_decided');
  });

  it('keeps the holder limits on approval', async () => {
    const requester = await signedInUser(t.app, t.ctx, t.clock);
    const { id } = (await submit(requester, { roleId: roles.approver!.id, organizationId: orgB.id })).json();
    const refused = await decide(helpDesk, id, 'approve');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('assignment.limit_reached');
    expect(
      (await t.ctx.database.db.selectFrom('role_requests').select('status').where('id', '=', id).executeTakeFirstOrThrow())
        .status,
    ).toBe('pending');
  });

  it('lets an approver create the organization of an approved form that names them', async () => {
    const approver = await signedInUser(t.app, t.ctx, t.clock);
    const awaiting = await createOrganization(t.ctx, applicationId, {
      legalName: 'Sunrise Dermatology, P.A.',
      status: 'awaiting_approver',
      approverOnFile: { firstName: approver.firstName, lastName: approver.lastName, email: approver.email.toUpperCase() },
    });
    const search = async () =>
      (await approver.client.get('/api/v1/applications/SPOT/organizations?q=sunrise')).json().items as unknown[];
    expect(await search()).toEqual([]);
    const mismatch = await submit(approver, {
      roleId: roles.approver!.id,
      newOrganization: { submitterId: awaiting.submitterId, legalName: 'Sunset Dermatology' },
    });
    expect(mismatch.json().error.code).toBe('role_request.new_organization_mismatch');
    const stranger = await signedInUser(t.app, t.ctx, t.clock);
    const notNamed = await submit(stranger, {
      roleId: roles.approver!.id,
      newOrganization: { submitterId: awaiting.submitterId, legalName: 'Sunrise Dermatology PA' },
    });
    expect(notNamed.json().error.code).toBe('role_request.new_organization_mismatch');
    const endUserTry = await submit(approver, { roleId: roles.end_user!.id, organizationId: awaiting.id });
    expect(endUserTry.json().error.code).toBe('role_request.organization_not_found');

    const created = await submit(approver, {
      roleId: roles.approver!.id,
      newOrganization: { submitterId: awaiting.submitterId, legalName: 'sunrise dermatology pa' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ routedTo: 'help_desk' });
    expect((await decide(helpDesk, created.json().id, 'approve')).statusCode).toBe(200);
    expect(await search()).toHaveLength(1);
  });

  it('reminds deciders at 7 and 14 days, once each, and expires the request at 30 days', async () => {
    const requester = await signedInUser(t.app, t.ctx, t.clock);
    const { id, trackingNumber } = (await submit(requester, { roleId: roles.end_user!.id, organizationId: orgB.id })).json();
    const reminders = async () =>
      (await t.ctx.database.db.selectFrom('outbox').select('subject').where('recipient', '=', approverB.email).execute()).filter(
        (row) => row.subject.includes(trackingNumber) && row.subject.startsWith('Reminder'),
      ).length;
    await t.ctx.scheduler.runNow('role_requests.sweep');
    expect(await reminders()).toBe(0);
    t.clock.advance({ days: 7 });
    await t.ctx.scheduler.runNow('role_requests.sweep');
    await t.ctx.scheduler.runNow('role_requests.sweep');
    expect(await reminders()).toBe(1);
    t.clock.advance({ days: 7 });
    await t.ctx.scheduler.runNow('role_requests.sweep');
    await t.ctx.scheduler.runNow('role_requests.sweep');
    expect(await reminders()).toBe(2);
    t.clock.advance({ days: 16 });
    await t.ctx.scheduler.runNow('role_requests.sweep');
    await t.ctx.scheduler.runNow('role_requests.sweep');
    // A month later the requester's session is long gone: read the request itself.
    expect(
      (await t.ctx.database.db.selectFrom('role_requests').select('status').where('id', '=', id).executeTakeFirstOrThrow())
        .status,
    ).toBe('expired');
    const expiredMail = await t.ctx.database.db
      .selectFrom('outbox')
      .select('template')
      .where('recipient', '=', requester.email)
      .where('subject', 'like', `%${trackingNumber}%expired%`)
      .execute();
    expect(expiredMail).toHaveLength(1);
    expect(await reminders()).toBe(2);
  });

  it('never shows a full TIN in an answer or an email', async () => {
    const everything = await t.ctx.database.db.selectFrom('outbox').select('body_text').execute();
    expect(everything.some((row) => row.body_text.includes('7654321'))).toBe(false);
    const page = await approverA.client.get('/api/v1/role-requests/pending-approvals?limit=100');
    expect(page.body).not.toContain('7654321');
  });
});

/*
 * Each request and role answer lists what the caller may do with it (`allowedActions`), from the
 * same policy the server enforces: every action listed is accepted, every action not listed is
 * refused, for the requester, an approver of the organization, another organization's approver
 * and the help desk.
 */
describe.each(testDialects())('the actions each answer offers, and what the server then accepts, on %s', (dialect) => {
  let t: TestApp;
  let roles: Record<string, Role>;
  let orgA: Organization;
  let people: Record<'requester' | 'approverA' | 'approverB' | 'helpDesk', SignedInUser>;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    let applicationId: string;
    ({ roles, applicationId } = await loadSpot(t.ctx));
    orgA = await createOrganization(t.ctx, applicationId, { legalName: 'Bayside Pediatrics' });
    const orgB = await createOrganization(t.ctx, applicationId, { legalName: 'Northshore Cardiology' });
    people = {
      requester: await signedInUser(t.app, t.ctx, t.clock),
      approverA: await signedInUser(t.app, t.ctx, t.clock),
      approverB: await signedInUser(t.app, t.ctx, t.clock),
      helpDesk: await signedInUser(t.app, t.ctx, t.clock),
    };
    await grantRole(t.ctx, await idOf(t.ctx, people.approverA.userId), roles.approver!, orgA.id);
    await grantRole(t.ctx, await idOf(t.ctx, people.approverB.userId), roles.approver!, orgB.id);
    await grantRole(t.ctx, await idOf(t.ctx, people.helpDesk.userId), roles.help_desk!);
  });
  afterAll(async () => t.close());

  const actionsOn = async (who: SignedInUser, id: string): Promise<string[] | 'hidden'> => {
    const response = await who.client.get(`/api/v1/role-requests/${id}`);
    return response.statusCode === 404 ? 'hidden' : (response.json().allowedActions as string[]);
  };
  const attempt = (who: SignedInUser, id: string, action: string) =>
    action === 'cancel'
      ? who.client.post(`/api/v1/role-requests/${id}/cancel`)
      : who.client.post(`/api/v1/role-requests/${id}/decision`, { decision: action, comment: 'Checked' });

  it('offers a pending request’s decision to its deciders and its cancel to its requester, and nothing to others', async () => {
    const submitted = await people.requester.client.post('/api/v1/role-requests', {
      roleId: roles.end_user!.id,
      organizationId: orgA.id,
      reason: 'Access to Medicare data',
    });
    const { id, allowedActions } = submitted.json();
    expect(allowedActions).toEqual(['cancel']);
    expect(await actionsOn(people.requester, id)).toEqual(['cancel']);
    expect(await actionsOn(people.approverA, id)).toEqual(['approve', 'reject']);
    expect(await actionsOn(people.approverB, id)).toBe('hidden');
    expect(await actionsOn(people.helpDesk, id)).toBe('hidden');
    const listed = (await people.approverA.client.get('/api/v1/role-requests/pending-approvals')).json().items;
    expect(listed.find((item: { id: string }) => item.id === id).allowedActions).toEqual(['approve', 'reject']);
    const mine = (await people.requester.client.get('/api/v1/me/requests')).json().items;
    expect(mine.find((item: { id: string }) => item.id === id).allowedActions).toEqual(['cancel']);

    // What is not offered is refused, and changes nothing.
    for (const [who, action] of [
      [people.requester, 'approve'],
      [people.approverA, 'cancel'],
      [people.approverB, 'approve'],
      [people.helpDesk, 'reject'],
    ] as const) {
      expect((await attempt(who, id, action)).statusCode, `${action}`).toBeGreaterThanOrEqual(400);
    }
    expect(await actionsOn(people.approverA, id)).toEqual(['approve', 'reject']);

    // What is offered is accepted; then nothing is offered to anyone.
    const approved = await attempt(people.approverA, id, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().allowedActions).toEqual([]);
    expect(await actionsOn(people.requester, id)).toEqual([]);
    expect(await actionsOn(people.approverA, id)).toEqual([]);
    expect((await attempt(people.requester, id, 'cancel')).json().error.code).toBe('role_request.already_decided');
  });

  it('offers Remove on a held role, and nothing on a removed one', async () => {
    const myRoles = async () => (await people.requester.client.get('/api/v1/me/roles')).json().assignments;
    const held = (await myRoles()).find((assignment: { status: string }) => assignment.status === 'active');
    expect(held.allowedActions).toEqual(['remove']);
    const removed = await people.requester.client.post(`/api/v1/assignments/${held.id}/remove`, { reason: 'No longer needed' });
    expect(removed.statusCode, removed.body).toBe(204);
    const after = (await myRoles()).find((assignment: { id: string }) => assignment.id === held.id);
    expect(after).toMatchObject({ status: 'removed', allowedActions: [] });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import type { Assignment } from '../../server/modules/assignments/assignments.service.js';
import { systemActor } from '../../server/shared/actor.js';
import type { Organization } from '../../server/modules/organizations/organizations.service.js';
import { lastMessageTo, signedInAdministrator, signedInUser, type SignedInUser } from '../helpers/accounts.js';
import { createOrganization, grantRole, idOf, loadSpot, userNamed } from '../helpers/organizations.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';
import { insertPeople } from './certification-support.js';

describe.each(testDialects())('role assignments on %s', (dialect) => {
  let t: TestApp;
  let roles: Record<string, Role>;
  let applicationId: string;
  let orgA: Organization;
  let orgB: Organization;
  let admin: SignedInUser;
  let helpDesk: SignedInUser;
  let approverA: SignedInUser;
  let approverB: SignedInUser;
  let backupA: SignedInUser;
  let stranger: SignedInUser;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    ({ roles, applicationId } = await loadSpot(t.ctx));
    orgA = await createOrganization(t.ctx, applicationId, { legalName: 'Bayside Pediatrics', tin: '59-1234567' });
    orgB = await createOrganization(t.ctx, applicationId, { legalName: 'Northshore Cardiology' });
    admin = await signedInAdministrator(t.app, t.ctx, t.clock);
    [helpDesk, approverA, approverB, backupA, stranger] = [
      await signedInUser(t.app, t.ctx, t.clock),
      await signedInUser(t.app, t.ctx, t.clock),
      await signedInUser(t.app, t.ctx, t.clock),
      await signedInUser(t.app, t.ctx, t.clock),
      await signedInUser(t.app, t.ctx, t.clock),
    ];
    const made = await admin.client.post('/api/v1/admin/help-desk', { userId: helpDesk.userId, applicationCode: 'SPOT' });
    expect(made.statusCode, made.body).toBe(201);
    await grantRole(t.ctx, await idOf(t.ctx, approverA.userId), roles.approver!, orgA.id);
    await grantRole(t.ctx, await idOf(t.ctx, approverB.userId), roles.approver!, orgB.id);
    await grantRole(t.ctx, await idOf(t.ctx, backupA.userId), roles.backup_approver!, orgA.id);
  });
  afterAll(async () => t.close());

  it('removes many roles in one step: an audit entry and an email for each one removed, a changed one left alone, an organization without approvers orphaned', async () => {
    const clinic = await createOrganization(t.ctx, applicationId, { legalName: 'Gulf Coast Clinic' });
    const people = await insertPeople(t.ctx, 4);
    const endUsers: Assignment[] = [];
    for (const person of people.slice(0, 3)) endUsers.push(await grantRole(t.ctx, person.id, roles.end_user!, clinic.id));
    const approver = await grantRole(t.ctx, people[3]!.id, roles.approver!, clinic.id);
    // Another organization loses its approver but keeps its backup: it is not an orphan.
    const pharmacy = await createOrganization(t.ctx, applicationId, { legalName: 'Tamarind Dialysis Partners' });
    const [pharmacyApprover, pharmacyBackup] = await insertPeople(t.ctx, 2);
    const otherApprover = await grantRole(t.ctx, pharmacyApprover!.id, roles.approver!, pharmacy.id);
    await grantRole(t.ctx, pharmacyBackup!.id, roles.backup_approver!, pharmacy.id);
    // The third end user's role changed after it was read: the removal must leave it alone.
    const stale = { ...endUsers[2]!, version: endUsers[2]!.version - 1 };

    const removed = await t.ctx.database.transaction((trx) =>
      t.ctx.assignments.removeManyInTransaction(trx, systemActor, [endUsers[0]!, endUsers[1]!, stale, approver, otherApprover], {
        kind: 'administrator',
        reason: 'Clinic closed',
        by: null,
      }),
    );

    const expected = [endUsers[0]!.id, endUsers[1]!.id, approver.id, otherApprover.id].sort();
    expect([...removed].sort()).toEqual(expected);
    const audited = await t.ctx.database.db
      .selectFrom('audit_log')
      .select('target_id')
      .where('action', '=', 'role.removed')
      .where('target_id', 'in', [...expected, stale.id])
      .execute();
    expect(audited.map((row) => row.target_id).sort()).toEqual(expected);
    const emailed = await t.ctx.database.db
      .selectFrom('outbox')
      .select(['recipient', 'body_text'])
      .where('template', '=', 'role.removed')
      .where(
        'recipient',
        'in',
        people.map((person) => person.email),
      )
      .execute();
    expect(emailed.map((row) => row.recipient).sort()).toEqual([people[0]!.email, people[1]!.email, people[3]!.email].sort());
    expect(emailed.every((row) => row.body_text.includes('Clinic closed') && row.body_text.includes('Gulf Coast Clinic'))).toBe(
      true,
    );
    const left = await t.ctx.database.db
      .selectFrom('role_assignments')
      .select('status')
      .where('id', '=', stale.id)
      .executeTakeFirstOrThrow();
    expect(left.status).toBe('active');
    expect((await t.ctx.organizations.getOrganization(t.ctx.database.db, clinic.id)).orphanedSince).not.toBeNull();
    expect((await t.ctx.organizations.getOrganization(t.ctx.database.db, pharmacy.id)).orphanedSince).toBeNull();
    expect((await t.ctx.audit.verify(t.ctx.database.db)).ok).toBe(true);
  });

  it('lets only administrators make help desk staff', async () => {
    const refused = await stranger.client.post('/api/v1/admin/help-desk', { userId: stranger.userId, applicationCode: 'SPOT' });
    expect(refused.statusCode).toBe(403);
    expect(await t.ctx.assignments.helpDeskApplicationIds(t.ctx.database.db, await idOf(t.ctx, helpDesk.userId))).toEqual([
      applicationId,
    ]);
  });

  it('dates the first certification one certification period after the grant', async () => {
    const holder = await signedInUser(t.app, t.ctx, t.clock);
    const granted = await grantRole(t.ctx, await idOf(t.ctx, holder.userId), roles.end_user!, orgA.id);
    expect(granted.establishedAt).toBe(t.clock.now().toISOString());
    expect(Date.parse(granted.certificationDueAt ?? '') - Date.parse(granted.establishedAt)).toBe(365 * 86_400_000);
    const helpDeskHolding = (await t.ctx.assignments.listForUser(await userNamed(t.ctx, helpDesk.userId), { limit: 100 }))
      .items[0];
    expect(helpDeskHolding?.certificationDueAt).toBeNull();
  });

  it('refuses a role already held, and more holders than the role allows', async () => {
    const holder = await signedInUser(t.app, t.ctx, t.clock);
    const id = await idOf(t.ctx, holder.userId);
    await grantRole(t.ctx, id, roles.end_user!, orgB.id);
    await expect(grantRole(t.ctx, id, roles.end_user!, orgB.id)).rejects.toMatchObject({ code: 'assignment.already_held' });
    await expect(grantRole(t.ctx, id, roles.approver!, orgA.id)).rejects.toMatchObject({ code: 'assignment.limit_reached' });
    for (let i = 0; i < 2; i++) {
      const backup = await signedInUser(t.app, t.ctx, t.clock);
      await grantRole(t.ctx, await idOf(t.ctx, backup.userId), roles.backup_approver!, orgA.id);
    }
    await expect(grantRole(t.ctx, id, roles.backup_approver!, orgA.id)).rejects.toMatchObject({
      code: 'assignment.limit_reached',
    });
  });

  async function endUserOfA(): Promise<{ holder: SignedInUser; assignmentId: string }> {
    const holder = await signedInUser(t.app, t.ctx, t.clock);
    const granted = await grantRole(t.ctx, await idOf(t.ctx, holder.userId), roles.end_user!, orgA.id);
    return { holder, assignmentId: granted.id };
  }

  const remove = (who: SignedInUser, assignmentId: string, reason = 'No longer works here') =>
    who.client.post(`/api/v1/assignments/${assignmentId}/remove`, { reason });

  it("lets the holder, the organization's approvers, the help desk and administrators remove an end-user role", async () => {
    for (const [remover, kind] of [
      ['holder', 'holder'],
      [approverA, 'approver'],
      [backupA, 'approver'],
      [helpDesk, 'help_desk'],
      [admin, 'administrator'],
    ] as const) {
      const { holder, assignmentId } = await endUserOfA();
      const response = await remove(remover === 'holder' ? holder : remover, assignmentId);
      expect(response.statusCode, `${kind}: ${response.body}`).toBe(204);
      const roleList = (await holder.client.get('/api/v1/me/roles')).json().assignments as {
        id: string;
        status: string;
        removalKind: string;
        removalReason: string;
      }[];
      expect(roleList.find((item) => item.id === assignmentId)).toMatchObject({
        status: 'removed',
        removalKind: kind,
        removalReason: 'No longer works here',
      });
      const email = await lastMessageTo(t.ctx, holder.email);
      expect(email.template).toBe('role.removed');
      expect(email.text).toContain('Bayside Pediatrics');
    }
  });

  it('hides an end-user role from approvers of another organization and from strangers', async () => {
    const { assignmentId } = await endUserOfA();
    for (const outsider of [approverB, stranger]) {
      const response = await remove(outsider, assignmentId);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('resource.not_found');
    }
  });

  it('does not let approvers remove an approver role, and requires a reason', async () => {
    const approverAssignment = (await t.ctx.assignments.listForUser(await userNamed(t.ctx, approverA.userId), { limit: 100 }))
      .items[0]!;
    expect((await remove(backupA, approverAssignment.id)).statusCode).toBe(404);
    const { holder, assignmentId } = await endUserOfA();
    expect((await remove(holder, assignmentId, '   ')).json().error.code).toBe('assignment.reason_required');
    expect((await holder.client.post(`/api/v1/assignments/${assignmentId}/remove`, {})).statusCode).toBe(400);
  });

  it('flags an organization without approvers as an orphan, and clears the flag when one is granted', async () => {
    const orgC = await createOrganization(t.ctx, applicationId, { legalName: 'Orphan Test Clinic' });
    const approver = await signedInUser(t.app, t.ctx, t.clock);
    const granted = await grantRole(t.ctx, await idOf(t.ctx, approver.userId), roles.approver!, orgC.id);
    expect((await t.ctx.organizations.getOrganization(t.ctx.database.db, orgC.id)).orphanedSince).toBeNull();
    expect((await remove(helpDesk, granted.id, 'Left the practice')).statusCode).toBe(204);
    expect((await t.ctx.organizations.getOrganization(t.ctx.database.db, orgC.id)).orphanedSince).toBe(
      t.clock.now().toISOString(),
    );
    await grantRole(t.ctx, await idOf(t.ctx, approver.userId), roles.backup_approver!, orgC.id);
    expect((await t.ctx.organizations.getOrganization(t.ctx.database.db, orgC.id)).orphanedSince).toBeNull();
  });

  it('finds active organizations for signed-in people, showing only the last digits of the TIN', async () => {
    const response = await stranger.client.get('/api/v1/applications/SPOT/organizations?q=bayside');
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual([
      {
        id: orgA.id,
        submitterId: orgA.submitterId,
        legalName: 'Bayside Pediatrics',
        maskedTin: '•••••4567',
        location: 'FL',
        status: 'active',
      },
    ]);
    expect(response.body).not.toContain('1234567');
    const visitor = await t.app.inject({ method: 'GET', url: '/api/v1/applications/SPOT/organizations?q=bayside' });
    expect(visitor.statusCode).toBe(401);
  });
});

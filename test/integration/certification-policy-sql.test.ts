import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import { certifiersOf } from '../../server/modules/certification/certification.policy.js';
import { createOrganization, grantRole, loadSpot } from '../helpers/organizations.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { seeded } from '../helpers/seeded-random.js';
import { testDialects } from '../helpers/test-database.js';
import { dueInDays, insertPeople } from './certification-support.js';

/*
 * The certification list finds what a person may certify with one SQL filter (`certifiableBy`),
 * while the sweep and the reminders ask the policy (`certifiersOf`) item by item. Both must give
 * the same answer: random worlds of organizations, approvers, backups, help desk staff, end users
 * and orphaned organizations are built, and for every person the list is compared with the
 * policy applied to the raw assignments.
 */
describe.each(testDialects())('the certification list filter and the certification policy on %s', (dialect) => {
  let t: TestContext;
  let roles: Record<string, Role>;
  let applicationId: string;

  beforeAll(async () => {
    t = await createTestContext({ dialect });
    ({ roles, applicationId } = await loadSpot(t.ctx));
  });
  afterAll(async () => t.close());

  async function activeAssignments() {
    return t.ctx.database.db
      .selectFrom('role_assignments')
      .select(['id', 'user_id', 'role_id', 'organization_id', 'application_id'])
      .where('status', '=', 'active')
      .where('certification_due_at', 'is not', null)
      .execute();
  }

  /** Who each item goes to by the policy, from the raw rows: the organization's approvers, else the help desk. */
  async function byPolicy(): Promise<Map<string, Set<string>>> {
    const rows = await activeAssignments();
    const roleById = new Map(Object.values(roles).map((role) => [role.id, role]));
    const approverRoleIds = new Set([roles.approver!.id, roles.backup_approver!.id]);
    const allActive = await t.ctx.database.db
      .selectFrom('role_assignments')
      .select(['user_id', 'role_id', 'organization_id'])
      .where('status', '=', 'active')
      .execute();
    const helpDesk = allActive.filter((row) => row.role_id === roles.help_desk!.id).map((row) => row.user_id);
    const mine = new Map<string, Set<string>>();
    for (const row of rows) {
      const role = roleById.get(row.role_id);
      if (!role) continue;
      const approvers = allActive
        .filter((other) => other.organization_id === row.organization_id && approverRoleIds.has(other.role_id))
        .map((other) => other.user_id);
      const found = certifiersOf(
        { holderId: row.user_id, applicationId: row.application_id, organizationId: row.organization_id, role },
        approvers,
        helpDesk,
      );
      for (const userId of found?.userIds ?? []) {
        if (!mine.has(userId)) mine.set(userId, new Set());
        mine.get(userId)?.add(row.id);
      }
    }
    return mine;
  }

  it('agree for every person, over random worlds with orphans', async () => {
    let compared = 0;
    const seen = { items: 0, asHelpDesk: 0 };
    for (const seed of [7, 19, 31, 43]) {
      const random = seeded(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
      const organizations = [];
      for (let index = 0; index < 4; index++) organizations.push(await createOrganization(t.ctx, applicationId));
      const people = await insertPeople(t.ctx, 10);
      const grantable = [roles.end_user!, roles.end_user!, roles.approver!, roles.backup_approver!, roles.help_desk!];
      for (let grant = 0; grant < 28; grant++) {
        const role = pick(grantable);
        const organizationId = role.scope === 'application' ? '' : pick(organizations).id;
        // Holder limits and duplicates refuse some grants, as they would in the app.
        await grantRole(t.ctx, pick(people).id, role, organizationId).catch(() => undefined);
      }
      // Some roles are removed, which orphans some organizations and hands their end users to the help desk.
      const removed = (await activeAssignments()).filter(() => random() < 0.25).map((row) => row.id);
      if (removed.length > 0) {
        await t.ctx.database.db.updateTable('role_assignments').set({ status: 'removed' }).where('id', 'in', removed).execute();
      }
      await t.ctx.database.db
        .updateTable('role_assignments')
        .set({ certification_due_at: dueInDays(t.ctx, 10) })
        .where('status', '=', 'active')
        .where('certification_due_at', 'is not', null)
        .execute();

      const policy = await byPolicy();
      for (const person of people) {
        const listed = await t.ctx.certification.list({ id: person.id, isAdministrator: false }, { limit: 1000 });
        const fromSql = new Set(listed.items.map((item) => item.assignmentId));
        expect([...fromSql].sort(), `seed ${seed}, ${person.userId}`).toEqual([...(policy.get(person.id) ?? [])].sort());
        compared += 1;
        seen.items += listed.items.length;
        seen.asHelpDesk += listed.items.filter((item) => item.certifiedAs === 'help_desk').length;
      }
    }
    expect(compared).toBe(40);
    // The worlds are not trivial: people certify things, and orphans' end users reach the help desk.
    expect(seen.items).toBeGreaterThan(20);
    expect(seen.asHelpDesk).toBeGreaterThan(0);
  });
});

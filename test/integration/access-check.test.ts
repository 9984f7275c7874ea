import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessQuestion } from '../../server/modules/access/access.service.js';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import type { Organization } from '../../server/modules/organizations/organizations.service.js';
import { systemActor } from '../../server/shared/actor.js';
import { newId } from '../../server/shared/ids.js';
import { createOrganization, grantRole, loadSpot } from '../helpers/organizations.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';
import { dueInDays, insertPeople, setDue, type Person } from './certification-support.js';

describe.each(testDialects())('the access check on %s', (dialect) => {
  let t: TestContext;
  let roles: Record<string, Role>;
  let applicationId: string;
  let clinic: Organization;
  let other: Organization;

  beforeAll(async () => {
    t = await createTestContext({ dialect });
    ({ roles, applicationId } = await loadSpot(t.ctx));
    clinic = await createOrganization(t.ctx, applicationId, { legalName: 'Coral Gables Imaging' });
    other = await createOrganization(t.ctx, applicationId, { legalName: 'Tampa Bay Dialysis' });
  });
  afterAll(async () => t.close());

  const person = async (): Promise<Person> => (await insertPeople(t.ctx, 1))[0]!;
  const ask = (userId: string, roleCode: string, organizationId = clinic.id, application = applicationId) =>
    t.ctx.access.evaluate({ userId, applicationId: application, roleCode, organizationId } satisfies AccessQuestion);

  it('allows a role held in the organization, and nowhere else', async () => {
    const holder = await person();
    await grantRole(t.ctx, holder.id, roles.end_user!, clinic.id);
    expect(await ask(holder.id, 'end_user')).toEqual({ decision: true, reason: 'role_held' });
    expect(await ask(holder.id, 'end_user', other.id)).toEqual({ decision: false, reason: 'role_not_held' });
    expect(await ask(holder.id, 'approver')).toEqual({ decision: false, reason: 'role_not_held' });
    expect(await ask(holder.id, 'no_such_role')).toEqual({ decision: false, reason: 'role_not_held' });
    expect(await ask(holder.id, 'end_user', clinic.id, newId())).toEqual({ decision: false, reason: 'role_not_held' });
  });

  it('gives an approver end-user access, as the catalog says the role includes it, and not the reverse', async () => {
    const approver = await person();
    const backup = await person();
    await grantRole(t.ctx, approver.id, roles.approver!, clinic.id);
    await grantRole(t.ctx, backup.id, roles.backup_approver!, clinic.id);
    expect(await ask(approver.id, 'end_user')).toEqual({ decision: true, reason: 'role_held' });
    expect(await ask(approver.id, 'approver')).toEqual({ decision: true, reason: 'role_held' });
    expect(await ask(backup.id, 'end_user')).toEqual({ decision: true, reason: 'role_held' });
    expect(await ask(backup.id, 'approver')).toEqual({ decision: false, reason: 'role_not_held' });
    expect(await ask(approver.id, 'end_user', other.id)).toEqual({ decision: false, reason: 'role_not_held' });
  });

  it('answers an application-wide role for the empty organization only', async () => {
    const staff = await person();
    await grantRole(t.ctx, staff.id, roles.help_desk!);
    expect(await ask(staff.id, 'help_desk', '')).toEqual({ decision: true, reason: 'role_held' });
    expect(await ask(staff.id, 'help_desk', clinic.id)).toEqual({ decision: false, reason: 'role_not_held' });
  });

  it('denies a removed role at once', async () => {
    const holder = await person();
    const assignment = await grantRole(t.ctx, holder.id, roles.end_user!, clinic.id);
    expect((await ask(holder.id, 'end_user')).decision).toBe(true);
    await t.ctx.database.transaction((trx) =>
      t.ctx.assignments.removeInTransaction(trx, systemActor, assignment, { kind: 'administrator', reason: 'left', by: null }),
    );
    expect(await ask(holder.id, 'end_user')).toEqual({ decision: false, reason: 'role_not_held' });
  });

  it('denies a role whose certification due day has ended, before the expiry sweep removes it', async () => {
    const holder = await person();
    const assignment = await grantRole(t.ctx, holder.id, roles.end_user!, clinic.id);
    await setDue(t.ctx, assignment.id, dueInDays(t.ctx, 0));
    expect(await ask(holder.id, 'end_user')).toEqual({ decision: true, reason: 'role_held' });
    await setDue(t.ctx, assignment.id, dueInDays(t.ctx, -1));
    expect(await ask(holder.id, 'end_user')).toEqual({ decision: false, reason: 'certification_expired' });

    // Due today: held until the day ends in the program's time zone, refused the next day.
    const later = await person();
    const due = await grantRole(t.ctx, later.id, roles.end_user!, clinic.id);
    await setDue(t.ctx, due.id, dueInDays(t.ctx, 0));
    t.clock.advance({ days: 1 });
    try {
      expect(await ask(later.id, 'end_user')).toEqual({ decision: false, reason: 'certification_expired' });
    } finally {
      t.clock.advance({ days: -1 });
    }
  });

  it('denies every role of a disabled account and of an unknown user', async () => {
    const holder = await person();
    await grantRole(t.ctx, holder.id, roles.end_user!, clinic.id);
    await t.ctx.database.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', holder.id).execute();
    expect(await ask(holder.id, 'end_user')).toEqual({ decision: false, reason: 'subject_inactive' });
    expect(await ask(newId(), 'end_user')).toEqual({ decision: false, reason: 'subject_unknown' });
  });
});

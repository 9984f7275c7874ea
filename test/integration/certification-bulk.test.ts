import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import { errorOf, signedInUser, type SignedInUser } from '../helpers/accounts.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';
import { decide, dueInDays, insertAssignments, insertPeople, setDue } from './certification-support.js';

const ITEMS = 10_000;

describe.each(testDialects())('bulk certification on %s', (dialect) => {
  let t: TestApp;
  let roles: Record<string, Role>;
  let approver: SignedInUser;
  let ids: string[];
  let dueAt: string;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    let applicationId: string;
    ({ roles, applicationId } = await loadSpot(t.ctx));
    const org = await createOrganization(t.ctx, applicationId, { legalName: 'Ten Thousand Physicians Group' });
    approver = await signedInUser(t.app, t.ctx, t.clock);
    await grantRole(t.ctx, await idOf(t.ctx, approver.userId), roles.approver!, org.id);
    dueAt = dueInDays(t.ctx, 5);
    // Written in bulk, as an import would: the point is the decision, not the setup.
    ids = await t.ctx.database.transaction(async (trx) => {
      const holders = await insertPeople(t.ctx, ITEMS, {}, trx);
      return insertAssignments(
        t.ctx,
        roles.end_user!,
        org.id,
        holders.map((holder) => holder.id),
        dueAt,
        trx,
      );
    });
  }, 300_000);
  afterAll(async () => t.close());

  const counts = async () => ({
    decisions: Number(
      (
        await t.ctx.database.db
          .selectFrom('certification_decisions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    stillDue: Number(
      (
        await t.ctx.database.db
          .selectFrom('role_assignments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('certification_due_at', '=', dueAt)
          .where('status', '=', 'active')
          .executeTakeFirstOrThrow()
      ).n,
    ),
    audit: Number(
      (
        await t.ctx.database.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });

  it('refuses a selection of 10,000 when one item is not due, and changes nothing', async () => {
    const before = await counts();
    const last = ids.at(-1)!;
    await setDue(t.ctx, last, dueInDays(t.ctx, 200));
    const response = await decide(approver.client, { outcome: 'certify', assignmentIds: ids });
    expect(errorOf(response)).toMatchObject({ status: 409, code: 'certification.not_due', details: { assignmentIds: [last] } });
    await setDue(t.ctx, last, dueAt);
    expect(await counts()).toEqual(before);
  }, 300_000);

  it('refuses the whole list when one item was decided meanwhile, and changes nothing', async () => {
    const before = await counts();
    const first = ids[0]!;
    // As if the expiry sweep had decided this due date a moment before: the unique index refuses the batch.
    await t.ctx.database.db
      .insertInto('certification_decisions')
      .values({
        id: 'decided-meanwhile',
        assignment_id: first,
        application_id: roles.end_user!.applicationId,
        organization_id: '',
        role_id: roles.end_user!.id,
        holder_id: (
          await t.ctx.database.db
            .selectFrom('role_assignments')
            .select('user_id')
            .where('id', '=', first)
            .executeTakeFirstOrThrow()
        ).user_id,
        certifier_id: null,
        outcome: 'expired',
        acknowledgement_version: null,
        due_at: dueAt,
        next_due_at: null,
        decided_at: t.clock.now().toISOString(),
      })
      .execute();
    const response = await decide(approver.client, { outcome: 'certify', all: true });
    expect(errorOf(response)).toMatchObject({ status: 409, code: 'certification.already_decided' });
    await t.ctx.database.db.deleteFrom('certification_decisions').where('id', '=', 'decided-meanwhile').execute();
    expect(await counts()).toEqual(before);
  }, 300_000);

  it('certifies the whole list of 10,000 in one transaction', async () => {
    const before = await counts();
    const response = await decide(approver.client, { outcome: 'certify', all: true });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().count).toBe(ITEMS);
    const after = await counts();
    expect(after.decisions - before.decisions).toBe(ITEMS);
    expect(after.stillDue).toBe(0);
    expect(after.audit - before.audit).toBe(ITEMS);
    // One decision time for all: they were written by one transaction.
    const times = await t.ctx.database.db
      .selectFrom('certification_decisions')
      .select(['decided_at', 'next_due_at', 'acknowledgement_version'])
      .distinct()
      .where('outcome', '=', 'certified')
      .execute();
    expect(times).toEqual([
      {
        decided_at: response.json().decidedAt,
        next_due_at: new Date(new Date(response.json().decidedAt).getTime() + 365 * 86_400_000).toISOString(),
        acknowledgement_version: 1,
      },
    ]);
    const certified = await t.ctx.database.db
      .selectFrom('certification_decisions')
      .select('assignment_id')
      .where('outcome', '=', 'certified')
      .execute();
    expect(new Set(certified.map((row) => row.assignment_id))).toEqual(new Set(ids));
    expect((await t.ctx.audit.verify(t.ctx.database.db)).ok).toBe(true);
  }, 300_000);
});

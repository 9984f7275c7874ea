import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interpolatedPercentile } from '../../server/modules/requests/request-report.js';
import { ManualClock } from '../../server/shared/clock.js';
import { ApiClient } from '../helpers/api-client.js';
import { errorOf, signedInAdministrator, signedInUser, type SignedInUser } from '../helpers/accounts.js';
import { addApplicationLikeSpot, createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { reportData, type ApplicationRoles } from '../helpers/report-data.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

/*
 * The program report, for administrators, on generated data whose answers are known: requests per
 * ISO week in the program's time zone (America/New_York, where a week starts at 05:00 UTC in
 * winter), the median and 90th percentile hours to decision, certification completion per
 * application and the organizations most overdue, and orphan organizations.
 *
 * Now is Wednesday 9 December 2026, 10:00 in New York: the week in progress is 2026-W50
 * (7–13 December), after W49 (30 November – 6 December) and W48 (23–29 November).
 */
const NOW = '2026-12-09T15:00:00.000Z';

describe('interpolated percentiles', () => {
  const of = (values: number[], p: number) => interpolatedPercentile(values.length, p, (rank) => values[rank - 1]);

  it('interpolate between the ranks around (n - 1)p + 1, as percentile_cont does', () => {
    expect(of([], 0.5)).toBeNull();
    expect(of([5], 0.5)).toBe(5);
    expect(of([5], 0.9)).toBe(5);
    expect(of([2, 6], 0.5)).toBe(4);
    expect(of([2, 6], 0.9)).toBeCloseTo(5.6);
    expect(of([1, 2, 3, 4, 10], 0.5)).toBe(3);
    expect(of([1, 2, 3, 4, 10], 0.9)).toBeCloseTo(7.6);
    expect(of([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
  });
});

describe.each(testDialects())('the program report on %s', (dialect) => {
  let t: TestApp;
  let admin: SignedInUser;
  let helpDesk: SignedInUser;
  let person: SignedInUser;
  let spot: ApplicationRoles;
  let other: ApplicationRoles;
  let data: ReturnType<typeof reportData>;
  const organizations: Record<string, string> = {};

  const report = async (query = '') => {
    const response = await admin.client.get(`/api/v1/admin/program-report${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    t = await createTestApp({ dialect, clock: new ManualClock(NOW) });
    const loaded = await loadSpot(t.ctx);
    spot = { id: loaded.applicationId, roles: loaded.roles };
    await addApplicationLikeSpot(t.ctx, 'OTHER');
    const otherApp = await t.ctx.catalog.getApplication('OTHER');
    other = { id: otherApp.id, roles: Object.fromEntries(otherApp.roles.map((role) => [role.code, role])) };
    admin = await signedInAdministrator(t.app, t.ctx, t.clock);
    helpDesk = await signedInUser(t.app, t.ctx, t.clock, { firstName: 'Casey', lastName: 'Marsh' });
    person = await signedInUser(t.app, t.ctx, t.clock, { firstName: 'Robin', lastName: 'Vale' });
    data = reportData(t.ctx);
    // The help desk's own role: nobody certifies it, so it has no due date.
    await grantRole(t.ctx, await idOf(t.ctx, helpDesk.userId), spot.roles.help_desk!);
    for (const [key, applicationId, legalName] of [
      ['a', spot.id, 'Alder Clinic'],
      ['b', spot.id, 'Birch Clinic'],
      ['c', spot.id, 'Cedar Clinic'],
      ['d', other.id, 'Dogwood Clinic'],
    ] as const) {
      organizations[key] = (await createOrganization(t.ctx, applicationId, { legalName, submitterId: `S90000${key}` })).id;
    }
  });
  afterAll(async () => t.close());

  it('counts requests per ISO week of the program time zone, and the hours to decision', async () => {
    // Before the three weeks: neither submitted nor closed in them.
    await data.request(spot, organizations.a!, '2026-11-15T12:00:00.000Z', 'approved', '2026-11-22T12:00:00.000Z');
    await data.request(spot, organizations.a!, '2026-11-20T12:00:00.000Z', 'pending');
    // W48: submitted before it, expired in it; one rejected after 5 hours.
    await data.request(spot, organizations.a!, '2026-11-22T12:00:00.000Z', 'expired', '2026-11-24T12:00:00.000Z');
    await data.request(spot, organizations.a!, '2026-11-25T10:00:00.000Z', 'rejected', '2026-11-25T15:00:00.000Z');
    // The last millisecond of W48 (Sunday 23:59:59.999 in New York), cancelled in W49.
    await data.request(spot, organizations.a!, '2026-11-30T04:59:59.999Z', 'cancelled', '2026-11-30T06:00:00.000Z');
    // W49: its first millisecond, then four more, decided after 1, 2, 3, 4 and 10 hours.
    await data.request(spot, organizations.a!, '2026-11-30T05:00:00.000Z', 'approved', '2026-11-30T06:00:00.000Z');
    await data.request(spot, organizations.a!, '2026-12-01T10:00:00.000Z', 'approved', '2026-12-01T12:00:00.000Z');
    await data.request(spot, organizations.a!, '2026-12-02T10:00:00.000Z', 'approved', '2026-12-02T13:00:00.000Z');
    await data.request(spot, organizations.a!, '2026-12-03T10:00:00.000Z', 'approved', '2026-12-03T14:00:00.000Z');
    await data.request(spot, organizations.a!, '2026-12-04T10:00:00.000Z', 'rejected', '2026-12-04T20:00:00.000Z');
    // Submitted late on Sunday in New York (W49), approved at the first instant of W50, 2 hours on.
    await data.request(spot, organizations.a!, '2026-12-07T03:00:00.000Z', 'approved', '2026-12-07T05:00:00.000Z');
    // W50: rejected after 6 hours, one expired, one still pending.
    await data.request(spot, organizations.a!, '2026-12-08T10:00:00.000Z', 'rejected', '2026-12-08T16:00:00.000Z');
    await data.request(spot, organizations.a!, '2026-12-08T11:00:00.000Z', 'expired', '2026-12-09T12:00:00.000Z');
    await data.request(spot, organizations.a!, '2026-12-09T14:00:00.000Z', 'pending');

    const body = await report('?weeks=3');
    expect(body.asOf).toBe(NOW);
    expect(body.timeZone).toBe('America/New_York');
    expect(body.requests).toEqual([
      {
        week: '2026-W48',
        start: '2026-11-23',
        end: '2026-11-29',
        current: false,
        submitted: 2,
        approved: 0,
        rejected: 1,
        cancelled: 0,
        expired: 1,
        decided: 1,
        medianHours: 5,
        p90Hours: 5,
      },
      {
        week: '2026-W49',
        start: '2026-11-30',
        end: '2026-12-06',
        current: false,
        submitted: 6,
        approved: 4,
        rejected: 1,
        cancelled: 1,
        expired: 0,
        decided: 5,
        medianHours: 3,
        p90Hours: 7.6,
      },
      {
        week: '2026-W50',
        start: '2026-12-07',
        end: '2026-12-13',
        current: true,
        submitted: 3,
        approved: 1,
        rejected: 1,
        cancelled: 0,
        expired: 1,
        decided: 2,
        medianHours: 4,
        p90Hours: 5.6,
      },
    ]);

    // Twelve weeks unless asked: the same three last, and before them the requests of W46 and W47.
    const twelve = await report();
    expect(twelve.requests).toHaveLength(12);
    expect(twelve.requests.slice(9)).toEqual(body.requests);
    expect(twelve.requests[0]).toMatchObject({ week: '2026-W39', start: '2026-09-21', end: '2026-09-27' });
    for (const week of twelve.requests.slice(0, 7)) {
      expect(week).toMatchObject({ submitted: 0, approved: 0, decided: 0, medianHours: null, p90Hours: null });
    }
    expect(twelve.requests[7]).toMatchObject({ week: '2026-W46', submitted: 1, decided: 0, medianHours: null });
    // Approved a week after it was submitted: 168 hours.
    expect(twelve.requests[8]).toMatchObject({
      week: '2026-W47',
      submitted: 2,
      approved: 1,
      decided: 1,
      medianHours: 168,
      p90Hours: 168,
    });
    // One week: the week in progress alone.
    expect((await report('?weeks=1')).requests).toEqual([body.requests[2]]);
  });

  it('counts completion per application: up to date, due within the window, overdue', async () => {
    const windowDays = t.ctx.config.certification.windowDays;
    // Overdue: due yesterday in New York (the day ended). Due: today, and within the window.
    // Up to date: due after the window's last day.
    const overdue = '2026-12-08T17:00:00.000Z';
    const dueToday = '2026-12-09T17:00:00.000Z';
    const dueSoon = '2026-12-30T17:00:00.000Z';
    const later = new Date(Date.parse(dueToday) + (windowDays + 2) * 86_400_000).toISOString();
    const { a, b, c, d } = organizations as Record<'a' | 'b' | 'c' | 'd', string>;
    for (const [application, organizationId, dueAt, count] of [
      [spot, a, overdue, 3],
      [spot, a, dueToday, 1],
      [spot, a, later, 2],
      [spot, b, overdue, 1],
      [spot, b, later, 1],
      [spot, c, dueSoon, 2],
      [other, d, overdue, 2],
    ] as const) {
      for (let index = 0; index < count; index++) await data.holding(application, organizationId, dueAt);
    }
    // Neither a removed role nor a role without a due date counts (the help desk's own role,
    // granted in beforeAll, is one nobody certifies).
    await data.holding(spot, c, overdue, { status: 'removed' });
    await data.holding(other, d, null);

    const body = await report();
    expect(body.completion.windowDays).toBe(windowDays);
    const application = (id: string, code: string, name: string) => ({ id, code, name, nameEs: expect.any(String) });
    expect(body.completion.applications).toEqual([
      // Sorted by name: "Application OTHER" before "SPOT".
      { application: application(other.id, 'OTHER', 'Application OTHER'), upToDate: 0, due: 0, overdue: 2, total: 2 },
      { application: application(spot.id, 'SPOT', 'SPOT'), upToDate: 3, due: 3, overdue: 4, total: 10 },
    ]);
    expect(
      body.completion.organizations.map((row: { organization: { legalName: string }; application: { code: string } }) => [
        row.organization.legalName,
        row.application.code,
      ]),
    ).toEqual([
      ['Alder Clinic', 'SPOT'],
      ['Dogwood Clinic', 'OTHER'],
      ['Birch Clinic', 'SPOT'],
    ]);
    expect(body.completion.organizations[0]).toEqual({
      organization: { id: a, submitterId: 'S90000a', legalName: 'Alder Clinic' },
      application: application(spot.id, 'SPOT', 'SPOT'),
      upToDate: 2,
      due: 1,
      overdue: 3,
      total: 6,
    });
    expect(body.completion.organizations[1]).toMatchObject({ upToDate: 0, due: 0, overdue: 2, total: 2 });
    expect(body.completion.organizations[2]).toMatchObject({ upToDate: 1, due: 0, overdue: 1, total: 2 });
  });

  it('lists at most 20 organizations, most overdue first, then in the order they were made', async () => {
    const made: string[] = [];
    for (let index = 0; index < 20; index++) {
      const organization = await createOrganization(t.ctx, other.id, { legalName: `Elm Clinic ${index + 1}` });
      made.push(organization.id);
      await data.holding(other, organization.id, '2026-12-01T17:00:00.000Z');
    }
    const body = await report();
    const listed = body.completion.organizations.map(
      (row: { organization: { legalName: string } }) => row.organization.legalName,
    );
    expect(listed).toHaveLength(20);
    expect(listed).toEqual([
      'Alder Clinic',
      'Dogwood Clinic',
      'Birch Clinic',
      ...Array.from({ length: 17 }, (_, index) => `Elm Clinic ${index + 1}`),
    ]);
    expect(body.completion.applications[0]).toMatchObject({ overdue: 22, total: 22 });
  });

  it('counts orphan organizations per application and lists the 10 orphaned longest', async () => {
    expect((await report()).orphans).toEqual({
      total: 0,
      applications: [
        { application: expect.objectContaining({ code: 'OTHER' }), count: 0 },
        { application: expect.objectContaining({ code: 'SPOT' }), count: 0 },
      ],
      longest: [],
    });
    const orphaned: { name: string; since: string; application: string }[] = [];
    for (let index = 0; index < 12; index++) {
      const inSpot = index % 4 === 0;
      // Made newest-orphaned first, so the list's order is not the order they were made in.
      const since = new Date(Date.parse('2026-11-30T12:00:00.000Z') - index * 7 * 86_400_000).toISOString();
      const name = `Orphan Clinic ${index + 1}`;
      await createOrganization(t.ctx, inSpot ? spot.id : other.id, { legalName: name, orphanedSince: since });
      orphaned.push({ name, since, application: inSpot ? 'SPOT' : 'OTHER' });
    }
    const { orphans } = await report();
    expect(orphans.total).toBe(12);
    expect(
      orphans.applications.map((row: { application: { code: string }; count: number }) => [row.application.code, row.count]),
    ).toEqual([
      ['OTHER', 9],
      ['SPOT', 3],
    ]);
    const longest = [...orphaned].sort((x, y) => x.since.localeCompare(y.since)).slice(0, 10);
    expect(
      orphans.longest.map((row: { legalName: string; orphanedSince: string; application: { code: string } }) => ({
        name: row.legalName,
        since: row.orphanedSince,
        application: row.application.code,
      })),
    ).toEqual(longest);
    expect(orphans.longest[0].legalName).toBe('Orphan Clinic 12');
  });

  it('refuses the help desk and everyone else who is not an administrator (403), and a visitor (401)', async () => {
    for (const caller of [helpDesk, person]) {
      const response = await caller.client.get('/api/v1/admin/program-report');
      expect(errorOf(response)).toMatchObject({ status: 403, code: 'auth.forbidden' });
    }
    const visitor = await new ApiClient(t.app).start();
    expect(errorOf(await visitor.get('/api/v1/admin/program-report'))).toMatchObject({ status: 401, code: 'auth.required' });
  });

  it('refuses a number of weeks that is not a whole number from 1 to 52 (400), naming the field', async () => {
    for (const query of ['?weeks=0', '?weeks=53', '?weeks=abc', '?weeks=2.5', '?weeks=-1', '?weeks=']) {
      const error = errorOf(await admin.client.get(`/api/v1/admin/program-report${query}`));
      expect(error, query).toMatchObject({ status: 400, code: 'request.invalid' });
      expect(error.details, query).toMatchObject({ fields: [expect.objectContaining({ field: 'querystring/weeks' })] });
    }
    const unknown = errorOf(await admin.client.get('/api/v1/admin/program-report?weeks=3&extra=1'));
    expect(unknown).toMatchObject({ status: 400, code: 'request.invalid' });
    expect(unknown.details).toMatchObject({ fields: [{ field: 'querystring', rule: 'additionalProperties' }] });
    expect((await report('?weeks=52')).requests).toHaveLength(52);
  });
});

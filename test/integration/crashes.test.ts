import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import { ManualClock } from '../../server/shared/clock.js';
import { signedInUser, type SignedInUser } from '../helpers/accounts.js';
import { bulkRequestState, checkInvariants, type BulkRequest } from '../helpers/invariants.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { seeded } from '../helpers/seeded-random.js';
import { startRolecallProcess, type RolecallProcess } from '../helpers/server-process.js';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp-capture.js';
import { createTestApp, ownConnectionConfig, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';
import { dueInDays, insertAssignments, insertPeople } from './certification-support.js';

const KILLS = process.env.ROLECALL_LONG_CHECKS ? 8 : 3;
/** The kill delays are drawn from this seed: set ROLECALL_CRASH_SEED to replay another run. */
const SEED = Number(process.env.ROLECALL_CRASH_SEED ?? 20_260_302);
const BULK_ITEMS = 2_000;
const OVERDUE = 3_000;
/**
 * Emails a round. The relay greets each connection after a tenth of a second and the server opens
 * one per message, so a round of 200 takes half a minute: the long run has more rounds of fewer.
 */
const EMAILS = process.env.ROLECALL_LONG_CHECKS ? 30 : 200;
/** Kills are drawn over a little more than the work's length, so a few land just after it. */
const KILL_SPAN = 1.2;

const sleep = (ms: number) => new Promise((wait) => setTimeout(wait, ms));

/**
 * Kill delays drawn from the seed over the work's length as measured. A kill that finds the work
 * already done shortens that length: the machine, shared, may be quicker now than when measured.
 */
function killDelays(random: () => number, measuredMs: number) {
  let workMs = measuredMs;
  let last = 0;
  return {
    next: () => (last = random() * workMs * KILL_SPAN),
    foundDone: () => (workMs = Math.min(workMs, last)),
  };
}

/**
 * A browser's side of the JSON API over real HTTP: it keeps the cookies and sends the CSRF token
 * the server last handed out. The session lives in the database, so it outlives the process
 * that opened it: the client only needs the address of the process now serving.
 */
class HttpClient {
  private readonly cookies = new Map<string, string>();
  private csrfToken: string | undefined;

  constructor(public baseUrl: string) {}

  async request(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: Record<string, unknown> }> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method !== 'GET' && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const set of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = set.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const expired = value === '' || attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    const json = (/\bjson\b/.test(response.headers.get('content-type') ?? '') && text ? JSON.parse(text) : {}) as Record<
      string,
      unknown
    >;
    if (typeof json.csrfToken === 'string') this.csrfToken = json.csrfToken;
    return { status: response.status, json };
  }

  post(path: string, body: unknown) {
    return this.request('POST', path, body);
  }
}

/** Signs in with user ID, password and the authenticator app's code of this moment, over HTTP. */
async function signInOverHttp(client: HttpClient, user: SignedInUser): Promise<void> {
  await client.request('GET', '/api/v1/session');
  const step = await client.post('/api/v1/sign-in', { userId: user.userId, password: user.password, acceptTerms: true });
  expect(step.status, JSON.stringify(step.json)).toBe(200);
  const factors = (step.json.session as { factors: { id: string; kind: string }[] }).factors;
  const totp = factors.find((factor) => factor.kind === 'totp')!;
  const code = await generate({ secret: user.totpSecret, epoch: Math.floor(Date.now() / 1000) });
  const verified = await client.post('/api/v1/sign-in/mfa/verify', { factorId: totp.id, code });
  expect(verified.status, JSON.stringify(verified.json)).toBe(200);
}

/** What one scenario saw, printed at its end. */
interface Tally {
  kills: number;
  midWork: number;
  /** Kills that left an email claimed but not marked sent: the only places a duplicate may come from. */
  killsDuringDelivery: number;
  failures: string[];
  duplicatesBefore: number;
  duplicates: number;
}

describe.each(testDialects())('the server killed mid-work, on %s', (dialect) => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let certifier: SignedInUser;
  let roles: Record<string, Role>;
  let bulkOrganizationId: string;
  let sweepOrganizationId: string;
  let serverEnv: Record<string, string>;
  let running: RolecallProcess | undefined;
  const bulkRequests: BulkRequest[] = [];
  const leftSending = new Set<string>();
  const written = new Set<string>();
  let duplicatesSoFar = 0;

  beforeAll(async () => {
    // The processes run on the real clock: the data is arranged around now. The authenticator app
    // is enrolled five minutes back, so that signing in over HTTP uses a code never used before.
    t = await createTestApp({ dialect, clock: new ManualClock(new Date(Date.now() - 5 * 60_000).toISOString()) });
    smtp = await startSmtpCapture();
    let applicationId: string;
    ({ applicationId, roles } = await loadSpot(t.ctx));
    certifier = await signedInUser(t.app, t.ctx, t.clock);
    t.clock.set(new Date().toISOString());
    const bulkOrganization = await createOrganization(t.ctx, applicationId, { legalName: 'Bulk Certification Clinic' });
    const sweepOrganization = await createOrganization(t.ctx, applicationId, { legalName: 'Overdue Roles Clinic' });
    bulkOrganizationId = bulkOrganization.id;
    sweepOrganizationId = sweepOrganization.id;
    const certifierId = await idOf(t.ctx, certifier.userId);
    await grantRole(t.ctx, certifierId, roles.approver!, bulkOrganizationId);
    await grantRole(t.ctx, certifierId, roles.approver!, sweepOrganizationId);

    const config = ownConnectionConfig(t);
    serverEnv = {
      ROLECALL_DATABASE_URL: config.database.kind === 'sqlite' ? `sqlite:${config.database.file}` : config.database.url,
      ROLECALL_SECRET_KEY: config.secretKey.toString('base64'),
      ROLECALL_DATA_DIR: config.dataDir,
      ROLECALL_JOBS: 'true',
      ROLECALL_JOBS_INTERVAL_SECONDS: '1',
      ROLECALL_SMTP_HOST: '127.0.0.1',
      ROLECALL_SMTP_PORT: String(smtp.port),
    };
  }, 120_000);

  afterAll(async () => {
    await running?.kill();
    await smtp?.close();
    await t?.close();
  });

  const db = () => t.ctx.database.db;

  async function start(env: Record<string, string> = serverEnv): Promise<RolecallProcess> {
    running = await startRolecallProcess(env);
    return running;
  }

  /**
   * After a kill, with no process running: notes the emails the dead process had claimed and not
   * marked sent, and lets its five-minute lease run out, as the minutes after a crash would, so
   * that the next process takes them over. Answers whether it had any.
   */
  async function afterKill(): Promise<boolean> {
    const claimed = await db().selectFrom('outbox').select('id').where('status', '=', 'sending').execute();
    for (const row of claimed) leftSending.add(row.id);
    if (claimed.length === 0) return false;
    await db()
      .updateTable('outbox')
      .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
      .where('status', '=', 'sending')
      .execute();
    return true;
  }

  /**
   * Waits until every email is out: none waiting, none being sent. Gives up once half a minute
   * passes with no progress, leaving what is stuck to the invariants to name.
   */
  async function emailsSettled(): Promise<void> {
    let fewest = Infinity;
    let progressAt = Date.now();
    for (;;) {
      const waiting = await db()
        .selectFrom('outbox')
        .select('id')
        .where('channel', '=', 'email')
        .where('status', 'in', ['pending', 'sending'])
        .execute();
      if (waiting.length === 0) return;
      if (waiting.length < fewest) [fewest, progressAt] = [waiting.length, Date.now()];
      if (Date.now() - progressAt > 30_000) return;
      await sleep(100);
    }
  }

  async function check(tally: Tally): Promise<void> {
    const report = await checkInvariants(db(), t.ctx.audit, {
      bulkRequests,
      received: smtp.messages,
      leftSending,
      written,
    });
    tally.failures.push(...report.failures);
    duplicatesSoFar = report.duplicates;
    tally.duplicates = duplicatesSoFar - tally.duplicatesBefore;
  }

  function newTally(): Tally {
    return { kills: 0, midWork: 0, killsDuringDelivery: 0, failures: [], duplicatesBefore: duplicatesSoFar, duplicates: 0 };
  }

  function report(scenario: string, tally: Tally, seed: number): void {
    console.log(
      `crash ${scenario} (${dialect}): ${tally.kills} kills, ${tally.midWork} mid-work, ` +
        `${tally.failures.length} invariant failures, ${tally.duplicates} duplicate emails`,
    );
    expect(tally.failures, `seed ${seed}`).toEqual([]);
    expect(tally.kills).toBe(KILLS);
    // Otherwise the kills proved nothing: each landed before or after the work.
    expect(tally.midWork, `seed ${seed}`).toBeGreaterThan(0);
    expect(tally.duplicates).toBeLessThanOrEqual(tally.killsDuringDelivery);
  }

  /** Holders, each with an active end-user role in an organization, due at `dueAt`: the ids of the roles. */
  async function arrangeRoles(count: number, organizationId: string, dueAt: string): Promise<string[]> {
    return t.ctx.database.transaction(async (trx) => {
      const holders = await insertPeople(t.ctx, count, {}, trx);
      return insertAssignments(
        t.ctx,
        roles.end_user!,
        organizationId,
        holders.map((holder) => holder.id),
        dueAt,
        trx,
      );
    });
  }

  it('leaves a bulk certification whole or undone, and a retry after the restart finishes it', async () => {
    const seed = SEED + 1;
    const random = seeded(seed);
    const tally = newTally();
    let server = await start();
    const client = new HttpClient(server.url);
    await signInOverHttp(client, certifier);
    const version = (await client.request('GET', '/api/v1/certifications/acknowledgement')).json.version as number;
    const decide = (body: Record<string, unknown>) =>
      client.post('/api/v1/certifications/decisions', {
        outcome: 'certify',
        acknowledged: true,
        acknowledgementVersion: version,
        ...body,
      });

    // One request to the end first: how long the work takes is what the kills are spread over.
    const dueAt = dueInDays(t.ctx, 5);
    const firstIds = await arrangeRoles(BULK_ITEMS, bulkOrganizationId, dueAt);
    bulkRequests.push({ label: 'measured', assignmentIds: firstIds, dueAt });
    const started = performance.now();
    const whole = await decide({ all: true });
    const delays = killDelays(random, performance.now() - started);
    expect(whole.status, JSON.stringify(whole.json)).toBe(200);
    expect(whole.json.count).toBe(BULK_ITEMS);

    for (let round = 1; round <= KILLS; round += 1) {
      const ids = await arrangeRoles(BULK_ITEMS, bulkOrganizationId, dueAt);
      const request: BulkRequest = { label: `round ${round}`, assignmentIds: ids, dueAt };
      bulkRequests.push(request);
      // The whole list one round, the selection by id the next: both paths lock and write the same way.
      let answered = false;
      const sent = decide(round % 2 === 1 ? { all: true } : { assignmentIds: ids }).then(
        () => (answered = true),
        () => undefined,
      );
      await sleep(delays.next());
      const inFlight = !answered;
      await server.kill();
      await sent;
      tally.kills += 1;
      if (inFlight) tally.midWork += 1;
      else delays.foundDone();
      if (await afterKill()) tally.killsDuringDelivery += 1;

      server = await start();
      client.baseUrl = server.url;
      const state = await bulkRequestState(db(), request);
      if (Array.isArray(state)) tally.failures.push(...state);
      // The client did not hear back, so it sends the same selection again: it goes through
      // whole if nothing had committed, and is refused, changing nothing, if all of it had.
      const retry = await decide({ assignmentIds: ids });
      const expected = state === 'none' ? 200 : 409;
      if (retry.status !== expected) {
        tally.failures.push(`round ${round}: the retry after a crash that left it ${String(state)} answered ${retry.status}`);
      }
      if ((await bulkRequestState(db(), request)) !== 'all') tally.failures.push(`round ${round}: not certified after the retry`);
      await emailsSettled();
      await check(tally);
    }
    await server.stop();
    running = undefined;
    report('bulk certification', tally, seed);
  }, 900_000);

  it('sends every email at least once, and twice only where a kill fell between the relay and the outbox', async () => {
    const seed = SEED + 3;
    const random = seeded(seed);
    const tally = newTally();
    let server = await start();
    await emailsSettled();

    /** Writes a round of emails for the running server to find; answers their addresses. */
    async function writeEmails(round: number): Promise<Set<string>> {
      const addresses = Array.from({ length: EMAILS }, (_, index) => `crash.${round}.${index}@example.test`);
      await t.ctx.database.transaction((trx) =>
        t.ctx.notifications.enqueueEmails(
          trx,
          addresses.map((to) => ({
            to,
            language: 'en' as const,
            template: 'account.password_changed' as const,
            params: { firstName: 'Riley', userId: to },
          })),
        ),
      );
      const rows = await db().selectFrom('outbox').select('id').where('recipient', 'like', `crash.${round}.%`).execute();
      for (const row of rows) written.add(row.id);
      return new Set(addresses);
    }
    /** Waits for the first of them to reach the relay: delivery has begun. */
    async function deliveryBegun(addresses: Set<string>): Promise<number> {
      const deadline = Date.now() + 60_000;
      while (!smtp.messages.some((message) => message.to.some((to) => addresses.has(to)))) {
        if (Date.now() > deadline) throw new Error(`no email delivered\n${server.stderr()}`);
        await sleep(2);
      }
      return performance.now();
    }
    const unsent = async (round: number) =>
      (
        await db()
          .selectFrom('outbox')
          .select('id')
          .where('recipient', 'like', `crash.${round}.%`)
          .where('status', '!=', 'sent')
          .execute()
      ).length;

    const begun = await deliveryBegun(await writeEmails(0));
    await emailsSettled();
    const delays = killDelays(random, performance.now() - begun);

    for (let round = 1; round <= KILLS; round += 1) {
      const addresses = await writeEmails(round);
      await deliveryBegun(addresses);
      await sleep(delays.next());
      await server.kill();
      tally.kills += 1;
      if ((await unsent(round)) > 0) tally.midWork += 1;
      else delays.foundDone();
      if (await afterKill()) tally.killsDuringDelivery += 1;

      server = await start();
      await emailsSettled();
      const left = await unsent(round);
      if (left > 0) tally.failures.push(`round ${round}: ${left} of its emails not sent after the restart`);
      await check(tally);
    }
    await server.stop();
    running = undefined;
    report('outbox delivery', tally, seed);
  }, 900_000);

  it('removes each overdue role once, with its decision, audit entries and email, whenever the sweep is killed', async () => {
    const seed = SEED + 2;
    const random = seeded(seed);
    const tally = newTally();
    // The certification sweep every second. No relay: the emails it writes (thousands a round,
    // more than a relay that takes a tenth of a second each can take) wait in the outbox, where
    // the invariants count one per removal; the email scenario delivers others.
    const sweepEnv = {
      ...Object.fromEntries(Object.entries(serverEnv).filter(([name]) => !name.startsWith('ROLECALL_SMTP_'))),
      ROLECALL_SWEEP_INTERVAL_SECONDS: '1',
    };
    const dueAt = dueInDays(t.ctx, -3);
    const sweepRun = () =>
      db()
        .selectFrom('job_runs')
        .select(['runs', 'last_started_at', 'last_finished_at'])
        .where('name', '=', 'certification.sweep')
        .executeTakeFirst();
    const stillActive = async (ids: readonly string[]) => {
      let active = 0;
      for (let start = 0; start < ids.length; start += 500) {
        const rows = await db()
          .selectFrom('role_assignments')
          .select('id')
          .where('id', 'in', ids.slice(start, start + 500))
          .where('status', '=', 'active')
          .execute();
        active += rows.length;
      }
      return active;
    };
    /**
     * Waits for the server's next sweep to begin (its run recorded): the first to find roles
     * written before. Answers when, and the run's start as the server recorded it.
     */
    async function sweepBegun(server: RolecallProcess): Promise<{ at: number; startedAt: string }> {
      const before = (await sweepRun())?.runs ?? 0;
      const deadline = Date.now() + 60_000;
      for (;;) {
        const run = await sweepRun();
        if (run && run.runs > before) return { at: performance.now(), startedAt: run.last_started_at ?? '' };
        if (Date.now() > deadline) throw new Error(`no sweep began\n${server.stderr()}`);
        await sleep(5);
      }
    }
    /** Waits until the roles are removed, or half a minute passes with none removed. */
    async function removed(ids: readonly string[]): Promise<number> {
      let fewest = Infinity;
      let progressAt = Date.now();
      for (;;) {
        const active = await stillActive(ids);
        if (active === 0) return 0;
        if (active < fewest) [fewest, progressAt] = [active, Date.now()];
        if (Date.now() - progressAt > 30_000) return active;
        await sleep(20);
      }
    }

    // The kill is timed from the sweep that finds the roles: one that began after they were written.
    // The work is measured on a server that has swept once already, as the servers killed have.
    // It is timed by the run's finish, read from one row: counting the roles as they go would slow it.
    let server = await start(sweepEnv);
    await sweepBegun(server);
    const measured = await arrangeRoles(OVERDUE, sweepOrganizationId, dueAt);
    const begun = await sweepBegun(server);
    while (((await sweepRun())?.last_finished_at ?? '') < begun.startedAt) await sleep(5);
    const delays = killDelays(random, performance.now() - begun.at);
    expect(await removed(measured)).toBe(0);

    for (let round = 1; round <= KILLS; round += 1) {
      const ids = await arrangeRoles(OVERDUE, sweepOrganizationId, dueAt);
      await sweepBegun(server);
      await sleep(delays.next());
      await server.kill();
      tally.kills += 1;
      if ((await stillActive(ids)) > 0) tally.midWork += 1;
      else delays.foundDone();

      // The restart's sweeps finish what the killed one left.
      server = await start(sweepEnv);
      const left = await removed(ids);
      if (left > 0) tally.failures.push(`round ${round}: ${left} overdue roles still active after the restart`);
      await check(tally);
    }
    await server.stop();
    running = undefined;
    report('expiry sweep', tally, seed);
  }, 900_000);
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousSession, signInFirstTime, type HttpSession } from '../../bench/lib/http-session.js';
import { ManualClock } from '../../server/shared/clock.js';
import { systemActor } from '../../server/shared/actor.js';
import { registerVerifiedUser } from '../helpers/accounts.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { startRolecallProcess, type RolecallProcess } from '../helpers/server-process.js';
import { createTestApp, ownConnectionConfig, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

/** How long the mixed workload runs, in seconds: minutes when CI asks for the long run; ROLECALL_LOAD_SECONDS to choose. */
const SECONDS = Number(process.env.ROLECALL_LOAD_SECONDS ?? (process.env.ROLECALL_LONG_CHECKS ? 120 : 15));
const REQUESTERS = 40;
const MB = 1024 * 1024;

function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

/*
 * A mixed workload against a server process for a while: password sign-ins, access evaluations,
 * the list pages and role-request decisions at once, the sweeps running. Every answer is the
 * expected one (no error of any kind), and the server's memory at the end is where it was after
 * the warm-up, give or take what its caches hold.
 */
describe.each(testDialects())('sustained load on %s', (dialect) => {
  let t: TestApp;
  let server: RolecallProcess;
  let approver: HttpSession;
  let bearer: string;
  const password = { userId: '', password: '' };
  const pendingRequests: string[] = [];
  let organizationId = '';
  let endUserRole = '';

  beforeAll(async () => {
    t = await createTestApp({ dialect, clock: new ManualClock(new Date().toISOString()) });
    const { applicationId, roles } = await loadSpot(t.ctx);
    endUserRole = roles.end_user!.id;
    organizationId = (await createOrganization(t.ctx, applicationId)).id;
    const approverDetails = await registerVerifiedUser(t.app, t.ctx);
    await grantRole(t.ctx, await idOf(t.ctx, approverDetails.userId), roles.approver!, organizationId);
    const signingIn = await registerVerifiedUser(t.app, t.ctx);
    Object.assign(password, { userId: signingIn.userId, password: signingIn.password });
    const { client, clientSecret } = await t.ctx.oidc.clients.create(
      { ...systemActor },
      { applicationCode: 'SPOT', name: 'SPOT access checks', kind: 'service' },
    );
    const requesters = [];
    for (let index = 0; index < REQUESTERS; index += 1) requesters.push(await registerVerifiedUser(t.app, t.ctx));

    const config = ownConnectionConfig(t);
    const databaseUrl = config.database.kind === 'postgres' ? config.database.url : `sqlite:${config.database.file}`;
    server = await startRolecallProcess({
      ROLECALL_DATABASE_URL: databaseUrl,
      ROLECALL_SECRET_KEY: config.secretKey.toString('base64'),
      ROLECALL_DATA_DIR: config.dataDir,
      ROLECALL_JOBS: 'true',
      ROLECALL_JOBS_INTERVAL_SECONDS: '5',
      ROLECALL_AUTH_RATE_LIMIT: '1000000',
    });
    approver = await signInFirstTime(server.url, approverDetails.userId, approverDetails.password);
    // The requesters ask through the server, as people would.
    for (const requester of requesters) {
      const session = await signInFirstTime(server.url, requester.userId, requester.password);
      const asked = await session.ok<{ id: string }>('POST', '/api/v1/role-requests', {
        roleId: endUserRole,
        organizationId,
        reason: 'Billing for the practice',
      });
      pendingRequests.push(asked.id);
    }
    const token = await fetch(`${server.url}/oidc/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${client.clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    bearer = ((await token.json()) as { access_token: string }).access_token;
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await t?.close();
  });

  it('answers a mixed workload without one error, its memory flat', async () => {
    const errors: string[] = [];
    const counts = { signIns: 0, evaluations: 0, lists: 0, decisions: 0 };
    const expectStatus = (what: string, status: number, expected: number[]) => {
      if (!expected.includes(status)) errors.push(`${what}: ${status}`);
    };
    const evaluation = {
      subject: { type: 'user', id: await idOf(t.ctx, password.userId) },
      action: { name: 'end_user' },
      resource: { type: 'organization', id: organizationId },
    };

    const workers: Record<keyof typeof counts, () => Promise<void>> = {
      async signIns() {
        const visitor = await anonymousSession(server.url);
        const step = await visitor.request('POST', '/api/v1/sign-in', { ...password, acceptTerms: true });
        expectStatus('sign-in', step.status, [200]);
      },
      async evaluations() {
        const response = await fetch(`${server.url}/access/v1/evaluation`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
          body: JSON.stringify(evaluation),
        });
        await response.arrayBuffer();
        expectStatus('evaluation', response.status, [200]);
      },
      async lists() {
        for (const path of ['/api/v1/certifications', '/api/v1/role-requests/pending-approvals', '/api/v1/me/roles']) {
          expectStatus(path, (await approver.request('GET', path)).status, [200]);
        }
      },
      async decisions() {
        const id = pendingRequests.shift();
        if (!id) {
          expectStatus(
            'pending approvals',
            (await approver.request('GET', '/api/v1/role-requests/pending-approvals')).status,
            [200],
          );
          return;
        }
        const decided = await approver.request('POST', `/api/v1/role-requests/${id}/decision`, { decision: 'approve' });
        expectStatus('decision', decided.status, [200]);
      },
    };

    const run = async (seconds: number) => {
      const until = Date.now() + seconds * 1000;
      await Promise.all(
        (Object.keys(workers) as (keyof typeof counts)[]).map(async (name) => {
          while (Date.now() < until) {
            try {
              await workers[name]();
              counts[name] += 1;
            } catch (error) {
              errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
            }
          }
        }),
      );
    };

    await run(3); // warm-up: caches filled, code compiled
    const startRss = rssOf(server.pid);
    await run(SECONDS);
    const endRss = rssOf(server.pid);
    console.log(
      `sustained load (${dialect}): ${SECONDS} s, ${counts.signIns} sign-ins, ${counts.evaluations} evaluations, ` +
        `${counts.lists} list rounds, ${counts.decisions} decisions; ${errors.length} errors; ` +
        `RSS ${(startRss / MB).toFixed(0)} MB after warm-up, ${(endRss / MB).toFixed(0)} MB at the end`,
    );
    expect(errors.slice(0, 20)).toEqual([]);
    // Flat: what caches hold may grow a little; a leak grows with every request.
    expect(endRss - startRss).toBeLessThan(64 * MB);
  }, 600_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../server/shared/actor.js';
import { routeLabel } from '../../server/modules/system/metrics.js';
import { passwordStep, signedInUser, startSignIn } from '../helpers/accounts.js';
import { ApiClient } from '../helpers/api-client.js';
import { grantRole, idOf, loadSpot, createOrganization } from '../helpers/organizations.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

describe('metric route labels', () => {
  it('are route patterns: one label for every hashed asset', () => {
    expect(routeLabel('/assets/index-Bx81kQ.js')).toBe('/assets/*');
    expect(routeLabel('/assets/uswds-Cc12.woff2')).toBe('/assets/*');
    expect(routeLabel('/api/v1/role-requests/:id/decision')).toBe('/api/v1/role-requests/:id/decision');
    expect(routeLabel(undefined)).toBe('unmatched');
  });
});

describe.each(testDialects())('application metrics on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
  });
  afterAll(async () => t.close());

  async function metrics(): Promise<string> {
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    return response.body;
  }

  /** The value of one series, 0 when it does not exist yet. */
  function value(text: string, series: string): number {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  }

  it('counts sign-ins by outcome, lockouts and MFA failures, once each transaction has committed', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const before = await metrics();
    t.clock.advance({ seconds: 30 });
    const { client, factors } = await startSignIn(t.app, user);
    const wrongCode = await client.post('/api/v1/sign-in/mfa/verify', { factorId: factors[0]!.id, code: '000000' });
    expect(wrongCode.statusCode).toBe(400);
    for (let attempt = 0; attempt < 3; attempt++) {
      const refused = await passwordStep(await new ApiClient(t.app).start(), {
        userId: user.userId,
        password: 'Not-The-Password-123',
      });
      expect(refused.statusCode).toBe(401);
    }
    const after = await metrics();
    const delta = (series: string) => value(after, series) - value(before, series);
    expect(delta('rolecall_sign_ins_total{outcome="failed",reason="mfa"}')).toBe(1);
    expect(delta('rolecall_mfa_failures_total{factor="mfa"}')).toBe(1);
    expect(delta('rolecall_sign_ins_total{outcome="failed",reason="password"}')).toBe(2);
    expect(delta('rolecall_lockouts_total')).toBe(1);
    expect(value(after, 'rolecall_sign_ins_total{outcome="succeeded",reason=""}')).toBeGreaterThanOrEqual(1);

    // A change that rolls back is not counted.
    await t.ctx.database
      .transaction(async (trx) => {
        await t.ctx.audit.record(trx, systemActor, { action: 'account.locked', after: {} });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(value(await metrics(), 'rolecall_lockouts_total')).toBe(value(after, 'rolecall_lockouts_total'));
  });

  it('counts removals by reason, sweep runs with their duration, and shows the outbox depth', async () => {
    const { applicationId, roles } = await loadSpot(t.ctx);
    const org = await createOrganization(t.ctx, applicationId);
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const assignment = await grantRole(t.ctx, await idOf(t.ctx, user.userId), roles.end_user!, org.id);
    const removed = await user.client.post(`/api/v1/assignments/${assignment.id}/remove`, {
      reason: 'No longer with the practice',
    });
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await t.ctx.scheduler.runNow('certification.sweep')).ran).toBe(true);

    const text = await metrics();
    expect(value(text, 'rolecall_role_removals_total{reason="holder"}')).toBe(1);
    expect(value(text, 'rolecall_sweep_runs_total{sweep="certification.sweep",outcome="ran"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'rolecall_sweep_duration_seconds_count{sweep="certification.sweep"}')).toBeGreaterThanOrEqual(1);
    // No SMTP in tests: every email so far waits in the outbox.
    const pending = await t.ctx.database.db.selectFrom('outbox').select('id').where('status', '=', 'pending').execute();
    expect(pending.length).toBeGreaterThan(0);
    expect(value(text, 'rolecall_outbox_messages{status="pending"}')).toBe(pending.length);
    expect(value(text, 'rolecall_outbox_messages{status="failed"}')).toBe(0);
    expect(text).toContain(
      'rolecall_http_request_duration_seconds_count{method="POST",route="/api/v1/assignments/:id/remove",status="204"}',
    );
  });

  it('counts role requests and certification decisions by outcome from their events', async () => {
    const read = async (series: string) => value(await t.ctx.metrics.registry.metrics(), series);
    const approvedBefore = await read('rolecall_role_requests_total{outcome="approved"}');
    const certifiedBefore = await read('rolecall_certification_decisions_total{outcome="certified"}');
    t.ctx.metrics.observeCommitted([
      { action: 'role_request.approved' },
      { action: 'role_request.reminded' },
      { action: 'certification.certified' },
      { action: 'certification.certified' },
      { action: 'certification.acknowledgement_published' },
    ]);
    expect(await read('rolecall_role_requests_total{outcome="approved"}')).toBe(approvedBefore + 1);
    expect(await read('rolecall_role_requests_total{outcome="reminded"}')).toBe(0);
    expect(await read('rolecall_certification_decisions_total{outcome="certified"}')).toBe(certifiedBefore + 2);
    expect(await read('rolecall_certification_decisions_total{outcome="acknowledgement_published"}')).toBe(0);
  });
});

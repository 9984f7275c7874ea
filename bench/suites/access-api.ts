import type { AppContext } from '../../server/context.js';
import { sideBySide } from '../lib/load.js';
import { milliseconds, perSecond, type Measurement } from '../lib/report.js';
import type { ServerProcess } from '../lib/server-process.js';
import type { LoadSettings } from './http-pages.js';
import { serviceClient } from './oidc-grants.js';

/** Questions sent in turn: the oldest current holdings, every other one moved to another organization. */
const QUESTIONS = 1000;

/**
 * The access evaluation API (`POST /access/v1/evaluation`, AuthZEN) as an application's back end
 * calls it, with a client credentials token, against the bare route in the same server, rounds
 * alternating. About half the questions are about a role held, half about another organization.
 */
export async function measureAccessApi(
  ctx: AppContext,
  server: ServerProcess,
  database: Measurement['database'],
  load: LoadSettings,
  log: (line: string) => void,
): Promise<Measurement> {
  const { authorization } = await serviceClient(ctx, 'Benchmark evaluations');
  const granted = await fetch(`${server.url}/oidc/token`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  const { access_token: token } = (await granted.json()) as { access_token: string };

  const holdings = await ctx.database.db
    .selectFrom('role_assignments as ra')
    .innerJoin('roles as r', 'r.id', 'ra.role_id')
    .select(['ra.user_id', 'r.code', 'ra.organization_id'])
    .where('ra.status', '=', 'active')
    .where('ra.organization_id', '!=', '')
    // Not past due: the oldest holdings are the overdue tenth, which would all be refused.
    .where('ra.certification_due_at', '>=', new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString())
    .orderBy('ra.id')
    .limit(QUESTIONS)
    .execute();
  const bodies = holdings.map((holding, index) => ({
    subject: { type: 'user', id: holding.user_id },
    action: { name: holding.code },
    resource: {
      type: 'organization',
      id: index % 2 === 0 ? holding.organization_id : holdings[(index * 7) % holdings.length]!.organization_id,
    },
  }));
  // The answers must be decisions, some of each: a refused token would be measured as a fast answer.
  const decisions: boolean[] = [];
  for (const body of bodies.slice(0, 20)) {
    const answer = await fetch(`${server.url}/access/v1/evaluation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (answer.status !== 200) throw new Error(`the access evaluation answered ${answer.status}`);
    decisions.push(((await answer.json()) as { decision: boolean }).decision);
  }
  if (!decisions.includes(true) || !decisions.includes(false)) throw new Error('the sampled questions are all answered alike');

  const result = await sideBySide(
    server.url,
    { path: '/healthz' },
    { path: '/access/v1/evaluation', method: 'POST', headers: { authorization: `Bearer ${token}` }, bodies },
    load,
  );
  const p99Ratio = result.measured.p99Ms / Math.max(result.baseline.p99Ms, 1);
  log(`  access evaluation API: ${result.ratio.toFixed(2)}× the bare route, p99 ${p99Ratio.toFixed(1)}× its p99`);
  return {
    id: 'access-api.throughput',
    name: 'access evaluation API (AuthZEN), one question a request',
    database,
    ratioOf: 'bare route throughput',
    ratio: result.ratio,
    target: { kind: 'at-least', value: 0.8 },
    detail:
      `${perSecond(result.measured.perSecond)} p50 ${milliseconds(result.measured.p50Ms)} p99 ${milliseconds(result.measured.p99Ms)} ` +
      `(${p99Ratio.toFixed(1)}× the bare p99; target ≤ 2×), ${bodies.length} questions in turn; bare ${perSecond(result.baseline.perSecond)} p99 ${milliseconds(result.baseline.p99Ms)}`,
  };
}

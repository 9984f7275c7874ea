import type { BenchDatabase } from '../lib/data.js';
import { anonymousSession, signInFirstTime, type HttpSession } from '../lib/http-session.js';
import { sideBySide, type Workload } from '../lib/load.js';
import { megabytes, milliseconds, perSecond, type Measurement } from '../lib/report.js';
import type { ServerProcess } from '../lib/server-process.js';

export interface LoadSettings {
  readonly seconds: number;
  readonly rounds: number;
  readonly connections: number;
}

const BARE: Workload = { path: '/healthz' };
const PAGE_TARGET = { kind: 'at-least', value: 0.5 } as const;
const REFERENCE = { kind: 'reference', value: 0 } as const;

/** The path of the page `depth` pages into a keyset-paginated list. */
async function deepPage(session: HttpSession, path: string, depth: number): Promise<string> {
  let current = path;
  for (let page = 0; page < depth; page += 1) {
    const answer = await session.ok<{ nextCursor: string | null }>('GET', current);
    if (!answer.nextCursor) return current;
    current = `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(answer.nextCursor)}`;
  }
  return current;
}

/** The user ID of the person who last asked for a role: someone with acts in the audit log. */
async function latestRequester(session: HttpSession): Promise<string> {
  const page = await session.ok<{ items: { actor: { userId: string | null } }[] }>(
    'GET',
    '/api/v1/audit/entries?action=role_request.submitted&limit=1',
  );
  const userId = page.items[0]?.actor.userId;
  if (!userId) throw new Error('the generated audit history holds no role request');
  return userId;
}

/**
 * The list pages and the organization type-ahead, each against the bare route (/healthz: the
 * same server, the same hooks, a constant answer), driven from this process while the server
 * runs in its own.
 */
export async function measurePages(
  server: ServerProcess,
  data: BenchDatabase,
  load: LoadSettings,
  log: (line: string) => void,
): Promise<{ measurements: Measurement[]; sessions: { approver: HttpSession; helpDesk: HttpSession } }> {
  const { people } = data.generated;
  const approver = await signInFirstTime(server.url, people.bigApprover.userId, people.password);
  const helpDeskPerson = people.helpDesk[0];
  if (!helpDeskPerson) throw new Error('the generated data has no help desk');
  const helpDesk = await signInFirstTime(server.url, helpDeskPerson.userId, people.password);

  // Names are a place, a specialty and a kind (bench/generator/names.ts): the whole name picks a
  // few organizations of a million, its first two words (a place) tens of thousands.
  const nameWords = people.bigOrganization.legalName.split(/[\s,]+/);
  const selective = nameWords.slice(0, 4).join(' ');
  const broad = nameWords.slice(0, 2).join(' ');
  const pages: { id: string; name: string; session: HttpSession; path: string; reference?: true }[] = [
    {
      // Not a page of the targets: the lightest signed-in route (the session, the person, one
      // row out), measured so that the pages' ratios can be read against what signing in costs.
      id: 'pages.signed-in-floor',
      name: 'the lightest signed-in route, /api/v1/me (reference)',
      session: approver,
      path: '/api/v1/me',
      reference: true,
    },
    {
      id: 'pages.certifications',
      name: 'My Annual Role Certifications, first page (big approver)',
      session: approver,
      path: '/api/v1/certifications',
    },
    {
      id: 'pages.certifications-deep',
      name: 'My Annual Role Certifications, 20 pages in',
      session: approver,
      path: await deepPage(approver, '/api/v1/certifications', 20),
    },
    {
      id: 'pages.pending-approvals',
      name: 'Pending Approvals (big approver)',
      session: approver,
      path: '/api/v1/role-requests/pending-approvals',
    },
    {
      id: 'pages.pending-approvals-help-desk',
      name: 'Pending Approvals (help desk)',
      session: helpDesk,
      path: '/api/v1/role-requests/pending-approvals',
    },
    { id: 'pages.my-roles', name: 'Manage My Roles, /me/roles (big approver)', session: approver, path: '/api/v1/me/roles' },
    {
      // The help desk sees only its application's entries: the scope is part of every query.
      id: 'pages.audit',
      name: 'audit search, newest entries (help desk)',
      session: helpDesk,
      path: '/api/v1/audit/entries',
    },
    {
      id: 'pages.audit-actor',
      name: 'audit search, one person’s acts (help desk)',
      session: helpDesk,
      path: `/api/v1/audit/entries?actor=${encodeURIComponent(await latestRequester(helpDesk))}`,
    },
    {
      id: 'type-ahead.words',
      name: `organization type-ahead, "${selective}"`,
      session: approver,
      path: `/api/v1/applications/SPOT/organizations?q=${encodeURIComponent(selective)}`,
    },
    {
      id: 'type-ahead.broad',
      name: `organization type-ahead, "${broad}"`,
      session: approver,
      path: `/api/v1/applications/SPOT/organizations?q=${encodeURIComponent(broad)}`,
    },
    {
      id: 'type-ahead.submitter-id',
      name: 'organization type-ahead, a submitter ID',
      session: approver,
      path: `/api/v1/applications/SPOT/organizations?q=${people.bigOrganization.submitterId}`,
    },
  ];

  const measurements: Measurement[] = [];
  for (const page of pages) {
    // Each list must hold something: a fast empty page proves nothing.
    const first = await page.session.ok<Record<string, unknown>>('GET', page.path);
    const list = page.reference ? [first] : Object.values(first).find((value) => Array.isArray(value));
    const count = Array.isArray(list) ? list.length : 0;
    if (count === 0) throw new Error(`${page.name}: the page is empty, the data does not exercise it`);
    let result: Awaited<ReturnType<typeof sideBySide>>;
    try {
      result = await sideBySide(server.url, BARE, { path: page.path, headers: page.session.headers() }, load);
    } catch (error) {
      // Errors or timeouts under load: recorded as a zero and the run goes on to the other rows.
      const message = error instanceof Error ? error.message : String(error);
      log(`  ${page.name}: failed under load: ${message}`);
      measurements.push({
        id: page.id,
        name: page.name,
        database: data.kind,
        ratioOf: 'bare route throughput',
        ratio: 0,
        target: page.reference ? REFERENCE : PAGE_TARGET,
        detail: `failed under load: ${message}`,
      });
      continue;
    }
    log(`  ${page.name}: ${result.ratio.toFixed(2)}× (${count} rows a page)`);
    measurements.push({
      id: page.id,
      name: page.name,
      database: data.kind,
      ratioOf: 'bare route throughput',
      ratio: result.ratio,
      target: page.reference ? REFERENCE : PAGE_TARGET,
      detail: `${perSecond(result.measured.perSecond)} p50 ${milliseconds(result.measured.p50Ms)} p99 ${milliseconds(result.measured.p99Ms)}, ${count} rows; bare ${perSecond(result.baseline.perSecond)} p99 ${milliseconds(result.baseline.p99Ms)}`,
    });
  }
  return { measurements, sessions: { approver, helpDesk } };
}

/**
 * The password step of sign-in, against raw argon2id verifies measured on the same cores. Each
 * request signs a different person in, as a morning's sign-ins do: one person's sign-ins queue
 * behind each other on purpose (their failure counter is locked while it is read and reset).
 */
export async function measureSignIn(
  server: ServerProcess,
  data: BenchDatabase,
  userIds: readonly string[],
  load: LoadSettings,
  rawVerifiesPerSecond: number,
  log: (line: string) => void,
): Promise<Measurement> {
  const password = data.generated.people.password;
  const bodies = userIds.map((userId) => ({ userId, password, acceptTerms: true }));
  // A visitor's pre-sign-in cookie and token, replayed: each request starts a sign-in afresh.
  const visitor = (await anonymousSession(server.url)).headers();
  // The answer must be the next step: a refused password would be measured as a fast sign-in.
  for (const body of bodies.slice(0, 3)) {
    const step = await (await anonymousSession(server.url)).ok<{ session: { stage: string } }>('POST', '/api/v1/sign-in', body);
    if (step.session.stage !== 'enroll' && step.session.stage !== 'mfa')
      throw new Error(`sign-in answered stage ${step.session.stage}`);
  }
  const result = await sideBySide(
    server.url,
    BARE,
    { path: '/api/v1/sign-in', method: 'POST', headers: visitor, bodies },
    { ...load, connections: Math.max(4, load.connections / 2) },
  );
  const ratio = result.measured.perSecond / rawVerifiesPerSecond;
  log(
    `  sign-in: ${perSecond(result.measured.perSecond)} vs raw argon2id ${perSecond(rawVerifiesPerSecond)}: ${ratio.toFixed(2)}×`,
  );
  return {
    id: 'sign-in',
    name: `password sign-in step, ${userIds.length} people in turn`,
    database: data.kind,
    ratioOf: 'raw argon2id verify rate',
    ratio,
    target: { kind: 'at-least', value: 0.9 },
    detail: `${perSecond(result.measured.perSecond)} p99 ${milliseconds(result.measured.p99Ms)}; raw verifies ${perSecond(rawVerifiesPerSecond)}`,
  };
}

/** Keycloak's published base memory, the comparison QUALITY.md names for the server's RSS. */
const KEYCLOAK_BASE_BYTES = 1250 * 2 ** 20;
/** QUALITY.md: at most 150 MB RSS at a million users, as a share of Keycloak's base. */
const MEMORY_TARGET = { kind: 'at-most', value: 150 / 1250 } as const;

export function memoryMeasurement(id: string, name: string, database: Measurement['database'], rss: number): Measurement {
  return {
    id,
    name,
    database,
    ratioOf: "Keycloak's 1250 MB base",
    ratio: rss / KEYCLOAK_BASE_BYTES,
    target: MEMORY_TARGET,
    detail: `RSS ${megabytes(rss)} (target ≤ 150 MB)`,
  };
}

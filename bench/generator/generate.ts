import { sql } from 'kysely';
import type { Database } from '../../server/db/database.js';
import type { DueDateRules } from '../../server/modules/certification/due-dates.js';
import { AUDIT_COLUMNS, AuditChain } from './audit.js';
import { loadSpotCatalog, type GeneratedCatalog } from './catalog.js';
import { makePlan, type Plan } from './plan.js';
import {
  ASSIGNMENT_COLUMNS,
  assignmentRow,
  BENCH_PASSWORD,
  ORGANIZATION_COLUMNS,
  ORGANIZATION_WORD_COLUMNS,
  organizationOf,
  organizationRow,
  personOf,
  REQUEST_COLUMNS,
  requestRow,
  USER_COLUMNS,
  userRow,
  type Person,
  type RowContext,
} from './rows.js';
import { searchWords } from '../../server/shared/search-text.js';
import { startOfDayIn } from '../../server/shared/time.js';
import { idSequence, Random } from './seeded.js';
import { spread, windows } from './timeline.js';
import { TableWriter, withBulkLoadSettings, type TableStats } from './write.js';
import { withIndexesDeferred } from './indexes.js';

/*
 * Builds the benchmark database: the SPOT catalog, then users, organizations, and one walk over
 * time through every grant and request, writing each one's row and its audit entry in the order
 * they happened (the audit chain must be appended in order). The database must be migrated and
 * empty; the CLI (cli.ts) and the integration test both call generateBenchData().
 */

export interface GenerateOptions {
  readonly users: number;
  readonly seed: number;
  /** Certifiable assignments already past their due day at `base`. */
  readonly overdue: number;
  /** "Now" for the data: every timestamp is this instant minus a seeded offset. */
  readonly base: Date;
  /** ROLECALL_SECRET_KEY: the audit chain's key and the TIN encryption key. */
  readonly secretKey: Buffer;
  /** The certification due-date rules the server runs with (its time zone and legacy dates). */
  readonly rules: DueDateRules;
  readonly log?: (line: string) => void;
}

export interface GenerateResult {
  readonly plan: Plan;
  readonly catalog: GeneratedCatalog;
  readonly tables: readonly TableStats[];
  /** Wall time of the whole generation, index builds and ANALYZE included. */
  readonly elapsedMs: number;
  /** Building the secondary indexes after the load. */
  readonly indexBuildMs: number;
  readonly auditEntries: number;
  /** Who to sign in as, for benchmarks and checks: every user's password is `password`. */
  readonly people: {
    readonly password: string;
    readonly bigApprover: Person;
    readonly helpDesk: readonly Person[];
    readonly bigOrganization: { readonly id: string; readonly legalName: string; readonly submitterId: string };
  };
}

/** The tables the generator fills, whose secondary indexes are built after the load. */
const LOADED_TABLES = ['users', 'organizations', 'organization_words', 'role_assignments', 'role_requests', 'audit_log'] as const;

export async function generateBenchData(database: Database, options: GenerateOptions): Promise<GenerateResult> {
  const log = options.log ?? (() => undefined);
  // Checked before any index is dropped: the generator never touches a database in use.
  const existing = await database.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  if (Number(existing.count) > 0) throw new Error('the database already has users: generate into a fresh one');
  const { result, indexes, buildMs } = await withBulkLoadSettings(database, () =>
    withIndexesDeferred(database, LOADED_TABLES, () => generate(database, options)),
  );
  log(`indexes: ${indexes} built in ${(buildMs / 1000).toFixed(1)} s`);
  // Fresh planner statistics, as a database that has lived with this data would have. PostgreSQL
  // also needs the vacuum that autovacuum would run later: until it marks the loaded pages
  // all-visible, an index that holds every column a query reads still makes it visit the heap.
  const analyzed = performance.now();
  const maintenance = database.kind === 'postgres' ? sql.raw('vacuum analyze') : sql.raw('analyze');
  for (const table of LOADED_TABLES) await sql`${maintenance} ${sql.table(table)}`.execute(database.db);
  log(`${database.kind === 'postgres' ? 'vacuum analyze' : 'analyze'}: ${((performance.now() - analyzed) / 1000).toFixed(1)} s`);
  return { ...result, indexBuildMs: buildMs, elapsedMs: result.elapsedMs + buildMs + (performance.now() - analyzed) };
}

async function generate(database: Database, options: GenerateOptions): Promise<Omit<GenerateResult, 'indexBuildMs'>> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);

  const plan = makePlan(options);
  const when = windows(options.base);
  const catalog = await loadSpotCatalog(database, options.seed, when.catalog);
  // firstDueAt() checks each grant against the legacy cutoff, working out that day's start in the
  // time zone every time; when every grant is later than the cutoff the answer is the same without
  // the rule, and a million grants are spared a million time-zone calculations.
  const afterCutoff =
    options.rules.legacyCutoff === undefined ||
    when.helpDesk.from >= startOfDayIn(options.rules.legacyCutoff, options.rules.timeZone).getTime();
  const rules: DueDateRules = afterCutoff
    ? { ...options.rules, legacyCutoff: undefined, legacyFirstDue: undefined }
    : options.rules;
  const context: RowContext = {
    plan,
    seed: options.seed,
    base: options.base,
    secretKey: options.secretKey,
    rules,
    catalog,
  };

  const chain = new AuditChain(options.secretKey);
  const auditIds = idSequence(new Random(options.seed, 'audit.ids'));
  const audit = new TableWriter(database, 'audit_log', AUDIT_COLUMNS);
  await audit.add(
    chain.append({
      id: auditIds(when.catalog),
      occurredAt: new Date(when.catalog).toISOString(),
      actor: { kind: 'system' },
      action: 'catalog.applied',
      target: { type: 'catalog', id: 'catalog' },
      after: catalog.changes,
      scope: { applicationId: null, organizationId: null },
    }),
  );

  const users = new TableWriter(database, 'users', USER_COLUMNS);
  for (let index = 0; index < plan.users; index++) await users.add(userRow(context, index));
  await users.flush();
  log(`users: ${plan.users}`);

  const organizations = new TableWriter(database, 'organizations', ORGANIZATION_COLUMNS);
  // The type-ahead's word index, as insertOrganization writes it: one row per distinct word of a name.
  const organizationWords = new TableWriter(database, 'organization_words', ORGANIZATION_WORD_COLUMNS);
  const column = (name: (typeof ORGANIZATION_COLUMNS)[number]) => ORGANIZATION_COLUMNS.indexOf(name);
  const [idAt, applicationAt, searchNameAt] = [column('id'), column('application_id'), column('search_name')];
  for (let index = 0; index < plan.organizations; index++) {
    const row = organizationRow(context, index);
    await organizations.add(row);
    const searchName = String(row[searchNameAt]);
    for (const word of searchWords(searchName)) {
      await organizationWords.add([row[applicationAt], word, searchName, row[idAt]]);
    }
  }
  await organizations.flush();
  await organizationWords.flush();
  log(`organizations: ${plan.organizations} (${organizationWords.stats.rows} name words)`);

  // Grants and requests, merged by time. Grant k happens in the help desk's window, the overdue
  // window, or the year before `base`, in that order; requests over the last 25 days.
  const assignments = new TableWriter(database, 'role_assignments', ASSIGNMENT_COLUMNS);
  const requests = new TableWriter(database, 'role_requests', REQUEST_COLUMNS);
  const grantTimes = new Random(options.seed, 'timeline.grants');
  const requestTimes = new Random(options.seed, 'timeline.requests');
  const assignmentIds = idSequence(new Random(options.seed, 'assignment.ids'));
  const requestIds = idSequence(new Random(options.seed, 'request.ids'));
  const totalGrants = plan.assignmentUser.length;
  const totalRequests = plan.requestUser.length;
  const regular = totalGrants - plan.helpDesk - plan.overdue;
  const grantTime = (k: number): number =>
    k < plan.helpDesk
      ? spread(when.helpDesk, k, plan.helpDesk, grantTimes)
      : k < plan.helpDesk + plan.overdue
        ? spread(when.overdueGrants, k - plan.helpDesk, plan.overdue, grantTimes)
        : spread(when.grants, k - plan.helpDesk - plan.overdue, regular, grantTimes);
  const requestSequence = new Map<string, number>();

  let k = 0;
  let q = 0;
  let nextGrant = totalGrants > 0 ? grantTime(0) : Infinity;
  let nextRequest = totalRequests > 0 ? spread(when.requests, 0, totalRequests, requestTimes) : Infinity;
  while (k < totalGrants || q < totalRequests) {
    if (nextGrant <= nextRequest) {
      const grant = assignmentRow(context, k, assignmentIds(nextGrant), nextGrant);
      await assignments.add(grant.row);
      await audit.add(
        chain.append({
          id: auditIds(nextGrant),
          occurredAt: grant.establishedAt,
          actor: { kind: 'system' },
          action: 'role.granted',
          target: { type: 'role_assignment', id: grant.id },
          after: {
            userId: grant.userId,
            roleId: grant.roleId,
            organizationId: grant.organizationId,
            requestId: null,
            certificationDueAt: grant.dueAt,
          },
          scope: { applicationId: catalog.applicationId, organizationId: grant.organizationId || null },
        }),
      );
      k += 1;
      nextGrant = k < totalGrants ? grantTime(k) : Infinity;
    } else {
      const counter = `role_request:${new Date(nextRequest).getUTCFullYear()}`;
      const sequence = (requestSequence.get(counter) ?? 0) + 1;
      requestSequence.set(counter, sequence);
      const request = requestRow(context, q, requestIds(nextRequest), nextRequest, sequence);
      await requests.add(request.row);
      await audit.add(
        chain.append({
          id: auditIds(nextRequest),
          occurredAt: request.createdAt,
          actor: { kind: 'user', userId: request.requesterId },
          action: 'role_request.submitted',
          target: { type: 'role_request', id: request.id },
          after: {
            trackingNumber: request.trackingNumber,
            roleId: request.roleId,
            organizationId: request.organizationId,
            routedTo: request.routedTo,
            reason: request.reason,
          },
          scope: { applicationId: catalog.applicationId, organizationId: request.organizationId },
        }),
      );
      q += 1;
      nextRequest = q < totalRequests ? spread(when.requests, q, totalRequests, requestTimes) : Infinity;
    }
  }
  await assignments.flush();
  await requests.flush();
  await audit.flush();
  log(`role assignments: ${totalGrants}, role requests: ${totalRequests}, audit entries: ${chain.entries}`);

  // The counters the server issues tracking numbers and submitter IDs from continue after ours.
  const counters = [...requestSequence, [`submitter_id:${catalog.applicationId}`, plan.organizations] as const].map(
    ([name, value]) => ({ name, value }),
  );
  await database.transaction((trx) => trx.insertInto('counters').values(counters).execute());

  const bigOrganization = organizationOf(context, 0);
  return {
    plan,
    catalog,
    tables: [users.stats, organizations.stats, organizationWords.stats, assignments.stats, requests.stats, audit.stats],
    elapsedMs: performance.now() - started,
    auditEntries: chain.entries,
    people: {
      password: BENCH_PASSWORD,
      bigApprover: personOf(context, plan.bigApprover),
      helpDesk: Array.from({ length: plan.helpDesk }, (_, index) => personOf(context, index)),
      bigOrganization: { id: bigOrganization.id, legalName: bigOrganization.legalName, submitterId: bigOrganization.submitterId },
    },
  };
}

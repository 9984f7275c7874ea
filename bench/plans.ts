import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config/config.js';
import { createContext, type AppContext } from '../server/context.js';

/*
 * npm run bench:plans -- --database sqlite|postgres [--url ROLECALL_DATABASE_URL]
 *
 * The query plan of every statement the list pages run for the benchmark personas (the big
 * approver, the first help desk member): each list is called through its service while the
 * driver records the SQL and parameters, then each statement is explained on the same database
 * (EXPLAIN QUERY PLAN on SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL). Run it against a
 * database `npm run bench:data` (or `npm run bench`) generated, with the same ROLECALL_SECRET_KEY.
 */

interface Recorded {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

const recorded: Recorded[] = [];
let recording = false;

/** Records what better-sqlite3 prepares and runs, while `recording`. */
function recordSqlite(): void {
  const prepare = SqliteDatabase.prototype.prepare;
  SqliteDatabase.prototype.prepare = function (this: SqliteDatabase.Database, source: string) {
    const statement = prepare.call(this, source) as SqliteDatabase.Statement;
    for (const method of ['all', 'get', 'run'] as const) {
      const original = statement[method].bind(statement) as (...parameters: unknown[]) => unknown;
      Object.defineProperty(statement, method, {
        value: (...parameters: unknown[]) => {
          if (recording) recorded.push({ sql: source, parameters });
          return original(...parameters);
        },
      });
    }
    return statement;
  } as typeof prepare;
}

/** Records what node-postgres sends, while `recording`. */
function recordPostgres(): void {
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [text, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    if (recording) {
      if (typeof text === 'string') recorded.push({ sql: text, parameters: values ?? [] });
      else recorded.push({ sql: text.text, parameters: text.values ?? [] });
    }
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
}

async function userNamed(ctx: AppContext, userId: string) {
  const row = await ctx.database.db
    .selectFrom('users')
    .select('id')
    .where('user_id_normalized', '=', userId.toLowerCase())
    .executeTakeFirstOrThrow();
  return ctx.accounts.getUser(ctx.database.db, row.id);
}

/** The lists of the benchmark, called as their routes call them. */
async function callLists(ctx: AppContext): Promise<Map<string, Recorded[]>> {
  const bigApprover = await ctx.database.db
    .selectFrom('role_assignments')
    .innerJoin('roles', 'roles.id', 'role_assignments.role_id')
    .innerJoin('users', 'users.id', 'role_assignments.user_id')
    .select('users.user_id')
    .where('roles.code', '=', 'approver')
    .where('role_assignments.status', '=', 'active')
    .groupBy('users.user_id')
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const approver = await userNamed(ctx, bigApprover.user_id);
  const helpDesk = await userNamed(ctx, 'helpdesk1');
  const spot = await ctx.catalog.getApplication('SPOT');
  // Someone with acts in the audit log: the person who last asked for a role, as the benchmark picks.
  const requests = await ctx.auditSearch.search(helpDesk, { action: 'role_request.submitted' }, { limit: 1 });
  const requester = requests.items[0]?.actor.userId;
  if (!requester) throw new Error('the generated audit history holds no role request');
  const lists: [string, () => Promise<unknown>][] = [
    ['My Annual Role Certifications (big approver)', () => ctx.certification.list(approver, { limit: 50 })],
    ['Pending Approvals (big approver)', () => ctx.requests.listPendingApprovals(approver, { limit: 25 })],
    ['Pending Approvals (help desk)', () => ctx.requests.listPendingApprovals(helpDesk, { limit: 25 })],
    ['Manage My Roles (big approver)', () => ctx.assignments.listForUser(approver, { limit: 100 })],
    ['organization type-ahead, two words', () => ctx.organizations.search(spot.id, 'Gulf Coast')],
    ['organization type-ahead, a whole name', () => ctx.organizations.search(spot.id, 'Gulf Coast Family Associates')],
    ['organization type-ahead, a submitter ID', () => ctx.organizations.search(spot.id, 'S000001')],
    ['audit search, newest entries (help desk)', () => ctx.auditSearch.search(helpDesk, {}, { limit: 50 })],
    ['audit search, one person’s acts (help desk)', () => ctx.auditSearch.search(helpDesk, { actor: requester }, { limit: 50 })],
  ];
  const byList = new Map<string, Recorded[]>();
  for (const [name, call] of lists) {
    await call();
    recorded.length = 0;
    recording = true;
    await call();
    recording = false;
    byList.set(name, [...recorded]);
  }
  return byList;
}

async function explain(ctx: AppContext, statement: Recorded): Promise<string> {
  if (ctx.database.kind === 'sqlite') {
    const raw = new SqliteDatabase((ctx.config.database as { file: string }).file, { readonly: true });
    try {
      const rows = raw.prepare(`explain query plan ${statement.sql}`).all(...statement.parameters) as { detail: string }[];
      const run = raw.prepare(statement.sql);
      const times = [0, 1, 2].map(() => {
        const started = performance.now();
        if (run.reader) run.all(...statement.parameters);
        return performance.now() - started;
      });
      const median = times.sort((a, b) => a - b)[1] ?? 0;
      return [...rows.map((row) => `  ${row.detail}`), `  (${run.reader ? median.toFixed(2) : '-'} ms)`].join('\n');
    } finally {
      raw.close();
    }
  }
  const client = new pg.Client({ connectionString: (ctx.config.database as { url: string }).url });
  await client.connect();
  try {
    // Inside a transaction rolled back: ANALYZE runs the statement, and a read is all these are.
    await client.query('begin');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers, costs off) ${statement.sql}`, [
      ...statement.parameters,
    ]);
    await client.query('rollback');
    return rows.map((row) => `  ${row['QUERY PLAN']}`).join('\n');
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { database: { type: 'string' }, url: { type: 'string' } } });
  if (values.database === 'postgres') recordPostgres();
  else recordSqlite();
  const url = values.url ?? process.env.ROLECALL_DATABASE_URL;
  const ctx = createContext(loadConfig({ ...process.env, ROLECALL_ENV: 'test', ...(url ? { ROLECALL_DATABASE_URL: url } : {}) }));
  try {
    for (const [name, statements] of await callLists(ctx)) {
      console.log(`\n## ${name}: ${statements.length} statements`);
      for (const statement of statements) {
        if (/^(begin|commit|rollback|select pg_advisory)/i.test(statement.sql.trim())) continue;
        console.log(`\n${statement.sql.length > 300 ? `${statement.sql.slice(0, 300)}…` : statement.sql}`);
        console.log(await explain(ctx, statement));
      }
    }
  } finally {
    await ctx.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});

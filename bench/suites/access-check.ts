import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { newEnforcer, newModelFromString, type Adapter, type Enforcer } from 'casbin';
import { sql } from 'kysely';
import type { AppContext } from '../../server/context.js';
import type { AccessQuestion } from '../../server/modules/access/access.service.js';
import { expiredBefore } from '../../server/modules/certification/due-dates.js';
import { toTimestamp } from '../../server/shared/time.js';
import type { DatabaseKind } from '../lib/data.js';
import { megabytes, perSecond, type Measurement } from '../lib/report.js';
import { Random } from '../generator/seeded.js';

/*
 * Rolecall's in-process access check (AccessService.evaluate: one indexed statement per question)
 * against node-casbin's RBAC with domains holding the same assignments in memory. casbin's model:
 * the user has a role in a domain (the organization); a role's policy lines grant the role's code
 * and the code of the role it includes, so an approver passes an end-user check as in Rolecall.
 * casbin knows no due dates or account states: it is loaded with the holdings that grant access
 * now (active, not expired, of an active account), and every sampled question must get the same
 * answer from both before anything is timed.
 */

const CASBIN_MODEL = `
[request_definition]
r = sub, dom, obj, act

[policy_definition]
p = sub, obj, act

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, p.sub, r.dom) && r.obj == p.obj && r.act == p.act
`;

const THROUGHPUT_TARGET = { kind: 'at-least', value: 1 } as const;
const MEMORY_TARGET = { kind: 'at-most', value: 0.2 } as const;
/** Questions answered in turn by each side; half from real holdings, half moved to another organization. */
const QUESTIONS = 20_000;
/** Checks in flight at once, as an application server's concurrent requests would have. */
const IN_FLIGHT = 8;
const PAGE = 50_000;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Heap and off-heap bytes held after a full collection. */
function retainedBytes(): number {
  collectGarbage();
  collectGarbage();
  const usage = process.memoryUsage();
  if (process.env.DEBUG_MEM) console.log(usage);
  return usage.heapUsed + usage.external;
}

interface Holdings {
  /** casbin grouping lines: user, role id, organization. */
  readonly grants: string[][];
  /** casbin policy lines: role id, application, code it grants. */
  readonly policies: string[][];
  readonly questions: AccessQuestion[];
}

/** One pass over every role assignment: casbin's lines and a seeded sample of questions. */
async function readHoldings(ctx: AppContext, seed: number): Promise<Holdings> {
  const db = ctx.database.db;
  const roles = await db.selectFrom('roles').select(['id', 'application_id', 'code', 'includes_role_id']).execute();
  const codeOf = new Map(roles.map((role) => [role.id, role.code]));
  const policies: string[][] = [];
  for (const role of roles) {
    policies.push([role.id, role.application_id, role.code]);
    const included = role.includes_role_id === null ? undefined : codeOf.get(role.includes_role_id);
    if (included) policies.push([role.id, role.application_id, included]);
  }

  const cutoff = toTimestamp(expiredBefore(new Date(), ctx.config.timeZone));
  const total = Number(
    (
      await db
        .selectFrom('role_assignments')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow()
    ).count,
  );
  const random = new Random(seed, 'access-check.questions');
  const keep = Math.min(1, QUESTIONS / Math.max(total, 1));
  const grants: string[][] = [];
  const questions: AccessQuestion[] = [];
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('role_assignments as ra')
      .innerJoin('users as u', 'u.id', 'ra.user_id')
      .select([
        'ra.id',
        'ra.user_id',
        'ra.application_id',
        'ra.role_id',
        'ra.organization_id',
        'ra.status',
        'ra.certification_due_at',
      ])
      .select('u.status as user_status')
      .where('ra.id', '>', after)
      .orderBy('ra.id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    for (const row of rows) {
      const current =
        row.status === 'active' &&
        row.user_status === 'active' &&
        (row.certification_due_at === null || row.certification_due_at >= cutoff);
      if (current) grants.push([row.user_id, row.role_id, row.organization_id]);
      if (questions.length < QUESTIONS && random.float() < keep * 1.05) {
        questions.push({
          userId: row.user_id,
          applicationId: row.application_id,
          roleCode: codeOf.get(row.role_id) ?? '',
          organizationId: row.organization_id,
        });
      }
    }
  }
  // Every other question asks about another sampled holding's organization: mostly a denial.
  for (let index = 1; index < questions.length; index += 2) {
    const other = random.pick(questions);
    questions[index] = { ...questions[index]!, organizationId: other.organizationId };
  }
  return { grants, policies, questions };
}

/**
 * casbin loaded as it is in production: an adapter hands it every line at start and the role
 * links are built once. (Adding the lines through the management API checks each against every
 * line already held, which does not finish at two million.) The adapter puts each line where
 * casbin's own line loader puts it once it has split the text.
 */
async function loadCasbin(holdings: Holdings): Promise<Enforcer> {
  const adapter: Adapter = {
    async loadPolicy(model) {
      const lines = (type: 'p' | 'g') => {
        const assertion = model.model.get(type)?.get(type);
        if (!assertion) throw new Error(`the casbin model has no ${type}`);
        return assertion.policy;
      };
      lines('p').push(...holdings.policies.map((row) => [...row]));
      const grants = lines('g');
      for (const row of holdings.grants) grants.push([...row]);
    },
    savePolicy: async () => false,
    addPolicy: async () => undefined,
    removePolicy: async () => undefined,
    removeFilteredPolicy: async () => undefined,
  };
  return newEnforcer(newModelFromString(CASBIN_MODEL), adapter);
}

/** Questions answered in `seconds`, `IN_FLIGHT` at a time, cycling through the sample. */
async function answersIn(
  seconds: number,
  questions: readonly AccessQuestion[],
  ask: (question: AccessQuestion) => Promise<boolean>,
) {
  const until = performance.now() + seconds * 1000;
  let next = 0;
  let answered = 0;
  const worker = async () => {
    while (performance.now() < until) {
      await ask(questions[next++ % questions.length]!);
      answered += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return answered / ((performance.now() - started) / 1000);
}

/** The SQLite page cache the connection may fill, in bytes: memory the check uses in the process. */
async function sqlitePageCacheBytes(ctx: AppContext): Promise<number> {
  const [size] = (await sql.raw('pragma cache_size').execute(ctx.database.db)).rows as { cache_size: number }[];
  const [page] = (await sql.raw('pragma page_size').execute(ctx.database.db)).rows as { page_size: number }[];
  const cacheSize = size?.cache_size ?? -2000;
  return cacheSize < 0 ? -cacheSize * 1024 : cacheSize * (page?.page_size ?? 4096);
}

export async function measureAccessCheck(
  ctx: AppContext,
  kind: DatabaseKind,
  load: { seconds: number; rounds: number },
  seed: number,
  log: (line: string) => void,
): Promise<Measurement[]> {
  const holdings = await readHoldings(ctx, seed);
  const { questions } = holdings;
  const rolecall = async (question: AccessQuestion) => (await ctx.access.evaluate(question)).decision;

  // What the check keeps once it has answered every question, before casbin is in memory; on
  // SQLite the page cache it reads through is the process's memory too.
  const beforeRolecall = retainedBytes();
  for (const question of questions) await rolecall(question);
  const heldByCheck = Math.max(0, retainedBytes() - beforeRolecall);
  const rolecallBytes = heldByCheck + (kind === 'sqlite' ? await sqlitePageCacheBytes(ctx) : 0);

  const beforeCasbin = retainedBytes();
  const loadStarted = performance.now();
  let enforcer: Enforcer | undefined = await loadCasbin(holdings);
  const casbinLoadSeconds = (performance.now() - loadStarted) / 1000;
  // The lines handed to casbin are dropped: what stays is what casbin itself holds.
  (holdings.grants as string[][]).length = 0;
  const casbinBytes = retainedBytes() - beforeCasbin;
  log(
    `  casbin: loaded in ${casbinLoadSeconds.toFixed(1)} s, holds ${megabytes(casbinBytes)}; access check ${megabytes(rolecallBytes)}`,
  );
  const casbin = (question: AccessQuestion) =>
    enforcer!.enforce(question.userId, question.organizationId, question.applicationId, question.roleCode);

  // Same answers, or the comparison means nothing.
  let allowed = 0;
  for (const question of questions) {
    const [ours, theirs] = [await rolecall(question), await casbin(question)];
    if (ours !== theirs) throw new Error(`access check and casbin disagree on ${JSON.stringify(question)}: ${ours} vs ${theirs}`);
    if (ours) allowed += 1;
  }
  if (allowed === 0 || allowed === questions.length) throw new Error('the sampled questions are all answered alike');

  const rates = { rolecall: [] as number[], casbin: [] as number[] };
  for (let round = 0; round < load.rounds; round += 1) {
    rates.casbin.push(await answersIn(load.seconds, questions, casbin));
    rates.rolecall.push(await answersIn(load.seconds, questions, rolecall));
  }
  enforcer = undefined;

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const ours = median(rates.rolecall);
  const theirs = median(rates.casbin);
  log(`  access check: ${perSecond(ours)} vs casbin ${perSecond(theirs)} (${allowed} of ${questions.length} allowed)`);
  return [
    {
      id: 'access-check.throughput',
      name: 'access check in process, vs casbin enforce()',
      database: kind,
      ratioOf: "casbin's checks/s",
      ratio: ours / theirs,
      target: THROUGHPUT_TARGET,
      detail: `${perSecond(ours)} vs casbin ${perSecond(theirs)}, ${IN_FLIGHT} in flight, ${questions.length.toLocaleString('en-US')} questions (${Math.round((100 * allowed) / questions.length)}% allowed), same answers`,
    },
    {
      id: 'access-check.memory',
      name: 'access check memory, vs casbin holding the assignments',
      database: kind,
      ratioOf: "casbin's memory",
      ratio: rolecallBytes / casbinBytes,
      target: MEMORY_TARGET,
      detail:
        `${megabytes(rolecallBytes)} (${kind === 'sqlite' ? 'page cache bound + heap kept' : 'heap kept; PostgreSQL buffers are in its own processes'}) ` +
        `vs casbin ${megabytes(casbinBytes)}, loaded in ${casbinLoadSeconds.toFixed(1)} s`,
    },
  ];
}

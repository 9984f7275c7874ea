import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import {
  importCycles,
  moduleGraph,
  sourcesBelow,
  tableAccesses,
  tableOwnershipViolations,
  type TableException,
} from '../helpers/module-graph.js';

const server = resolve('server');

/**
 * Each module and the tables it owns (from the migrations in server/db/migrations): only the
 * owner's queries name a table; every other module reads or changes its data through the owner's
 * service.
 */
const TABLE_OWNERS: Readonly<Record<string, readonly string[]>> = {
  accounts: ['users', 'password_history', 'one_time_codes', 'recovery_requests'],
  mfa: ['mfa_factors', 'recovery_codes'],
  sessions: ['sessions'],
  terms: ['terms_versions', 'terms_acceptances'],
  catalog: ['applications', 'roles', 'settings'],
  organizations: ['organizations', 'organization_words'],
  'organization-forms': ['organization_forms'],
  assignments: ['role_assignments'],
  requests: ['role_requests', 'role_request_reminders'],
  certification: ['acknowledgement_versions', 'certification_decisions', 'certification_reminders', 'certification_digests'],
  notifications: ['outbox'],
  audit: ['audit_log', 'audit_checkpoints'],
  demo: [],
  system: [],
  access: [],
  oidc: ['oidc_clients', 'oidc_payloads', 'oidc_session_grants', 'oidc_signing_keys'],
  scim: [],
  usage: ['application_sign_ins'],
  webhooks: ['webhook_subscriptions', 'webhook_messages', 'webhook_attempts'],
};

/**
 * Tables no module owns: counters (db/counters.ts, for any module through nextCounterValue),
 * job_runs (the scheduler's), and those made for features not built yet. A module's query on one
 * of them fails the check too.
 */
const OUTSIDE_MODULES = ['counters', 'job_runs', 'scim_tokens'];

/** The exceptions to table ownership, reads only: a write to another module's table fails. */
const ACCESS_CHECK_REASON =
  "the access check is every application's hot path: the user, the role (matched by code, with the roles that " +
  'include it) and the holding are read in one indexed statement, where three service calls would be three queries ' +
  'and a catalog load per check';
const TABLE_EXCEPTIONS: readonly TableException[] = [
  { module: 'access', table: 'users', access: 'read', reason: ACCESS_CHECK_REASON },
  { module: 'access', table: 'roles', access: 'read', reason: ACCESS_CHECK_REASON },
  { module: 'access', table: 'role_assignments', access: 'read', reason: ACCESS_CHECK_REASON },
  ...(['users', 'roles', 'role_assignments', 'organizations'] as const).map((table) => ({
    module: 'scim',
    table,
    access: 'read' as const,
    reason:
      "SCIM lists an application's people and groups filtered by any attribute and paged in SQL (RFC 7644 filters " +
      'combine attributes of people, roles and organizations); it writes nothing',
  })),
  {
    module: 'certification',
    table: 'role_assignments',
    access: 'read',
    reason:
      'its lists and its sweep are queries over the roles people hold, paged and filtered in SQL by due date and ' +
      'certifier scope; one service call per row would not scale to thousands of roles',
  },
];

describe('module boundaries', () => {
  it('lint refuses a module importing another module’s repository, and lets it import its own', async () => {
    const eslint = new ESLint();
    const planted =
      "import { findUserByUserId } from '../accounts/accounts.repository.js';\nexport const f = findUserByUserId;\n";
    const [refused] = await eslint.lintText(planted, { filePath: resolve('server/modules/requests/planted.ts') });
    expect(refused?.messages.map((message) => message.ruleId)).toContain('no-restricted-imports');
    const fromRoot = "import { insertUser } from './modules/accounts/accounts.repository.js';\nexport const g = insertUser;\n";
    const [alsoRefused] = await eslint.lintText(fromRoot, { filePath: resolve('server/planted.ts') });
    expect(alsoRefused?.messages.map((message) => message.ruleId)).toContain('no-restricted-imports');
    const own = "import { findUserByUserId } from './accounts.repository.js';\nexport const h = findUserByUserId;\n";
    const [allowed] = await eslint.lintText(own, { filePath: resolve('server/modules/accounts/planted.ts') });
    expect(allowed?.messages.filter((message) => message.ruleId === 'no-restricted-imports')).toEqual([]);
  });

  it('finds a planted cycle between modules, through a third one too, and ignores type-only imports', () => {
    const planted = new Map([
      [`${server}/modules/alpha/alpha.service.ts`, "import { b } from '../beta/beta.service.js';\n"],
      [`${server}/modules/beta/beta.service.ts`, "import { c } from '../gamma/gamma.service.js';\n"],
      [`${server}/modules/gamma/gamma.service.ts`, "import { a } from '../alpha/alpha.service.js';\n"],
      [`${server}/modules/delta/delta.service.ts`, "import type { A } from '../alpha/alpha.service.js';\n"],
      [`${server}/modules/alpha/alpha.policy.ts`, "import type { D } from '../delta/delta.service.js';\n"],
    ]);
    expect(importCycles(moduleGraph(server, planted))).toEqual([['alpha', 'beta', 'gamma']]);
  });

  it('finds a planted query on another module’s table, aliased, joined or across lines, and a write the exception does not allow', () => {
    const planted = new Map([
      [
        `${server}/modules/certification/planted.repository.ts`,
        [
          "const a = await db.selectFrom('users').select('email').execute();",
          "const b = await db.selectFrom('role_assignments as ra').innerJoin('users as u', 'u.id', 'ra.user_id').execute();",
          'const c = await db',
          '  .selectFrom(',
          "    'organizations',",
          '  )',
          '  .execute();',
          "await trx.updateTable('role_assignments').set({ version: 2 }).execute();",
          "await db.selectFrom(['certification_decisions as d', 'job_runs']).selectAll().execute();",
          "await trx.insertInto('certification_decisions').values(row).execute();",
        ].join('\n'),
      ],
      [`${server}/modules/requests/planted.repository.ts`, "await db.selectFrom('role_assignments').selectAll().execute();\n"],
      [`${server}/modules/assignments/planted.repository.ts`, "await trx.deleteFrom('role_assignments').execute();\n"],
      [`${server}/jobs/planted.ts`, "await db.selectFrom('users').selectAll().execute();\n"],
    ]);
    expect(tableOwnershipViolations(server, planted, TABLE_OWNERS, TABLE_EXCEPTIONS)).toEqual([
      "server/modules/certification/planted.repository.ts:1: selectFrom('users'): users belongs to accounts, reach it through its service",
      "server/modules/certification/planted.repository.ts:2: innerJoin('users'): users belongs to accounts, reach it through its service",
      "server/modules/certification/planted.repository.ts:4: selectFrom('organizations'): organizations belongs to organizations, reach it through its service",
      "server/modules/certification/planted.repository.ts:8: updateTable('role_assignments'): role_assignments belongs to assignments, reach it through its service",
      "server/modules/certification/planted.repository.ts:9: selectFrom('job_runs'): job_runs belongs to no module",
      "server/modules/requests/planted.repository.ts:1: selectFrom('role_assignments'): role_assignments belongs to assignments, reach it through its service",
    ]);
  });

  it('knows an owner for every table the migrations create', () => {
    const created = new Set<string>();
    for (const source of sourcesBelow(resolve('server/db/migrations')).values()) {
      for (const match of source.matchAll(/createTable\(\s*'([a-z_]+)'|create table ([a-z_]+)/g))
        created.add(match[1] ?? match[2] ?? '');
    }
    const owned = [...Object.values(TABLE_OWNERS).flat(), ...OUTSIDE_MODULES];
    expect(new Set(owned).size).toBe(owned.length);
    expect([...created].sort()).toEqual([...owned].sort());
    expect(tableAccesses("db.selectFrom('role_assignments as ra').leftJoin(\"users as u\", 'u.id', 'ra.user_id')")).toEqual([
      { table: 'role_assignments', call: 'selectFrom', access: 'read', line: 1 },
      { table: 'users', call: 'leftJoin', access: 'read', line: 1 },
    ]);
  });

  it('holds for the server as it is: each module’s queries touch only its own tables, but for the listed exceptions', () => {
    const sources = sourcesBelow(resolve(server, 'modules'));
    expect([...sources.values()].some((source) => tableAccesses(source).length > 0)).toBe(true);
    expect(tableOwnershipViolations(server, sources, TABLE_OWNERS, TABLE_EXCEPTIONS)).toEqual([]);
  });

  it('holds for the server as it is: no module imports, at run time, one that imports it back', () => {
    const graph = moduleGraph(server, sourcesBelow(server));
    expect(graph.size).toBeGreaterThan(3);
    expect(importCycles(graph)).toEqual([]);
  });
});

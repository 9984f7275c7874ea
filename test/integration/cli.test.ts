import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli.js';
import type { Config } from '../../server/config/config.js';
import { createContext } from '../../server/context.js';
import { loadSpot } from '../helpers/organizations.js';
import { testConfig } from '../helpers/test-context.js';

/** A configuration on a SQLite file that does not exist yet: any command that opens it creates it. */
function freshConfig(): { config: Config; file: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'rolecall-cli-')), 'rolecall.db');
  return { config: { ...testConfig(), database: { kind: 'sqlite', file } }, file };
}

async function run(argv: string[], config: Config) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    config,
    (line) => out.push(line),
    (line) => err.push(line),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the rolecall command line', () => {
  it.each([
    ['serve'],
    ['migrate'],
    ['admin', 'create'],
    ['demo'],
    ['sweep'],
    ['audit', 'verify'],
    ['mail', 'test'],
    ['client', 'create'],
    ['client', 'list'],
    ['client', 'rotate-secret'],
    ['client', 'delete'],
    ['oidc', 'rotate-keys'],
  ])('`rolecall %s --help` prints that command’s usage and does nothing else', async (...words) => {
    const { config, file } = freshConfig();
    for (const flag of ['--help', '-h']) {
      const answer = await run([...words, flag], config);
      expect(answer.code).toBe(0);
      expect(answer.out).toContain(`Usage: rolecall ${words.join(' ')}`);
      expect(answer.err).toBe('');
    }
    // Neither the database nor anything else was opened or created.
    expect(existsSync(file)).toBe(false);
  });

  it('prints the overview for --help, the version for --version, and the usage of a command group', async () => {
    const { config, file } = freshConfig();
    const help = await run(['--help'], config);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'migrate', 'admin create', 'demo', 'sweep', 'audit verify', 'mail test']) {
      expect(help.out).toContain(`  ${command}`);
    }
    const version = await run(['--version'], config);
    expect(version).toMatchObject({ code: 0, out: 'rolecall 0.1.0' });
    const group = await run(['admin', '--help'], config);
    expect(group.code).toBe(0);
    expect(group.out).toContain('admin create --user-id ID');
    expect(existsSync(file)).toBe(false);
  });

  it('answers a wrong command or option with one clear line and changes nothing', async () => {
    const { config, file } = freshConfig();
    const cases: [string[], string][] = [
      [['frobnicate'], 'rolecall: unknown command "frobnicate" (see rolecall --help)'],
      [['admin'], 'rolecall admin: expected "admin create"'],
      [['demo', '--what'], 'rolecall demo: unknown option --what (see rolecall demo --help)'],
      [['migrate', 'now'], 'rolecall migrate: unexpected argument now (see rolecall migrate --help)'],
      [['mail', 'test'], 'rolecall mail test: missing --to EMAIL, the address to send the test email to'],
      [['mail', 'test', '--to'], 'rolecall mail test: --to needs a value (see rolecall mail test --help)'],
      [['admin', 'create', '--email', 'a@example.test'], 'rolecall admin create: missing --user-id, --first-name, --last-name'],
      [['client', 'create', '--name', 'SPOT'], 'rolecall client create: missing --application, --kind'],
      [['client', 'delete'], 'rolecall client delete: missing --client-id'],
    ];
    for (const [argv, expected] of cases) {
      const answer = await run(argv, config);
      expect(answer.code, argv.join(' ')).toBe(1);
      expect(answer.err.split('\n')[0], argv.join(' ')).toContain(expected);
      expect(answer.out).toBe('');
    }
    expect(existsSync(file)).toBe(false);
  });

  it('names ROLECALL_DATABASE_URL and the cause in one line when the database cannot be reached, without the password', async () => {
    const refused = await run(['migrate'], {
      ...testConfig(),
      database: { kind: 'postgres', url: 'postgres://rolecall:hunter2@127.0.0.1:1/rolecall', poolSize: 1 },
    });
    expect(refused.code).toBe(69);
    expect(refused.err.split('\n')).toHaveLength(1);
    expect(refused.err).toContain('ROLECALL_DATABASE_URL (postgres://rolecall:***@127.0.0.1:1/rolecall)');
    expect(refused.err).toContain('ECONNREFUSED');
    expect(refused.err).not.toContain('hunter2');

    const unopenable = await run(['migrate'], {
      ...testConfig(),
      database: { kind: 'sqlite', file: '/etc/hostname/rolecall.db' },
    });
    expect(unopenable.code).toBe(69);
    expect(unopenable.err).toMatch(
      /^Cannot open the database at ROLECALL_DATABASE_URL \(sqlite:\/etc\/hostname\/rolecall.db\): .*(EEXIST|ENOTDIR)/,
    );
  });

  it('registers, lists, re-keys and removes a client, printing its secret only when made or replaced', async () => {
    const { config } = freshConfig();
    expect((await run(['migrate'], config)).code).toBe(0);
    const ctx = createContext(config);
    await loadSpot(ctx);
    await ctx.close();

    const refused = await run(['client', 'create', '--application', 'SPOT', '--name', 'SPOT', '--kind', 'web'], config);
    expect(refused).toMatchObject({ code: 1 });
    expect(refused.out).toContain('Could not register the client: The client application settings are not valid. (redirectUris');

    const made = await run(
      [
        'client',
        'create',
        '--application',
        'SPOT',
        '--name',
        'SPOT',
        '--kind',
        'web',
        '--redirect-uri',
        'https://spot.example.test/a',
      ],
      config,
    );
    expect(made.code).toBe(0);
    const clientId = /client ID: +(\S+)/.exec(made.out)?.[1] ?? '';
    const secret = /client secret: +(\S+)/.exec(made.out)?.[1] ?? '';
    expect(clientId).toMatch(/^[0-9a-f]{32}$/);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const listed = await run(['client', 'list'], config);
    expect(listed.out).toContain(`${clientId}  SPOT  web  SPOT`);
    expect(listed.out).toContain('redirect URI: https://spot.example.test/a');
    expect(listed.out).not.toContain(secret);

    const rotated = await run(['client', 'rotate-secret', '--client-id', clientId], config);
    expect(rotated.code).toBe(0);
    expect(/client secret: +(\S+)/.exec(rotated.out)?.[1]).not.toBe(secret);
    expect(await run(['client', 'rotate-secret', '--client-id', 'nobody'], config)).toMatchObject({ code: 1 });

    expect(await run(['client', 'delete', '--client-id', clientId], config)).toMatchObject({ code: 0 });
    expect((await run(['client', 'list'], config)).out).toBe('No clients are registered.');

    const keys = await run(['oidc', 'rotate-keys'], config);
    expect(keys.code).toBe(0);
    expect(keys.out).toMatch(/^New signing key [0-9a-f-]{36}, signing from \d{4}-\d\d-\d\dT/);
  });
});

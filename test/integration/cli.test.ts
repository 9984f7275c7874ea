import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli.js';
import type { Config } from '../../server/config/config.js';
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
  it.each([['serve'], ['migrate'], ['admin', 'create'], ['demo'], ['sweep'], ['audit', 'verify'], ['mail', 'test']])(
    '`rolecall %s --help` prints that command’s usage and does nothing else',
    async (...words) => {
      const { config, file } = freshConfig();
      for (const flag of ['--help', '-h']) {
        const answer = await run([...words, flag], config);
        expect(answer.code).toBe(0);
        expect(answer.out).toContain(`Usage: rolecall ${words.join(' ')}`);
        expect(answer.err).toBe('');
      }
      // Neither the database nor anything else was opened or created.
      expect(existsSync(file)).toBe(false);
    },
  );

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
});

import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../../bench/lib/server-process.js';

/** `rolecall serve` from the sources, in a process of its own: what an operator starts, several times over. */
export interface RolecallProcess {
  readonly url: string;
  readonly pid: number;
  /** The last lines it wrote to stderr, for a failure's message. */
  stderr(): string;
  /** Asks it to stop (SIGTERM) and waits until it has. */
  stop(): Promise<void>;
  /** Kills it at once (SIGKILL), as a crash or an out-of-memory killer would. */
  kill(): Promise<void>;
}

/** Starts a server with the given ROLECALL_* settings and waits until it answers /healthz. */
export async function startRolecallProcess(env: Record<string, string>): Promise<RolecallProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', resolve('server/cli.ts'), 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      ROLECALL_ENV: 'test',
      ROLECALL_HOST: '127.0.0.1',
      ROLECALL_PORT: String(port),
      ROLECALL_PUBLIC_URL: url,
      ROLECALL_LOG_LEVEL: 'warn',
      ROLECALL_WEB_DIR: resolve('dist/web'),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  let alive = true;
  void exited.then(() => (alive = false));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!alive) throw new Error(`the server exited before answering:\n${stderr}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer within a minute:\n${stderr}`);
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }

  const signal = async (name: NodeJS.Signals) => {
    if (alive) child.kill(name);
    await exited;
  };
  return { url, pid: child.pid!, stderr: () => stderr, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') };
}

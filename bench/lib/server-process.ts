import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** The built server the benchmarks run, as `npm start` runs it (no TypeScript loader in the process). */
export const SERVER_ENTRY = resolve('dist/server/cli.js');

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** Resident memory of the server process now, in bytes (Linux /proc). */
  rss(): number;
  stop(): Promise<void>;
}

/** A TCP port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/** VmRSS of a process, in bytes. */
export function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/**
 * Starts `rolecall serve` in its own process with the given ROLECALL_* settings (jobs off, so no
 * sweep runs under a measurement) and waits until it answers /healthz.
 */
export async function startServerProcess(env: Record<string, string>, nodeArguments: string[] = []): Promise<ServerProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...nodeArguments, SERVER_ENTRY, 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      ROLECALL_ENV: 'production',
      ROLECALL_ALLOW_HTTP: 'true',
      ROLECALL_HOST: '127.0.0.1',
      ROLECALL_PORT: String(port),
      ROLECALL_PUBLIC_URL: `http://127.0.0.1:${port}`,
      ROLECALL_LOG_LEVEL: 'warn',
      ROLECALL_JOBS: 'false',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not start within 60 s: ${stderr}`);
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    rss: () => rssOf(pid),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

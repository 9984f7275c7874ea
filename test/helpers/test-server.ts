import type { FastifyInstance } from 'fastify';
import { freePort } from '../../bench/lib/server-process.js';
import type { AppContext } from '../../server/context.js';
import type { ManualClock } from '../../server/shared/clock.js';
import { createTestApp, type TestContextOptions } from './test-context.js';
import type { TestDatabase } from './test-database.js';

export interface TestServer {
  /** http://localhost:PORT — also the server's public URL, so emailed links and WebAuthn work. */
  readonly url: string;
  /** The server's own context, for arranging data as other people's actions would. */
  readonly ctx: AppContext;
  readonly clock: ManualClock;
  /** The same app, for arranging data through the API with app.inject. */
  readonly app: FastifyInstance;
  /** The server's database, for a second connection to it (ownConnectionConfig). */
  readonly testDatabase: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real server on a fresh SQLite database, serving the built web app on a free port. It is
 * reached as localhost (not 127.0.0.1) because WebAuthn accepts only a domain as relying party.
 */
export async function startTestServer(options: TestContextOptions = {}): Promise<TestServer> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const testApp = await createTestApp({ ...options, env: { ROLECALL_PUBLIC_URL: url, ...options.env } });
  await testApp.app.listen({ host: '127.0.0.1', port });
  return {
    url,
    ctx: testApp.ctx,
    clock: testApp.clock,
    app: testApp.app,
    testDatabase: testApp.testDatabase,
    close: () => testApp.close(),
  };
}

import type { AppContext } from '../../server/context.js';
import type { ManualClock } from '../../server/shared/clock.js';
import { createTestApp, type TestContextOptions } from './test-context.js';

export interface TestServer {
  readonly url: string;
  /** The server's own context, for arranging data as other people's actions would. */
  readonly ctx: AppContext;
  readonly clock: ManualClock;
  close(): Promise<void>;
}

/** The real server on a fresh SQLite database, serving the built web app on a free port. */
export async function startTestServer(options: TestContextOptions = {}): Promise<TestServer> {
  const testApp = await createTestApp(options);
  const url = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  return { url, ctx: testApp.ctx, clock: testApp.clock, close: () => testApp.close() };
}

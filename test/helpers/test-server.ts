import { createTestApp, type TestContextOptions } from './test-context.js';

export interface TestServer {
  readonly url: string;
  close(): Promise<void>;
}

/** The real server on a fresh SQLite database, serving the built web app on a free port. */
export async function startTestServer(options: TestContextOptions = {}): Promise<TestServer> {
  const testApp = await createTestApp(options);
  const address = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  return { url: address, close: () => testApp.close() };
}

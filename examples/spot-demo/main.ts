import { createServer } from 'node:http';
import { createSpotDemo } from './spot-demo.js';

/*
 * `npm run spot-demo`: the SPOT demo on http://localhost:4000, signing people in through the
 * Rolecall at ROLECALL_URL with the clients `rolecall demo` registers. Every setting can be
 * changed through the environment, for a Rolecall elsewhere or clients of your own.
 */

const setting = (name: string, fallback: string) => process.env[name] ?? fallback;

const port = Number(setting('SPOT_DEMO_PORT', '4000'));
const publicUrl = setting('SPOT_DEMO_URL', `http://localhost:${port}`);
const rolecallUrl = setting('ROLECALL_URL', 'http://localhost:3000');

try {
  const handler = await createSpotDemo({
    rolecallUrl,
    publicUrl,
    web: {
      clientId: setting('SPOT_DEMO_CLIENT_ID', 'spot-demo'),
      clientSecret: setting('SPOT_DEMO_CLIENT_SECRET', 'Try-Rolecall-Demo-Client-2026'),
    },
    service: {
      clientId: setting('SPOT_DEMO_SERVICE_CLIENT_ID', 'spot-demo-service'),
      clientSecret: setting('SPOT_DEMO_SERVICE_CLIENT_SECRET', 'Try-Rolecall-Demo-Service-2026'),
    },
  });
  createServer(handler).listen(port, '127.0.0.1', () => {
    console.log(`SPOT demo: ${publicUrl} (signing in through Rolecall at ${rolecallUrl})`);
  });
} catch (error) {
  console.error(
    `The SPOT demo could not reach Rolecall at ${rolecallUrl}: ${error instanceof Error ? error.message : String(error)}\n` +
      'Start Rolecall (npm start) and load the demo (npm run rolecall -- demo) first.',
  );
  process.exitCode = 1;
}

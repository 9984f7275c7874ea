import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const viteConfig = fileURLToPath(new URL('../../vite.config.ts', import.meta.url));

// The browser scenarios exercise the web app exactly as it ships: built once into dist/web,
// then served by the real server.
export default async function buildWebApp(): Promise<void> {
  // Vitest sets NODE_ENV=test, and Vite would honour it with development builds of React and
  // friends; the scenarios must run the production bundle.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: viteConfig, mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

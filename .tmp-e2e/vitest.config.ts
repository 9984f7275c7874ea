import { defineConfig } from 'vitest/config';
export default defineConfig({ test: { include: ['.tmp-e2e/e2e/**/*.e2e.test.ts'], globalSetup: ['test/browser/global-setup.ts'], fileParallelism: false } });

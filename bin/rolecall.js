#!/usr/bin/env node
// The `rolecall` command: runs the compiled CLI (npm run build compiles it into dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/server/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('Rolecall is not built yet: run `npm run build` first (or `npm run rolecall -- <command>` from source).');
  process.exit(1);
}
process.argv[1] = cli;
await import(cli);

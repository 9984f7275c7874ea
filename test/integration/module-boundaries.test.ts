import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { importCycles, moduleGraph, sourcesBelow } from '../helpers/module-graph.js';

const server = resolve('server');

describe('module boundaries', () => {
  it('lint refuses a module importing another module’s repository, and lets it import its own', async () => {
    const eslint = new ESLint();
    const planted =
      "import { findUserByUserId } from '../accounts/accounts.repository.js';\nexport const f = findUserByUserId;\n";
    const [refused] = await eslint.lintText(planted, { filePath: resolve('server/modules/requests/planted.ts') });
    expect(refused?.messages.map((message) => message.ruleId)).toContain('no-restricted-imports');
    const fromRoot = "import { insertUser } from './modules/accounts/accounts.repository.js';\nexport const g = insertUser;\n";
    const [alsoRefused] = await eslint.lintText(fromRoot, { filePath: resolve('server/planted.ts') });
    expect(alsoRefused?.messages.map((message) => message.ruleId)).toContain('no-restricted-imports');
    const own = "import { findUserByUserId } from './accounts.repository.js';\nexport const h = findUserByUserId;\n";
    const [allowed] = await eslint.lintText(own, { filePath: resolve('server/modules/accounts/planted.ts') });
    expect(allowed?.messages.filter((message) => message.ruleId === 'no-restricted-imports')).toEqual([]);
  });

  it('finds a planted cycle between modules, through a third one too, and ignores type-only imports', () => {
    const planted = new Map([
      [`${server}/modules/alpha/alpha.service.ts`, "import { b } from '../beta/beta.service.js';\n"],
      [`${server}/modules/beta/beta.service.ts`, "import { c } from '../gamma/gamma.service.js';\n"],
      [`${server}/modules/gamma/gamma.service.ts`, "import { a } from '../alpha/alpha.service.js';\n"],
      [`${server}/modules/delta/delta.service.ts`, "import type { A } from '../alpha/alpha.service.js';\n"],
      [`${server}/modules/alpha/alpha.policy.ts`, "import type { D } from '../delta/delta.service.js';\n"],
    ]);
    expect(importCycles(moduleGraph(server, planted))).toEqual([['alpha', 'beta', 'gamma']]);
  });

  it('holds for the server as it is: no module imports, at run time, one that imports it back', () => {
    const graph = moduleGraph(server, sourcesBelow(server));
    expect(graph.size).toBeGreaterThan(3);
    expect(importCycles(graph)).toEqual([]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/*
 * The server's modules (server/modules/<name>) and which import which, for the boundary checks:
 * only imports that exist at run time count (`import type` is erased), since those are what
 * make one module load another.
 */

const VALUE_IMPORT = /^import\s+(?!type\s)[^;]*?from\s+'(\.[^']+)';/gms;

/** Every .ts file below `dir` but tests, by its path, with its source. */
export function sourcesBelow(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    const path = join(entry.parentPath, entry.name);
    found.set(path, readFileSync(path, 'utf8'));
  }
  return found;
}

/** The module a file belongs to, from its path under `root` (…/modules/<name>/…), if any. */
export function moduleOf(root: string, path: string): string | undefined {
  const match = /^modules\/([^/]+)\//.exec(relative(root, path).replaceAll('\\', '/'));
  return match?.[1];
}

/** Module → the other modules it imports at run time. */
export function moduleGraph(root: string, sources: Map<string, string>): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [path, source] of sources) {
    const from = moduleOf(root, path);
    if (!from) continue;
    for (const match of source.matchAll(VALUE_IMPORT)) {
      const target = normalize(join(dirname(path), match[1] ?? ''));
      const to = moduleOf(root, target);
      if (!to || to === from) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)?.add(to);
    }
  }
  return graph;
}

/** The groups of modules that import each other, directly or through others (strongly connected). */
export function importCycles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node) ?? 0, index.get(target) ?? 0));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    for (;;) {
      const member = stack.pop() as string;
      onStack.delete(member);
      group.push(member);
      if (member === node) break;
    }
    if (group.length > 1 || graph.get(node)?.has(node)) cycles.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

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

/*
 * Which tables each module's queries touch, for the table-ownership check: every Kysely call that
 * names a table (selectFrom, a join, or a write), with the table as a string literal, alone or
 * `as` an alias, or in an array of them. A table named any other way (a variable, raw SQL) is not
 * seen; the modules name their tables as literals.
 */

const WRITES = ['updateTable', 'insertInto', 'replaceInto', 'mergeInto', 'deleteFrom'] as const;
const READS = [
  'selectFrom',
  'innerJoin',
  'leftJoin',
  'rightJoin',
  'fullJoin',
  'crossJoin',
  'innerJoinLateral',
  'leftJoinLateral',
  'crossJoinLateral',
] as const;
const TABLE_CALL = new RegExp(
  String.raw`\.\s*(${[...WRITES, ...READS].join('|')})\s*(?:<[^>()]*>\s*)?\(\s*(\[[^\]]*\]|'[^']*'|"[^"]*"|` + '`[^`]*`)',
  'g',
);
const TABLE_NAME = /['"`]\s*([A-Za-z_][A-Za-z0-9_]*)(?:\s+as\s+[A-Za-z_][A-Za-z0-9_]*)?\s*['"`]/g;

export interface TableAccess {
  table: string;
  call: string;
  access: 'read' | 'write';
  /** 1-based. */
  line: number;
}

/** The tables a source's queries name, in the order they appear. */
export function tableAccesses(source: string): TableAccess[] {
  const found: TableAccess[] = [];
  for (const match of source.matchAll(TABLE_CALL)) {
    const call = match[1] ?? '';
    const line = source.slice(0, match.index).split('\n').length;
    for (const name of (match[2] ?? '').matchAll(TABLE_NAME)) {
      found.push({
        table: name[1] ?? '',
        call,
        access: (WRITES as readonly string[]).includes(call) ? 'write' : 'read',
        line,
      });
    }
  }
  return found;
}

/** A module's allowed use of a table it does not own, with the reason. */
export interface TableException {
  module: string;
  table: string;
  access: 'read';
  reason: string;
}

/**
 * Each query of a module (a file under `root`/modules/<name>/) on a table it does not own and no
 * exception allows, as "file:line: call('table'): table belongs to owner".
 */
export function tableOwnershipViolations(
  root: string,
  sources: Map<string, string>,
  owners: Readonly<Record<string, readonly string[]>>,
  exceptions: readonly TableException[],
): string[] {
  const ownerOf = new Map<string, string>();
  for (const [module, tables] of Object.entries(owners)) for (const table of tables) ownerOf.set(table, module);
  const violations: string[] = [];
  for (const [path, source] of sources) {
    const module = moduleOf(root, path);
    if (!module) continue;
    for (const access of tableAccesses(source)) {
      const owner = ownerOf.get(access.table);
      if (owner === module) continue;
      const allowed = exceptions.some(
        (exception) => exception.module === module && exception.table === access.table && exception.access === access.access,
      );
      if (allowed) continue;
      const file = relative(dirname(root), path).replaceAll('\\', '/');
      violations.push(
        `${file}:${access.line}: ${access.call}('${access.table}'): ${access.table} belongs to ${owner ?? 'no module'}` +
          (owner ? ', reach it through its service' : ''),
      );
    }
  }
  return violations;
}

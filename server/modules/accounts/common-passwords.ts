import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/*
 * The common and breached password list: `passwords.json` of @zxcvbn-ts/language-common, about
 * 49,000 passwords ranked from public breach corpora. Read once, on first use, into a Set of
 * lower-cased entries.
 */
let commonPasswords: ReadonlySet<string> | undefined;

function loadCommonPasswords(): ReadonlySet<string> {
  const entry = createRequire(import.meta.url).resolve('@zxcvbn-ts/language-common');
  const file = join(dirname(entry), '..', 'src', 'passwords.json');
  const list = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(list) || list.length < 10_000)
    throw new Error(`The common password list at ${file} is missing or truncated`);
  return new Set(list.map((password) => String(password).toLowerCase()));
}

function passwords(): ReadonlySet<string> {
  commonPasswords ??= loadCommonPasswords();
  return commonPasswords;
}

/**
 * Whether a password is on the list, as typed or once its leading and trailing digits and
 * symbols are removed ("Password123456789!" is "password" dressed up to pass the length rule).
 */
export function isCommonPassword(password: string): boolean {
  const lowered = password.toLowerCase();
  if (passwords().has(lowered)) return true;
  const core = lowered.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return core.length > 0 && core !== lowered && passwords().has(core);
}

/** How many passwords the list holds (reported at start and in tests). */
export function commonPasswordCount(): number {
  return passwords().size;
}

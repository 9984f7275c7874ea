import { CompiledQuery } from 'kysely';
import type { Reader } from '../../db/database.js';

export interface AccessQuestion {
  /** Rolecall's id of the user (the `sub` applications know them by). */
  readonly userId: string;
  readonly applicationId: string;
  /** The role's code in the application's catalog, e.g. `end_user`. */
  readonly roleCode: string;
  /** The organization the role is held for; '' for an application-wide role. */
  readonly organizationId: string;
}

export interface HoldingEvidence {
  readonly userStatus: string;
  /** The due date of each active holding that answers the question (null: never due). */
  readonly dueDates: readonly (string | null)[];
}

/** The question's fields, by the placeholder values the statement is compiled with. */
const PLACEHOLDERS = {
  userId: '\u0000user',
  applicationId: '\u0000application',
  roleCode: '\u0000role',
  organizationId: '\u0000organization',
} as const satisfies Record<keyof AccessQuestion, string>;

/**
 * Everything an access decision needs, in one statement: the user's status and the active
 * holdings of the role, or of a role that includes it, in the organization. The roles are matched
 * by code inside the statement, so a catalog change is seen by the next check and no catalog is
 * loaded per check; each holding is one seek in the (user, application, organization, role,
 * status) index. One row per role that answers the code (one with no role when none does).
 */
function holdingStatement(db: Reader) {
  return db
    .selectFrom('users as u')
    .leftJoin('roles as asked', (join) =>
      join.on('asked.application_id', '=', PLACEHOLDERS.applicationId).on('asked.code', '=', PLACEHOLDERS.roleCode),
    )
    .leftJoin('roles as r', (join) =>
      join
        .onRef('r.application_id', '=', 'asked.application_id')
        .on((eb) => eb.or([eb('r.id', '=', eb.ref('asked.id')), eb('r.includes_role_id', '=', eb.ref('asked.id'))])),
    )
    .leftJoin('role_assignments as ra', (join) =>
      join
        .onRef('ra.user_id', '=', 'u.id')
        .onRef('ra.application_id', '=', 'r.application_id')
        .on('ra.organization_id', '=', PLACEHOLDERS.organizationId)
        .onRef('ra.role_id', '=', 'r.id')
        .on('ra.status', '=', 'active'),
    )
    .select(['u.status as user_status', 'ra.id as assignment_id', 'ra.certification_due_at'])
    .where('u.id', '=', PLACEHOLDERS.userId);
}

type HoldingRow = { user_status: string; assignment_id: string | null; certification_due_at: string | null };

/**
 * The statement is built and compiled once per connection handle: building it with the query
 * builder cost twice what running it does, and this is every application's hot path.
 */
const compiled = new WeakMap<Reader, { sql: string; fields: (keyof AccessQuestion | undefined)[]; constants: unknown[] }>();

function compiledFor(db: Reader) {
  let statement = compiled.get(db);
  if (!statement) {
    const query = holdingStatement(db).compile();
    const fieldOf = new Map<unknown, keyof AccessQuestion>(
      Object.entries(PLACEHOLDERS).map(([field, value]) => [value, field as keyof AccessQuestion]),
    );
    statement = {
      sql: query.sql,
      fields: query.parameters.map((parameter) => fieldOf.get(parameter)),
      constants: [...query.parameters],
    };
    compiled.set(db, statement);
  }
  return statement;
}

/** The user's status and the due dates of the holdings that answer the question; undefined for no such user. */
export async function findHoldingEvidence(db: Reader, question: AccessQuestion): Promise<HoldingEvidence | undefined> {
  const statement = compiledFor(db);
  const parameters = statement.fields.map((field, index) => (field ? question[field] : statement.constants[index]));
  const { rows } = await db.executeQuery<HoldingRow>(CompiledQuery.raw(statement.sql, parameters));
  const first = rows[0];
  if (!first) return undefined;
  return {
    userStatus: first.user_status,
    dueDates: rows.filter((row) => row.assignment_id !== null).map((row) => row.certification_due_at),
  };
}

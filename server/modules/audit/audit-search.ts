import type { Static } from 'typebox';
import type { Database, Reader } from '../../db/database.js';
import type { AuditLogRow } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { Caller } from '../../shared/actor.js';
import { toCsv } from '../../shared/csv.js';
import type { KeysetPage } from '../../shared/keyset.js';
import { auditScopeOf, mayVerifyAudit } from './audit.policy.js';
import { findAuditRow, searchAuditRows, type AuditFilter } from './audit.repository.js';
import type { AuditEntry, AuditQuery } from './audit.schemas.js';
import type { AuditLog, AuditVerification } from './audit.service.js';

export type AuditEntryView = Static<typeof AuditEntry>;
export type AuditSearchQuery = Omit<Static<typeof AuditQuery>, 'cursor' | 'limit'>;

/** Who acted, as the search shows them. */
interface ActingPerson {
  userId: string;
  firstName: string;
  lastName: string;
}

export interface AuditSearch {
  /** One page of the entries the caller may read that match, newest first. */
  search(caller: Caller, query: AuditSearchQuery, page: { cursor?: string; limit: number }): Promise<KeysetPage<AuditEntryView>>;
  /** One entry; `resource.not_found` when the caller may not read it. */
  entry(caller: Caller, id: string): Promise<AuditEntryView>;
  /**
   * Every matching entry the caller may read, newest first, as CSV (with a header line) or JSON
   * Lines, a page at a time: memory stays flat at any size. Refused before the first line.
   */
  export(caller: Caller, query: AuditSearchQuery, format: 'csv' | 'jsonl'): Promise<AsyncIterable<string>>;
  /** The whole chain checked (administrators). */
  verify(caller: Caller): Promise<AuditVerification>;
  /**
   * A person's latest sign-in attempts, newest first, as the audit log recorded them: for the
   * help desk console, which decides who may see them.
   */
  signInsOf(userId: string, limit: number): Promise<SignInAttempt[]>;
}

/** One sign-in attempt: when, from where, and whether the password was accepted (and if not, why). */
export interface SignInAttempt {
  at: string;
  succeeded: boolean;
  /** Why a failed attempt failed (`password`, `locked`, `disabled`, `email_unverified`…), or null. */
  reason: string | null;
  ip: string | null;
}

/** The audit actions that end a sign-in, one way or the other (sign-in.service.ts). */
const SIGN_IN_ACTIONS = ['sign_in.succeeded', 'sign_in.failed'] as const;

/** Entries read per statement by the export. */
const EXPORT_PAGE = 1000;

const CSV_COLUMNS = [
  'seq',
  'id',
  'occurred_at',
  'actor_kind',
  'actor_user_id',
  'actor_name',
  'action',
  'target_type',
  'target_id',
  'application_id',
  'organization_id',
  'ip',
  'request_id',
  'before',
  'after',
] as const;

/*
 * The audit search, for administrators and (over its applications) the help desk. The people
 * who acted and the help desk's applications come from the accounts and assignments modules,
 * which themselves write to the audit log: they are given here as functions.
 */
export function createAuditSearch(deps: {
  database: Database;
  audit: AuditLog;
  peopleByIds: (db: Reader, ids: readonly string[]) => Promise<Map<string, ActingPerson>>;
  /** The internal id of a user ID, if anyone has it. */
  idOfUserId: (userId: string) => Promise<string | undefined>;
  helpDeskApplicationIds: (db: Reader, userId: string) => Promise<string[]>;
}): AuditSearch {
  const { database } = deps;

  /** The filter for the caller's query within what they may read; null when nothing can match. */
  async function filterFor(caller: Caller, query: AuditSearchQuery): Promise<AuditFilter | null> {
    const scope = auditScopeOf(caller, await deps.helpDeskApplicationIds(database.db, caller.id));
    if (!scope) throw new AppError('auth.forbidden');
    let actorId: string | undefined;
    if (query.actor !== undefined) {
      actorId = await deps.idOfUserId(query.actor);
      if (actorId === undefined) return null;
    }
    return {
      actorId,
      action: query.action,
      targetType: query.targetType,
      targetId: query.targetId,
      applicationId: query.applicationId,
      organizationId: query.organizationId,
      from: query.from && new Date(query.from).toISOString(),
      to: query.to && new Date(query.to).toISOString(),
      withinApplicationIds: 'all' in scope ? undefined : scope.applicationIds,
    };
  }

  async function views(rows: readonly AuditLogRow[]): Promise<AuditEntryView[]> {
    const actorIds = [...new Set(rows.flatMap((row) => (row.actor_id ? [row.actor_id] : [])))];
    const people = await deps.peopleByIds(database.db, actorIds);
    return rows.map((row) => {
      const person = row.actor_id ? people.get(row.actor_id) : undefined;
      return {
        id: row.id,
        seq: Number(row.seq),
        occurredAt: row.occurred_at,
        actor: {
          kind: row.actor_kind,
          id: row.actor_id,
          userId: person?.userId ?? null,
          name: person ? `${person.firstName} ${person.lastName}` : null,
        },
        action: row.action,
        target: row.target_type && row.target_id ? { type: row.target_type, id: row.target_id } : null,
        applicationId: row.application_id,
        organizationId: row.organization_id,
        before: row.before_json === null ? null : (JSON.parse(row.before_json) as unknown),
        after: row.after_json === null ? null : (JSON.parse(row.after_json) as unknown),
        ip: row.ip,
        requestId: row.request_id,
      };
    });
  }

  function csvLine(entry: AuditEntryView): string {
    const json = (value: unknown) => (value === null ? '' : JSON.stringify(value));
    return toCsv([
      String(entry.seq),
      entry.id,
      entry.occurredAt,
      entry.actor.kind,
      entry.actor.userId ?? '',
      entry.actor.name ?? '',
      entry.action,
      entry.target?.type ?? '',
      entry.target?.id ?? '',
      entry.applicationId ?? '',
      entry.organizationId ?? '',
      entry.ip ?? '',
      entry.requestId ?? '',
      json(entry.before),
      json(entry.after),
    ]);
  }

  async function* lines(filter: AuditFilter | null, format: 'csv' | 'jsonl'): AsyncGenerator<string> {
    if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\r\n`;
    if (!filter) return;
    let beforeSeq: number | undefined;
    for (;;) {
      const rows = await searchAuditRows(database.db, filter, { beforeSeq, limit: EXPORT_PAGE });
      const entries = await views(rows);
      yield entries.map((entry) => (format === 'csv' ? `${csvLine(entry)}\r\n` : `${JSON.stringify(entry)}\n`)).join('');
      if (rows.length < EXPORT_PAGE) return;
      beforeSeq = Number(rows.at(-1)!.seq);
    }
  }

  return {
    async search(caller, query, page) {
      const filter = await filterFor(caller, query);
      if (!filter) return { items: [], nextCursor: null };
      const rows = await searchAuditRows(database.db, filter, {
        beforeSeq: page.cursor === undefined ? undefined : Number(page.cursor),
        limit: page.limit + 1,
      });
      const shown = rows.slice(0, page.limit);
      return {
        items: await views(shown),
        nextCursor: rows.length > page.limit ? String(shown.at(-1)!.seq) : null,
      };
    },

    async entry(caller, id) {
      const scope = auditScopeOf(caller, await deps.helpDeskApplicationIds(database.db, caller.id));
      const row = scope ? await findAuditRow(database.db, id) : undefined;
      const readable =
        row && scope && ('all' in scope || (row.application_id !== null && scope.applicationIds.includes(row.application_id)));
      if (!row || !readable) throw new AppError('resource.not_found');
      const [view] = await views([row]);
      return view!;
    },

    async export(caller, query, format) {
      return lines(await filterFor(caller, query), format);
    },

    async verify(caller) {
      if (!mayVerifyAudit(caller)) throw new AppError('auth.forbidden');
      return deps.audit.verify(database.db);
    },

    async signInsOf(userId, limit) {
      const rows = await searchAuditRows(
        database.db,
        { targetType: 'user', targetId: userId, actions: SIGN_IN_ACTIONS },
        { limit },
      );
      return rows.map((row) => {
        const after = row.after_json === null ? null : (JSON.parse(row.after_json) as { reason?: unknown });
        return {
          at: row.occurred_at,
          succeeded: row.action === 'sign_in.succeeded',
          reason: typeof after?.reason === 'string' ? after.reason : null,
          ip: row.ip,
        };
      });
    },
  };
}

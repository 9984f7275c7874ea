import type { Transaction } from 'kysely';
import type { DialectKind } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { chunks, itemsQuery, toItem, type DueAssignment, type ItemRow } from './due-items.repository.js';

/*
 * Writing certification decisions: the named items locked for a decision and the decision rows
 * (one per assignment and due date). A certified role is moved to its next due date through the
 * assignments service (recordCertification).
 */

/** Locks and reads assignments by id, in id order, whatever their state (the caller classifies them). */
export async function lockAssignments(
  trx: Transaction<DB>,
  dialect: DialectKind,
  ids: readonly string[],
): Promise<DueAssignment[]> {
  const sorted = [...new Set(ids)].sort();
  const items: DueAssignment[] = [];
  for (const part of chunks(sorted)) {
    const rows = await itemsQuery(trx)
      .where('ra.id', 'in', part)
      .orderBy('ra.id')
      .$if(dialect === 'postgres', (query) => query.forUpdate('ra'))
      .execute();
    items.push(...rows.map((row) => toItem(row as ItemRow)));
  }
  return items;
}
export type DecisionOutcome = 'certified' | 'revoked' | 'expired';

export interface NewDecision {
  id: string;
  assignmentId: string;
  applicationId: string;
  organizationId: string;
  roleId: string;
  holderId: string;
  certifierId: string | null;
  outcome: DecisionOutcome;
  acknowledgementVersion: number | null;
  dueAt: string;
  nextDueAt: string | null;
  decidedAt: string;
}

/**
 * Inserts decisions; answers the assignment ids whose decision went in. One due date is decided
 * once (a unique index): a decision that lost a race inserts nothing and is left out.
 */
export async function insertDecisions(trx: Transaction<DB>, decisions: readonly NewDecision[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (const part of chunks(decisions)) {
    const rows = await trx
      .insertInto('certification_decisions')
      .values(
        part.map((decision) => ({
          id: decision.id,
          assignment_id: decision.assignmentId,
          application_id: decision.applicationId,
          organization_id: decision.organizationId,
          role_id: decision.roleId,
          holder_id: decision.holderId,
          certifier_id: decision.certifierId,
          outcome: decision.outcome,
          acknowledgement_version: decision.acknowledgementVersion,
          due_at: decision.dueAt,
          next_due_at: decision.nextDueAt,
          decided_at: decision.decidedAt,
        })),
      )
      .onConflict((oc) => oc.columns(['assignment_id', 'due_at']).doNothing())
      .returning('assignment_id')
      .execute();
    for (const row of rows) inserted.add(row.assignment_id);
  }
  return inserted;
}

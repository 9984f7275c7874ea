import type { Selectable, Transaction } from 'kysely';
import type { Reader } from '../../db/database.js';
import type { DialectKind } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import type { NewOrganizationData, OrganizationUpdateData } from './organization-form-fields.js';

export type FormKind = 'new_organization' | 'update';
/** submitted → approved | returned (→ submitted again) | rejected; withdrawn by its submitter. */
export type FormStatus = 'submitted' | 'returned' | 'approved' | 'rejected' | 'withdrawn';

interface StoredFormBase {
  id: string;
  trackingNumber: string;
  applicationId: string;
  organizationId: string | null;
  submittedBy: string;
  status: FormStatus;
  signatureName: string;
  signedAt: string;
  reviewReason: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  issuedSubmitterId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StoredNewOrganizationForm extends StoredFormBase {
  kind: 'new_organization';
  data: NewOrganizationData;
  tinEncrypted: string;
  tinLastDigits: string;
}

export interface StoredUpdateForm extends StoredFormBase {
  kind: 'update';
  data: OrganizationUpdateData;
}

export type StoredForm = StoredNewOrganizationForm | StoredUpdateForm;

type Row = Selectable<DB['organization_forms']>;

function toForm(row: Row): StoredForm {
  const base: StoredFormBase = {
    id: row.id,
    trackingNumber: row.tracking_number,
    applicationId: row.application_id,
    organizationId: row.organization_id,
    submittedBy: row.submitted_by,
    status: row.status as FormStatus,
    signatureName: row.signature_name,
    signedAt: row.signed_at,
    reviewReason: row.review_reason,
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at,
    issuedSubmitterId: row.issued_submitter_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.kind === 'update') return { ...base, kind: 'update', data: JSON.parse(row.data_json) as OrganizationUpdateData };
  return {
    ...base,
    kind: 'new_organization',
    data: JSON.parse(row.data_json) as NewOrganizationData,
    tinEncrypted: row.tin_encrypted ?? '',
    tinLastDigits: row.tin_last_digits ?? '',
  };
}

/** The columns of a form that change as it moves along: everything but its identity. */
function changingColumns(form: StoredForm) {
  return {
    organization_id: form.organizationId,
    status: form.status,
    data_json: JSON.stringify(form.data),
    tin_encrypted: form.kind === 'new_organization' ? form.tinEncrypted : null,
    tin_last_digits: form.kind === 'new_organization' ? form.tinLastDigits : null,
    signature_name: form.signatureName,
    signed_at: form.signedAt,
    review_reason: form.reviewReason,
    reviewed_by: form.reviewedBy,
    reviewed_at: form.reviewedAt,
    issued_submitter_id: form.issuedSubmitterId,
    updated_at: form.updatedAt,
  };
}

export async function insertForm(trx: Transaction<DB>, form: StoredForm): Promise<void> {
  await trx
    .insertInto('organization_forms')
    .values({
      id: form.id,
      tracking_number: form.trackingNumber,
      application_id: form.applicationId,
      kind: form.kind,
      submitted_by: form.submittedBy,
      created_at: form.createdAt,
      ...changingColumns(form),
    })
    .execute();
}

/** Writes a form's changed state; its kind, tracking number and submitter never change. */
export async function saveForm(trx: Transaction<DB>, form: StoredForm): Promise<void> {
  await trx.updateTable('organization_forms').set(changingColumns(form)).where('id', '=', form.id).execute();
}

export async function findForm(db: Reader, id: string): Promise<StoredForm | undefined> {
  const row = await db.selectFrom('organization_forms').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toForm(row);
}

/**
 * The form, read for a change: on PostgreSQL the row stays locked until the transaction ends, so
 * two help desk staff reviewing one form at once are decided one after the other. SQLite has a
 * single writer already.
 */
export async function lockForm(trx: Transaction<DB>, dialect: DialectKind, id: string): Promise<StoredForm | undefined> {
  const row = await trx
    .selectFrom('organization_forms')
    .selectAll()
    .where('id', '=', id)
    .$if(dialect === 'postgres', (query) => query.forUpdate())
    .executeTakeFirst();
  return row && toForm(row);
}

/** The help desk queue: submitted forms of these applications, oldest first, after a cursor. */
export async function listSubmitted(
  db: Reader,
  options: { applicationIds: string[]; after?: string; limit: number },
): Promise<StoredForm[]> {
  if (options.applicationIds.length === 0) return [];
  const rows = await db
    .selectFrom('organization_forms')
    .selectAll()
    .where('application_id', 'in', options.applicationIds)
    .where('status', '=', 'submitted')
    .$if(options.after !== undefined, (query) => query.where('id', '>', options.after as string))
    .orderBy('id')
    .limit(options.limit)
    .execute();
  return rows.map(toForm);
}

/** The forms a person submitted, newest first, before a cursor. */
export async function listSubmittedBy(
  db: Reader,
  options: { userId: string; before?: string; limit: number },
): Promise<StoredForm[]> {
  const rows = await db
    .selectFrom('organization_forms')
    .selectAll()
    .where('submitted_by', '=', options.userId)
    .$if(options.before !== undefined, (query) => query.where('id', '<', options.before as string))
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map(toForm);
}

/** An update request of an organization still open (submitted or returned), if any. */
/** How many forms a person has sent (any kind, whatever became of them) after an instant. */
export async function countFormsSentSince(db: Reader, userId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('organization_forms')
    .select((eb) => eb.fn.countAll<number | string>().as('sent'))
    .where('submitted_by', '=', userId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.sent);
}

export async function findOpenUpdate(db: Reader, organizationId: string): Promise<StoredForm | undefined> {
  const row = await db
    .selectFrom('organization_forms')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('kind', '=', 'update')
    .where('status', 'in', ['submitted', 'returned'])
    .executeTakeFirst();
  return row && toForm(row);
}

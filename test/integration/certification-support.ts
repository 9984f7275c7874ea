import type { Person as AccountsPerson } from '../../server/modules/accounts/accounts.service.js';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../server/context.js';
import type { DB } from '../../server/db/schema.js';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import { dueAtOnDay } from '../../server/modules/certification/due-dates.js';
import { newId } from '../../server/shared/ids.js';
import { calendarDateIn } from '../../server/shared/time.js';
import type { ApiClient } from '../helpers/api-client.js';

/*
 * Certification fixtures: people who only hold roles and receive email (they never sign in) are
 * written straight to the database, in bulk, which keeps the 10,000-item tests fast.
 */
let sequence = 0;

export type Person = Pick<AccountsPerson, 'id' | 'userId' | 'firstName' | 'lastName' | 'email'>;

export async function insertPeople(
  ctx: AppContext,
  count: number,
  overrides: Partial<Omit<Person, 'id'>> & { language?: 'en' | 'es' } = {},
  trx?: Transaction<DB>,
): Promise<Person[]> {
  const now = ctx.clock.now().toISOString();
  const people: (Person & { language: string })[] = [];
  for (let index = 0; index < count; index++) {
    sequence += 1;
    const unique = `${Date.now().toString(36)}${sequence}`;
    people.push({
      id: newId(),
      userId: overrides.userId && count === 1 ? overrides.userId : `holder.${unique}`,
      firstName: overrides.firstName ?? 'Riley',
      lastName: overrides.lastName ?? `Holder${sequence}`,
      email: overrides.email && count === 1 ? overrides.email : `holder.${unique}@example.test`,
      language: overrides.language ?? 'en',
    });
  }
  const write = async (db: Transaction<DB>) => {
    for (let start = 0; start < people.length; start += 500) {
      await db
        .insertInto('users')
        .values(
          people.slice(start, start + 500).map((person) => ({
            id: person.id,
            user_id: person.userId,
            user_id_normalized: person.userId.toLowerCase(),
            first_name: person.firstName,
            middle_name: null,
            last_name: person.lastName,
            email: person.email,
            email_normalized: person.email.toLowerCase(),
            email_verified_at: now,
            phone: null,
            language: person.language,
            password_hash: null,
            status: 'active',
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    }
  };
  if (trx) await write(trx);
  else await ctx.database.transaction(write);
  return people;
}

/** Active assignments written in bulk, as an import would, each due at `dueAt`. */
export async function insertAssignments(
  ctx: AppContext,
  role: Role,
  organizationId: string,
  holderIds: readonly string[],
  dueAt: string,
  trx?: Transaction<DB>,
): Promise<string[]> {
  const now = ctx.clock.now().toISOString();
  const ids = holderIds.map(() => newId());
  const write = async (db: Transaction<DB>) => {
    for (let start = 0; start < ids.length; start += 500) {
      await db
        .insertInto('role_assignments')
        .values(
          ids.slice(start, start + 500).map((id, index) => ({
            id,
            user_id: holderIds[start + index] as string,
            application_id: role.applicationId,
            role_id: role.id,
            organization_id: organizationId,
            status: 'active',
            established_at: now,
            last_certified_at: null,
            certification_due_at: dueAt,
            request_id: null,
            removed_at: null,
            removed_by: null,
            removal_kind: null,
            removal_reason: null,
            version: 1,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    }
  };
  if (trx) await write(trx);
  else await ctx.database.transaction(write);
  return ids;
}

export async function setDue(ctx: AppContext, assignmentId: string, dueAt: string): Promise<void> {
  await ctx.database.db
    .updateTable('role_assignments')
    .set({ certification_due_at: dueAt })
    .where('id', '=', assignmentId)
    .execute();
}

/** The due instant of the day `days` calendar days from the test clock's today. */
export function dueInDays(ctx: AppContext, days: number): string {
  const today = calendarDateIn(ctx.clock.now(), ctx.config.timeZone);
  const [year, month, date] = today.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
  return dueAtOnDay(day, ctx.config.timeZone).toISOString();
}

export async function assignmentRow(ctx: AppContext, id: string) {
  return ctx.database.db.selectFrom('role_assignments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function decisionsOf(ctx: AppContext, assignmentId: string) {
  return ctx.database.db
    .selectFrom('certification_decisions')
    .selectAll()
    .where('assignment_id', '=', assignmentId)
    .orderBy('decided_at')
    .execute();
}

export async function currentAcknowledgementVersion(client: ApiClient): Promise<number> {
  const response = await client.get('/api/v1/certifications/acknowledgement');
  return (response.json() as { version: number }).version;
}

export async function decide(
  client: ApiClient,
  body: { outcome: 'certify' | 'revoke'; assignmentIds?: string[]; all?: boolean; reason?: string },
  acknowledgement?: { acknowledged?: boolean; version?: number },
) {
  const version = acknowledgement?.version ?? (await currentAcknowledgementVersion(client));
  return client.post('/api/v1/certifications/decisions', {
    acknowledged: acknowledgement?.acknowledged ?? true,
    acknowledgementVersion: version,
    ...body,
  });
}

export async function listIds(client: ApiClient): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await client.get(`/api/v1/certifications?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    if (response.statusCode !== 200) throw new Error(response.body);
    const page = response.json() as { items: { assignmentId: string }[]; nextCursor: string | null };
    ids.push(...page.items.map((item) => item.assignmentId));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

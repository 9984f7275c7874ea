import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizationNameContains } from '../../server/db/dialect.js';
import {
  insertOrganization,
  searchActiveOrganizations,
  type Organization,
} from '../../server/modules/organizations/organizations.repository.js';
import { systemActor } from '../../server/shared/actor.js';
import { newId } from '../../server/shared/ids.js';
import { searchText, searchWords } from '../../server/shared/search-text.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

const NAMES = [
  'Clínica Santa María, P.A.',
  'Sunshine Family Medicine LLC',
  'Gulf Coast Cardiology Associates',
  'Santa Rosa Pediatrics',
  'Coastal Orthopedic Group',
  '100% Care_Clinic',
];

describe.each(testDialects())('organization search on %s', (dialect) => {
  let t: TestContext;
  let applicationId: string;

  beforeAll(async () => {
    t = await createTestContext({ dialect });
    await t.ctx.catalog.applyFile(systemActor, 'catalog/spot.json');
    applicationId = (await t.ctx.catalog.getApplication('SPOT')).id;
    await t.ctx.database.transaction(async (trx) => {
      for (const [index, name] of NAMES.entries()) {
        const now = t.clock.now().toISOString();
        const organization: Organization = {
          id: newId(),
          applicationId,
          submitterId: `S${String(100001 + index)}`,
          legalName: name,
          tinEncrypted: 'v1.x.y.z',
          tinLastDigits: '6789',
          groupNpi: null,
          ptan: null,
          lineOfBusiness: null,
          location: 'FL',
          address: { line1: '1 Main St', city: 'Jacksonville', state: 'FL', zip: '32202' },
          phone: null,
          fax: null,
          contact: { name: 'Pat Doe', email: 'pat@example.test', phone: '555-0100' },
          approverOnFile: { firstName: 'Pat', lastName: 'Doe', email: 'pat@example.test' },
          backupApproversOnFile: [],
          // The last one waits for its approver: it must never be found.
          status: index === NAMES.length - 1 ? 'awaiting_approver' : 'active',
          orphanedSince: null,
          isDemo: false,
          createdAt: now,
          updatedAt: now,
        };
        await insertOrganization(trx, organization, searchText(name));
      }
    });
  });
  afterAll(async () => t.close());

  const search = async (query: string) =>
    (
      await searchActiveOrganizations(t.ctx.database.db, dialect, {
        applicationId,
        words: searchWords(query),
        submitterId: query.trim(),
        limit: 20,
      })
    ).map((organization) => organization.legalName);

  it('finds words anywhere in the name, in any case and without accents', async () => {
    expect(await search('maria')).toEqual(['Clínica Santa María, P.A.']);
    expect(await search('SANTA')).toEqual(['Clínica Santa María, P.A.', 'Santa Rosa Pediatrics']);
    expect(await search('coast')).toEqual(['Coastal Orthopedic Group', 'Gulf Coast Cardiology Associates']);
    expect(await search('cardio gulf')).toEqual(['Gulf Coast Cardiology Associates']);
    expect(await search('family medicine llc')).toEqual(['Sunshine Family Medicine LLC']);
  });

  it('finds an organization by its exact submitter ID', async () => {
    expect(await search('S100002')).toEqual(['Sunshine Family Medicine LLC']);
    expect(await search('S10000')).toEqual([]);
  });

  it('finds nothing for a name that does not exist, and never an organization awaiting its approver', async () => {
    expect(await search('nonexistent clinic')).toEqual([]);
    expect(await search('care clinic')).toEqual([]);
  });

  it('treats LIKE wildcards as letters', async () => {
    expect(searchWords('100% care_clinic')).toEqual(['100', 'care', 'clinic']);
    expect(await search('%')).toEqual([]);
  });

  it('answers from the trigram index, not a scan of the table', async () => {
    const where = organizationNameContains(dialect, ['cardio']);
    const query = t.ctx.database.db.selectFrom('organizations').select('id').where(where).compile();
    if (dialect === 'sqlite') {
      const plan = await sql
        .raw<{ detail: string }>(`explain query plan ${inline(query.sql, query.parameters)}`)
        .execute(t.ctx.database.db);
      const details = plan.rows.map((row) => row.detail).join('\n');
      expect(details).toMatch(/VIRTUAL TABLE INDEX/);
      expect(details).not.toMatch(/^SCAN organizations$/m);
    } else {
      const plan = await t.ctx.database.db.connection().execute(async (connection) => {
        await sql`set enable_seqscan = off`.execute(connection);
        const result = await sql
          .raw<{ 'QUERY PLAN': string }>(`explain ${inline(query.sql, query.parameters)}`)
          .execute(connection);
        await sql`reset enable_seqscan`.execute(connection);
        return result.rows.map((row) => row['QUERY PLAN']).join('\n');
      });
      expect(plan).toMatch(/organizations_search_trgm_idx/);
    }
  });
});

/** The compiled query with its parameters written in, for EXPLAIN. */
function inline(text: string, parameters: readonly unknown[]): string {
  let index = 0;
  return text.replace(/\?|\$\d+/g, () => `'${String(parameters[index++]).replace(/'/g, "''")}'`);
}

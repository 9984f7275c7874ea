import { sql, type CompiledQuery, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
        // The last one waits for its approver: it must never be found.
        const status = index === NAMES.length - 1 ? 'awaiting_approver' : 'active';
        await insertOrganization(trx, organizationNamed(`S${String(100001 + index)}`, name, status), searchText(name));
      }
    });
  });
  afterAll(async () => t.close());

  const search = async (query: string) =>
    (
      await searchActiveOrganizations(t.ctx.database.db, {
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

  it('matches the start of words, not letters inside them', async () => {
    expect(await search('gulf coa')).toEqual(['Gulf Coast Cardiology Associates']);
    expect(await search('ulf')).toEqual([]);
    expect(await search('ardiology')).toEqual([]);
  });

  it('finds an active organization after many that are not active any more', async () => {
    await t.ctx.database.transaction(async (trx) => {
      for (let index = 0; index < 45; index++) {
        const name = `Dormant Clinic ${String(index).padStart(2, '0')}`;
        await insertOrganization(trx, organizationNamed(`D${100 + index}`, name, 'awaiting_approver'), searchText(name));
      }
      await insertOrganization(trx, organizationNamed('D999', 'Dormant Clinic Zeta'), searchText('Dormant Clinic Zeta'));
    });
    expect(await search('dormant')).toEqual(['Dormant Clinic Zeta']);
  });

  describe('a word shared by thousands of names', () => {
    // More entries than the search counts (2,000): the common word is walked in order, not sorted.
    const COMMON = 2_100;
    beforeAll(async () => {
      await t.ctx.database.transaction(async (trx) => {
        for (let index = 0; index < COMMON; index++) {
          const name =
            index % 100 === 7 ? `Harbor Harborview Clinic ${index}` : `Harbor Clinic ${String(index).padStart(4, '0')}`;
          await insertOrganization(trx, organizationNamed(`H${String(200000 + index)}`, name), searchText(name));
        }
        for (const name of ['Harborview Dental', 'Harbin Family Care']) {
          await insertOrganization(trx, organizationNamed(`H${name.length}${name[5]}`, name), searchText(name));
        }
      });
    });

    it('gives the first names in order, whichever word leads', async () => {
      const expected = Array.from({ length: COMMON }, (_, index) =>
        index % 100 === 7 ? `Harbor Harborview Clinic ${index}` : `Harbor Clinic ${String(index).padStart(4, '0')}`,
      )
        .sort((a, b) => (searchText(a) < searchText(b) ? -1 : 1))
        .slice(0, 20);
      expect(await search('harbor')).toEqual(expected);
      expect(await search('clinic harbor')).toEqual(expected);
      expect(await search('harbor clinic 0012')).toEqual(['Harbor Clinic 0012']);
      expect(await search('harborview')).toEqual([
        'Harbor Harborview Clinic 1007',
        'Harbor Harborview Clinic 107',
        'Harbor Harborview Clinic 1107',
        'Harbor Harborview Clinic 1207',
        'Harbor Harborview Clinic 1307',
        'Harbor Harborview Clinic 1407',
        'Harbor Harborview Clinic 1507',
        'Harbor Harborview Clinic 1607',
        'Harbor Harborview Clinic 1707',
        'Harbor Harborview Clinic 1807',
        'Harbor Harborview Clinic 1907',
        'Harbor Harborview Clinic 2007',
        'Harbor Harborview Clinic 207',
        'Harbor Harborview Clinic 307',
        'Harbor Harborview Clinic 407',
        'Harbor Harborview Clinic 507',
        'Harbor Harborview Clinic 607',
        'Harbor Harborview Clinic 7',
        'Harbor Harborview Clinic 707',
        'Harbor Harborview Clinic 807',
      ]);
    });

    it('walks a common prefix word by word, each organization once', async () => {
      const found = await search('harb');
      // "harbin" first (its own word, one name), then "harbor" in name order; the names that also
      // hold "harborview" are not repeated under it.
      expect(found[0]).toBe('Harbin Family Care');
      expect(found.slice(1)).toEqual((await search('harbor')).slice(0, 19));
      expect(new Set(found).size).toBe(found.length);
    });

    it('reads through indexes only, never a scan of a table', async () => {
      const recorded: CompiledQuery[] = [];
      const executor = t.ctx.database.db.getExecutor();
      const recorder: KyselyPlugin = {
        transformQuery: (args) => {
          recorded.push(executor.compileQuery(args.node, args.queryId));
          return args.node;
        },
        transformResult: (args) => Promise.resolve(args.result),
      };
      const db = t.ctx.database.db.withPlugin(recorder);
      for (const query of ['harbor clinic 0012', 'harb', 'gulf coa', 'S100002']) {
        await searchActiveOrganizations(db, { applicationId, words: searchWords(query), submitterId: query, limit: 20 });
      }
      expect(recorded.length).toBeGreaterThan(8);
      for (const query of recorded) {
        const plan = await explain(query);
        expect({ sql: query.sql, plan }).not.toMatchObject({ plan: expect.stringMatching(/^SCAN (organizations|w)$|Seq Scan/m) });
      }
    });
  });

  async function explain(query: CompiledQuery): Promise<string> {
    if (dialect === 'sqlite') {
      const plan = await sql
        .raw<{ detail: string }>(`explain query plan ${inline(query.sql, query.parameters)}`)
        .execute(t.ctx.database.db);
      return plan.rows.map((row) => row.detail).join('\n');
    }
    return t.ctx.database.db.connection().execute(async (connection) => {
      await sql`set enable_seqscan = off`.execute(connection);
      const result = await sql
        .raw<{ 'QUERY PLAN': string }>(`explain ${inline(query.sql, query.parameters)}`)
        .execute(connection);
      await sql`reset enable_seqscan`.execute(connection);
      return result.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
  }

  function organizationNamed(submitterId: string, name: string, status: Organization['status'] = 'active'): Organization {
    const now = t.clock.now().toISOString();
    return {
      id: newId(),
      applicationId,
      submitterId,
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
      status,
      orphanedSince: null,
      isDemo: false,
      createdAt: now,
      updatedAt: now,
    };
  }
});

/** The compiled query with its parameters written in, for EXPLAIN. */
function inline(text: string, parameters: readonly unknown[]): string {
  let index = 0;
  return text.replace(/\?|\$\d+/g, () => `'${String(parameters[index++]).replace(/'/g, "''")}'`);
}

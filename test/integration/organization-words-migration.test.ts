import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/db/migrate.js';
import { migrations } from '../../server/db/migrations/index.js';
import { searchActiveOrganizations } from '../../server/modules/organizations/organizations.repository.js';
import { searchText, searchWords } from '../../server/shared/search-text.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../helpers/test-database.js';

const NAMES = ['Gulf Coast Family Associates', 'Santa Santa María Clinic', 'A B', ''];

describe.each(testDialects())('the organization word index migration on %s', (dialect) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(dialect);
  });
  afterAll(async () => test.drop());

  it('fills the index from the organizations that exist, and can be undone and done again', async () => {
    const db = test.database.db;
    const migrator = new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve(migrations) },
      ...(test.schema ? { migrationTableSchema: test.schema } : {}),
    });
    const down = await migrator.migrateTo('20261201T090000-approver-lookup-index');
    expect(down.error).toBeUndefined();
    expect(down.results?.map((result) => result.migrationName)).toContain('20261202T090000-organization-words');

    // Organizations created before the index existed.
    const applicationId = 'app-1';
    const now = new Date().toISOString();
    await db
      .insertInto('applications')
      .values({
        id: applicationId,
        code: 'SPOT',
        name: 'SPOT',
        description: '',
        status: 'active',
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const [index, name] of NAMES.entries()) {
      await db
        .insertInto('organizations')
        .values({
          id: `org-${index}`,
          application_id: applicationId,
          submitter_id: `S${index}`,
          legal_name: name,
          search_name: searchText(name),
          tin_encrypted: 'v1.x',
          tin_last_digits: '6789',
          location: 'FL',
          address_json: '{}',
          contact_json: '{}',
          approver_on_file_json: '{}',
          backup_approvers_on_file_json: '[]',
          status: 'active',
          is_demo: 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }

    await migrateToLatest(test.database);
    const rows = await db
      .selectFrom('organization_words')
      .select(['organization_id', 'word', 'search_name'])
      .orderBy('organization_id')
      .orderBy('word')
      .execute();
    const expected = NAMES.flatMap((name, index) =>
      searchWords(name)
        .sort()
        .map((word) => ({ organization_id: `org-${index}`, word, search_name: searchText(name) })),
    );
    expect(rows).toEqual(expected);
    const found = await searchActiveOrganizations(db, {
      applicationId,
      words: searchWords('santa mar'),
      submitterId: '',
      limit: 20,
    });
    expect(found.map((organization) => organization.id)).toEqual(['org-1']);
  });
});

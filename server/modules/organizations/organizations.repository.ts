import type { Transaction } from 'kysely';
import type { Reader } from '../../db/database.js';
import { escapeLike } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { sql, type Selectable, type SelectQueryBuilder, type Updateable } from 'kysely';
import { searchWords } from '../../shared/search-text.js';

export interface Address {
  line1: string;
  line2?: string;
  city: string;
  state: string;
  zip: string;
}

export interface Contact {
  name: string;
  email: string;
  phone: string;
}

export interface PersonOnFile {
  firstName: string;
  lastName: string;
  email: string;
}

/** awaiting_approver: approved form, not yet created by its approver; only active ones are found. */
export type OrganizationStatus = 'awaiting_approver' | 'active' | 'inactive';

export interface Organization {
  id: string;
  applicationId: string;
  submitterId: string;
  legalName: string;
  tinEncrypted: string;
  tinLastDigits: string;
  groupNpi: string | null;
  ptan: string | null;
  lineOfBusiness: string | null;
  location: string | null;
  address: Address;
  phone: string | null;
  fax: string | null;
  contact: Contact;
  approverOnFile: PersonOnFile;
  backupApproversOnFile: PersonOnFile[];
  status: OrganizationStatus;
  orphanedSince: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

type Row = Selectable<DB['organizations']>;

function toOrganization(row: Row): Organization {
  return {
    id: row.id,
    applicationId: row.application_id,
    submitterId: row.submitter_id,
    legalName: row.legal_name,
    tinEncrypted: row.tin_encrypted,
    tinLastDigits: row.tin_last_digits,
    groupNpi: row.group_npi,
    ptan: row.ptan,
    lineOfBusiness: row.line_of_business,
    location: row.location,
    address: JSON.parse(row.address_json) as Address,
    phone: row.phone,
    fax: row.fax,
    contact: JSON.parse(row.contact_json) as Contact,
    approverOnFile: JSON.parse(row.approver_on_file_json) as PersonOnFile,
    backupApproversOnFile: JSON.parse(row.backup_approvers_on_file_json) as PersonOnFile[],
    status: row.status as OrganizationStatus,
    orphanedSince: row.orphaned_since,
    isDemo: row.is_demo === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertOrganization(trx: Transaction<DB>, organization: Organization, searchName: string): Promise<void> {
  await trx
    .insertInto('organizations')
    .values({
      id: organization.id,
      application_id: organization.applicationId,
      submitter_id: organization.submitterId,
      legal_name: organization.legalName,
      search_name: searchName,
      tin_encrypted: organization.tinEncrypted,
      tin_last_digits: organization.tinLastDigits,
      group_npi: organization.groupNpi,
      ptan: organization.ptan,
      line_of_business: organization.lineOfBusiness,
      location: organization.location,
      address_json: JSON.stringify(organization.address),
      phone: organization.phone,
      fax: organization.fax,
      contact_json: JSON.stringify(organization.contact),
      approver_on_file_json: JSON.stringify(organization.approverOnFile),
      backup_approvers_on_file_json: JSON.stringify(organization.backupApproversOnFile),
      status: organization.status,
      orphaned_since: organization.orphanedSince,
      is_demo: organization.isDemo ? 1 : 0,
      created_at: organization.createdAt,
      updated_at: organization.updatedAt,
    })
    .execute();
  // The type-ahead's index: each distinct word of the name, with the name (see searchActiveOrganizations).
  await trx
    .insertInto('organization_words')
    .values(
      searchWords(searchName).map((word) => ({
        application_id: organization.applicationId,
        word,
        search_name: searchName,
        organization_id: organization.id,
      })),
    )
    .execute();
}

export async function findOrganizationById(db: Reader, id: string): Promise<Organization | undefined> {
  const row = await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toOrganization(row);
}

/** Organizations by id, read in chunks of ON_FILE_CHUNK; '' (an application-wide role) and unknown ids are left out. */
export async function listOrganizationsByIds(db: Reader, ids: readonly string[]): Promise<Map<string, Organization>> {
  const found = new Map<string, Organization>();
  const unique = [...new Set(ids)].filter((id) => id !== '');
  for (let start = 0; start < unique.length; start += ON_FILE_CHUNK) {
    const rows = await db
      .selectFrom('organizations')
      .selectAll()
      .where('id', 'in', unique.slice(start, start + ON_FILE_CHUNK))
      .execute();
    for (const row of rows) found.set(row.id, toOrganization(row));
  }
  return found;
}

export async function findOrganizationBySubmitterId(
  db: Reader,
  applicationId: string,
  submitterId: string,
): Promise<Organization | undefined> {
  const row = await db
    .selectFrom('organizations')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('submitter_id', '=', submitterId)
    .executeTakeFirst();
  return row && toOrganization(row);
}

/**
 * What other modules show of an organization beside a role held in it: its submitter ID, legal
 * name and the approvers on file. An approver on file with no name and no email is none; the
 * backups are those of the list that are someone.
 */
export interface OrganizationOnFile {
  id: string;
  submitterId: string;
  legalName: string;
  approverOnFile: PersonOnFile | null;
  backupApproversOnFile: PersonOnFile[];
}

function parsePersonOnFile(json: string): PersonOnFile | null {
  const value = JSON.parse(json) as Partial<PersonOnFile> | null;
  if (!value || typeof value !== 'object' || (!value.email && !value.firstName && !value.lastName)) return null;
  return { firstName: value.firstName ?? '', lastName: value.lastName ?? '', email: value.email ?? '' };
}

/** Ids per query: SQLite's bound-parameter limit and PostgreSQL's plan sizes both like bounded lists. */
const ON_FILE_CHUNK = 1000;

/** Organizations by id, whatever their status, read in chunks; '' (an application-wide role) and unknown ids are left out. */
export async function listOrganizationsOnFile(db: Reader, ids: readonly string[]): Promise<Map<string, OrganizationOnFile>> {
  const found = new Map<string, OrganizationOnFile>();
  const unique = [...new Set(ids)].filter((id) => id !== '');
  for (let start = 0; start < unique.length; start += ON_FILE_CHUNK) {
    const rows = await db
      .selectFrom('organizations')
      .select(['id', 'submitter_id', 'legal_name', 'approver_on_file_json', 'backup_approvers_on_file_json'])
      .where('id', 'in', unique.slice(start, start + ON_FILE_CHUNK))
      .execute();
    for (const row of rows) {
      const backups = JSON.parse(row.backup_approvers_on_file_json) as unknown;
      found.set(row.id, {
        id: row.id,
        submitterId: row.submitter_id,
        legalName: row.legal_name,
        approverOnFile: parsePersonOnFile(row.approver_on_file_json),
        backupApproversOnFile: Array.isArray(backups)
          ? backups.map((person) => parsePersonOnFile(JSON.stringify(person))).filter((person) => person !== null)
          : [],
      });
    }
  }
  return found;
}

/**
 * Active organizations of an application whose name holds every word of the query at the start of
 * one of its words (type-ahead: "gulf coa" finds "Gulf Coast Cardiology"), or whose submitter ID
 * is exactly the query. A name search needs a word of 3 characters or more.
 */
export async function searchActiveOrganizations(
  db: Reader,
  options: { applicationId: string; words: string[]; submitterId: string; limit: number },
): Promise<Organization[]> {
  const exact = await db
    .selectFrom('organizations')
    .selectAll()
    .where('application_id', '=', options.applicationId)
    .where('status', '=', 'active')
    .where('submitter_id', '=', options.submitterId)
    .execute();
  const named = await searchByName(db, options);
  const rows = [...exact, ...named.filter((row) => !exact.some((match) => match.id === row.id))];
  return rows.slice(0, options.limit).map(toOrganization);
}

/** Entries of a word counted at most: past it, a word is common and its entries are walked in order. */
const COMMON_WORD_ENTRIES = 2_000;

/*
 * Reading the word index (organization_words: application, word, name, organization, in that
 * order). The query word with the fewest entries leads; the other words are checked on the name
 * each entry carries. The cost is bounded by the leading word, never by how many names match:
 * - a leading word with fewer than COMMON_WORD_ENTRIES entries: they are all read and the
 *   matches sorted by name;
 * - a common one: its entries are walked in index order, word by word (a prefix such as "gul"
 *   covers "gulf" and "gull"), and the walk stops at the page's last row. The page is in name
 *   order within each word; an organization with two words under the prefix counts once.
 */
async function searchByName(
  db: Reader,
  options: { applicationId: string; words: string[]; limit: number },
): Promise<OrganizationRow[]> {
  const leads = options.words.filter((word) => word.length >= 3);
  if (leads.length === 0) return [];
  const counted = [];
  for (const word of leads) counted.push({ word, entries: await entriesUpTo(db, options.applicationId, word) });
  const lead = counted.reduce((best, next) => (next.entries < best.entries ? next : best));
  const others = options.words.filter((word) => word !== lead.word);

  const othersOnName = (query: SelectQueryBuilder<DB & { w: DB['organization_words'] }, 'w', object>) =>
    query.where((eb) =>
      eb.and(others.map((word) => sql<boolean>`(' ' || w.search_name) like ${`% ${escapeLike(word)}%`} escape '\\'`)),
    );

  /** Active organizations under the leading prefix with the other words, in name order, from the index then their rows. */
  const activeInNameOrder = async (candidates: number | undefined) => {
    const named = await othersOnName(
      db
        .selectFrom('organization_words as w')
        .where('w.application_id', '=', options.applicationId)
        .where('w.word', '>=', lead.word)
        .where('w.word', '<', prefixEnd(lead.word)),
    )
      .select((eb) => ['w.organization_id', eb.fn.min('w.search_name').as('name')])
      .groupBy('w.organization_id')
      .orderBy('name')
      .orderBy('w.organization_id')
      .$if(candidates !== undefined, (query) => query.limit(candidates as number))
      .execute();
    const ids = named.map((row) => row.organization_id);
    const rows =
      ids.length === 0
        ? []
        : await db.selectFrom('organizations').selectAll().where('id', 'in', ids).where('status', '=', 'active').execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return {
      rows: ids.flatMap((id) => byId.get(id) ?? []),
      complete: candidates === undefined || named.length < candidates,
    };
  };

  /** Active organizations under one word of the index, with the other words, for the walk in name order. */
  const matching = (word: string) =>
    othersOnName(
      db.selectFrom('organization_words as w').where('w.application_id', '=', options.applicationId).where('w.word', '=', word),
    )
      .innerJoin('organizations', 'organizations.id', 'w.organization_id')
      .selectAll('organizations')
      .where('organizations.status', '=', 'active');

  if (lead.entries < COMMON_WORD_ENTRIES) {
    // Few enough to sort: the matching names from the index alone, each organization once, then
    // the rows of the first of them. Twice the page is asked for first: an organization that is
    // no longer active is dropped only then, and it takes a second, whole read to make up for it.
    const firstPass = await activeInNameOrder(2 * options.limit);
    if (firstPass.complete || firstPass.rows.length >= options.limit) return firstPass.rows.slice(0, options.limit);
    return (await activeInNameOrder(undefined)).rows.slice(0, options.limit);
  }
  const found: OrganizationRow[] = [];
  const seen = new Set<string>();
  let word = await nextWord(db, options.applicationId, lead.word);
  while (word !== undefined && found.length < options.limit) {
    const current = word;
    const rows = await matching(current)
      .orderBy('w.search_name')
      .orderBy('w.organization_id')
      .limit(options.limit - found.length + seen.size)
      .execute();
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      if (found.length < options.limit) found.push(row);
    }
    word = await nextWord(db, options.applicationId, lead.word, current);
  }
  return found;
}

type OrganizationRow = Selectable<DB['organizations']>;

/**
 * The first string after every string that starts with `prefix` (its last character moved one
 * on): words from `prefix` up to it are those that start with it, a range of the index, as both
 * databases compare words byte by byte.
 */
function prefixEnd(prefix: string): string {
  const characters = [...prefix];
  const last = characters.pop() ?? '';
  return characters.join('') + String.fromCodePoint((last.codePointAt(0) ?? 0) + 1);
}

/** How many entries a word (as a prefix) has, counted up to COMMON_WORD_ENTRIES. */
async function entriesUpTo(db: Reader, applicationId: string, prefix: string): Promise<number> {
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('organization_words as w')
        .select('w.organization_id')
        .where('w.application_id', '=', applicationId)
        .where('w.word', '>=', prefix)
        .where('w.word', '<', prefixEnd(prefix))
        .limit(COMMON_WORD_ENTRIES)
        .as('probe'),
    )
    .select((eb) => eb.fn.countAll<number | string>().as('entries'))
    .executeTakeFirstOrThrow();
  return Number(row.entries);
}

/** The first word of the index that starts with `prefix` (after `after`, when given): one seek. */
async function nextWord(db: Reader, applicationId: string, prefix: string, after?: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('organization_words as w')
    .select('w.word')
    .where('w.application_id', '=', applicationId)
    .$if(after === undefined, (query) => query.where('w.word', '>=', prefix))
    .$if(after !== undefined, (query) => query.where('w.word', '>', after as string))
    .where('w.word', '<', prefixEnd(prefix))
    .orderBy('w.word')
    .limit(1)
    .executeTakeFirst();
  return row?.word;
}

/** Ids per statement: within SQLite's bound-parameter limit. */
const ORPHANED_CHUNK = 500;

/** Sets orphaned_since on those of these organizations not flagged yet. */
export async function markOrganizationsOrphaned(trx: Transaction<DB>, ids: readonly string[], at: string): Promise<void> {
  for (let start = 0; start < ids.length; start += ORPHANED_CHUNK) {
    await trx
      .updateTable('organizations')
      .set({ orphaned_since: at, updated_at: at })
      .where('id', 'in', ids.slice(start, start + ORPHANED_CHUNK))
      .where('orphaned_since', 'is', null)
      .execute();
  }
}

export async function updateOrganizationColumns(
  trx: Transaction<DB>,
  id: string,
  columns: Updateable<DB['organizations']>,
): Promise<void> {
  await trx.updateTable('organizations').set(columns).where('id', '=', id).execute();
}

/**
 * Orphan organizations (no active approver) of the applications, longest orphaned first, a page
 * after the `after` cursor (orphaned since, then id).
 */
export async function listOrphanOrganizations(
  db: Reader,
  applicationIds: readonly string[],
  page: { after?: { orphanedSince: string; id: string }; limit: number },
): Promise<Organization[]> {
  if (applicationIds.length === 0) return [];
  const after = page.after;
  const rows = await db
    .selectFrom('organizations')
    .selectAll()
    .where('application_id', 'in', [...applicationIds])
    .where('orphaned_since', 'is not', null)
    .$if(after !== undefined, (query) =>
      query.where((eb) =>
        eb.or([
          eb('orphaned_since', '>', after!.orphanedSince),
          eb.and([eb('orphaned_since', '=', after!.orphanedSince), eb('id', '>', after!.id)]),
        ]),
      ),
    )
    .orderBy('orphaned_since')
    .orderBy('id')
    .limit(page.limit)
    .execute();
  return rows.map(toOrganization);
}

/**
 * How many organizations of each application are orphaned now. organizations_orphans_idx holds
 * exactly the orphans, by application: the count reads that partial index alone.
 */
export async function countOrphanOrganizations(db: Reader): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('organizations')
    .select(['application_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('orphaned_since', 'is not', null)
    .groupBy('application_id')
    .execute();
  return new Map(rows.map((row) => [row.application_id, Number(row.count)]));
}

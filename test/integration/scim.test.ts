import { Type, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import type { Organization } from '../../server/modules/organizations/organizations.repository.js';
import { systemActor } from '../../server/shared/actor.js';
import { insertPeople } from './certification-support.js';
import { addApplicationLikeSpot, createOrganization, grantRole, loadSpot } from '../helpers/organizations.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';
import { serviceClientToken } from '../helpers/oidc-flow.js';

/*
 * The resources as RFC 7643 defines them (sections 3, 4.1 and 4.2) and the messages of RFC 7644
 * (sections 3.4.2 and 3.12), written from the RFCs' attribute definitions: types, which are
 * multi-valued and which are required. Every answer below is checked against them.
 */
const Multi = (item: TSchema) => Type.Optional(Type.Array(item));
const RfcMeta = Type.Object({
  resourceType: Type.String(),
  created: Type.Optional(Type.String({ format: 'date-time' })),
  lastModified: Type.Optional(Type.String({ format: 'date-time' })),
  location: Type.String({ format: 'uri' }),
  version: Type.Optional(Type.String()),
});
const RfcReference = Type.Object({
  value: Type.String(),
  $ref: Type.Optional(Type.String({ format: 'uri' })),
  display: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
});
const RfcUser = Type.Object({
  schemas: Type.Array(Type.String(), { minItems: 1, contains: Type.Literal('urn:ietf:params:scim:schemas:core:2.0:User') }),
  id: Type.String({ minLength: 1 }),
  externalId: Type.Optional(Type.String()),
  userName: Type.String({ minLength: 1 }),
  name: Type.Optional(
    Type.Object({
      formatted: Type.Optional(Type.String()),
      familyName: Type.Optional(Type.String()),
      givenName: Type.Optional(Type.String()),
      middleName: Type.Optional(Type.String()),
      honorificPrefix: Type.Optional(Type.String()),
      honorificSuffix: Type.Optional(Type.String()),
    }),
  ),
  displayName: Type.Optional(Type.String()),
  preferredLanguage: Type.Optional(Type.String()),
  active: Type.Optional(Type.Boolean()),
  emails: Multi(
    Type.Object({
      value: Type.String(),
      type: Type.Optional(Type.String()),
      primary: Type.Optional(Type.Boolean()),
      display: Type.Optional(Type.String()),
    }),
  ),
  phoneNumbers: Multi(
    Type.Object({ value: Type.String(), type: Type.Optional(Type.String()), primary: Type.Optional(Type.Boolean()) }),
  ),
  groups: Multi(RfcReference),
  meta: RfcMeta,
});
const RfcGroup = Type.Object({
  schemas: Type.Array(Type.String(), { minItems: 1, contains: Type.Literal('urn:ietf:params:scim:schemas:core:2.0:Group') }),
  id: Type.String({ minLength: 1 }),
  displayName: Type.String({ minLength: 1 }),
  members: Multi(RfcReference),
  meta: RfcMeta,
});
const RfcListResponse = (resource: TSchema) =>
  Type.Object({
    schemas: Type.Tuple([Type.Literal('urn:ietf:params:scim:api:messages:2.0:ListResponse')]),
    totalResults: Type.Integer({ minimum: 0 }),
    startIndex: Type.Integer({ minimum: 1 }),
    itemsPerPage: Type.Integer({ minimum: 0 }),
    Resources: Type.Array(resource),
  });
const RfcError = Type.Object({
  schemas: Type.Tuple([Type.Literal('urn:ietf:params:scim:api:messages:2.0:Error')]),
  status: Type.String({ pattern: '^[1-5][0-9][0-9]$' }),
  scimType: Type.Optional(
    Type.Union(
      [
        'invalidFilter',
        'tooMany',
        'uniqueness',
        'mutability',
        'invalidSyntax',
        'invalidPath',
        'noTarget',
        'invalidValue',
        'invalidVers',
        'sensitive',
      ].map((type) => Type.Literal(type)),
    ),
  ),
  detail: Type.Optional(Type.String()),
});

function conforms(schema: TSchema, body: unknown): void {
  const errors = [...Value.Errors(schema, body)].map((error) => `${error.instancePath} ${error.message}`);
  expect(errors, JSON.stringify(body)).toEqual([]);
}

const ROLE_GROUP = 'urn:rolecall:params:scim:schemas:extension:2.0:RoleGroup';

interface ScimList<T> {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}
interface ScimUserBody {
  id: string;
  userName: string;
  active: boolean;
  name: { givenName: string; familyName: string };
  groups?: { value: string; display: string }[];
  [attribute: string]: unknown;
}
interface ScimGroupBody {
  id: string;
  displayName: string;
  members?: { value: string; display: string }[];
  [attribute: string]: unknown;
}

describe.each(testDialects())('the SCIM service on %s', (dialect) => {
  let t: TestApp;
  let roles: Record<string, Role>;
  let applicationId: string;
  let token: string;
  let organization: Organization;
  let other: Organization;
  /** Everyone made here has this family name, so that lists can be narrowed to this file's people. */
  const family = `Scimtest${Date.now().toString(36)}`;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    ({ roles, applicationId } = await loadSpot(t.ctx));
    token = await serviceClientToken(t, 'SPOT', 'SPOT provisioning');
    organization = await createOrganization(t.ctx, applicationId, { legalName: `Seaside Pediatrics ${family}` });
    other = await createOrganization(t.ctx, applicationId, { legalName: `Inland Cardiology ${family}` });
  });
  afterAll(async () => t.close());

  function scim(path: string, options: { bearer?: string | null; method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' } = {}) {
    const bearer = options.bearer === undefined ? token : options.bearer;
    return t.app.inject({
      method: options.method ?? 'GET',
      url: `/scim/v2${path}`,
      headers: {
        accept: 'application/scim+json',
        ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
        ...(options.method === 'POST' || options.method === 'PUT' || options.method === 'PATCH'
          ? { 'content-type': 'application/scim+json' }
          : {}),
      },
      ...(options.method === 'POST' || options.method === 'PUT' || options.method === 'PATCH'
        ? { payload: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'new.person' }) }
        : {}),
    });
  }

  async function listOf<T>(path: string, schema: TSchema): Promise<ScimList<T>> {
    const response = await scim(path);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/scim+json; charset=utf-8');
    const body = response.json();
    conforms(RfcListResponse(schema), body);
    return body as ScimList<T>;
  }

  const users = (filter: string, extra = '') =>
    listOf<ScimUserBody>(`/Users?filter=${encodeURIComponent(filter)}${extra}`, RfcUser);
  const groups = (filter: string, extra = '') =>
    listOf<ScimGroupBody>(`/Groups?filter=${encodeURIComponent(filter)}${extra}`, RfcGroup);

  async function errorOf(path: string, status: number, options: Parameters<typeof scim>[1] = {}) {
    const response = await scim(path, options);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toBe('application/scim+json; charset=utf-8');
    const body = response.json();
    conforms(RfcError, body);
    expect(body.status).toBe(String(status));
    return body as { scimType?: string; detail: string };
  }

  async function person(firstName: string, overrides: { userId?: string; email?: string } = {}): Promise<string> {
    const [created] = await insertPeople(t.ctx, 1, { firstName, lastName: family, ...overrides });
    return created!.id;
  }

  it('refuses a request without a client token, or with one that is not valid', async () => {
    const missing = await scim('/Users', { bearer: null });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    conforms(RfcError, missing.json());
    const wrong = await scim('/Users', { bearer: 'not-a-token' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    await errorOf('/ServiceProviderConfig', 401, { bearer: null });
  });

  it('lists the people holding a role in the application now, with their groups, and no one else', async () => {
    const holder = await person('Avery');
    await grantRole(t.ctx, holder, roles.end_user!, organization.id);
    const approver = await person('Blake');
    await grantRole(t.ctx, approver, roles.approver!, organization.id);
    await grantRole(t.ctx, approver, roles.end_user!, other.id);
    await person('Casey'); // holds nothing
    const removed = await person('Devon');
    const granted = await grantRole(t.ctx, removed, roles.end_user!, organization.id);
    await t.ctx.assignments.remove(
      { ...systemActor },
      await t.ctx.accounts.getUser(t.ctx.database.db, removed),
      granted.id,
      'Left',
    );

    const listed = await users(
      `name.familyName eq "${family}" and (name.givenName eq "Avery" or name.givenName eq "Blake" or name.givenName eq "Casey" or name.givenName eq "Devon")`,
    );
    expect(listed.Resources.map((user) => user.name.givenName).sort()).toEqual(['Avery', 'Blake']);
    expect(listed.totalResults).toBe(2);

    const blake = listed.Resources.find((user) => user.id === approver)!;
    expect(blake).toMatchObject({ active: true, schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] });
    expect(blake.groups!.map((group) => group.value).sort()).toEqual(
      [`${organization.id}:approver`, `${other.id}:end_user`].sort(),
    );
    expect(blake.groups!.find((group) => group.value === `${organization.id}:approver`)!.display).toBe(
      `SPOT Approver - Seaside Pediatrics ${family}`,
    );

    const one = await scim(`/Users/${holder}`);
    expect(one.statusCode).toBe(200);
    conforms(RfcUser, one.json());
    expect(one.json().meta.location).toMatch(new RegExp(`/scim/v2/Users/${holder}$`));
    // Someone holding nothing here is not this application's to see.
    await errorOf(`/Users/${removed}`, 404);
    await errorOf('/Users/not-an-id', 404);
  });

  it('leaves out a role past its certification due day before the sweep removes it', async () => {
    const expiring = await person('Emery');
    const held = await grantRole(t.ctx, expiring, roles.end_user!, other.id);
    expect((await users(`id eq "${expiring}"`)).totalResults).toBe(1);
    t.clock.set(new Date(new Date(held.certificationDueAt!).getTime() + 2 * 24 * 60 * 60 * 1000));
    try {
      expect((await users(`id eq "${expiring}"`)).totalResults).toBe(0);
      const group = await scim(`/Groups/${other.id}:end_user`);
      expect((group.json() as ScimGroupBody).members?.map((member) => member.value) ?? []).not.toContain(expiring);
    } finally {
      t.clock.set(new Date(held.establishedAt));
    }
  });

  it('filters on the common attributes with eq, sw, co, and, or and not, regardless of case', async () => {
    const userId = `Filter.Person.${family}`;
    const filtered = await person('Frankie', { userId, email: `frankie.${family}@Clinic.example.test` });
    await grantRole(t.ctx, filtered, roles.end_user!, organization.id);
    const ids = async (filter: string) => (await users(filter)).Resources.map((user) => user.id);

    expect(await ids(`userName eq "${userId.toUpperCase()}"`)).toEqual([filtered]);
    expect(await ids(`USERNAME Eq "${userId.toLowerCase()}"`)).toEqual([filtered]);
    expect(await ids(`urn:ietf:params:scim:schemas:core:2.0:User:userName eq "${userId}"`)).toEqual([filtered]);
    expect(await ids(`emails.value co "frankie.${family.toLowerCase()}@clinic"`)).toEqual([filtered]);
    expect(await ids(`emails sw "FRANKIE.${family}"`)).toEqual([filtered]);
    expect(await ids(`userName ew ".person.${family}" and name.givenName sw "fra"`)).toEqual([filtered]);
    expect(await ids(`displayName eq "Frankie ${family}"`)).toEqual([filtered]);
    expect(await ids(`name.familyName eq "${family}" and not (name.givenName ne "Frankie")`)).toEqual([filtered]);
    expect(await ids(`userName eq "${userId}" and active eq false`)).toEqual([]);
    expect(await ids(`userName eq "${userId}" and active eq true`)).toEqual([filtered]);
    expect(await ids(`userName eq "${userId}" and meta.created lt "2999-01-01T00:00:00Z"`)).toEqual([filtered]);
    expect(await ids(`userName eq "${userId}" and meta.created gt "2999-01-01T00:00:00Z"`)).toEqual([]);
    expect(await ids(`groups.value eq "${organization.id}:end_user" and name.givenName eq "Frankie"`)).toEqual([filtered]);
    // A % or _ in a value is matched as itself, not as a wildcard.
    expect(await ids(`userName sw "%"`)).toEqual([]);
    expect(await ids(`userName co "_person_${family}"`)).toEqual([]);
  });

  it('answers a filter it cannot read with invalidFilter, naming what is wrong', async () => {
    const cases: [string, RegExp][] = [
      ['userName eq', /expected a value/],
      ['userName xx "a"', /"xx" is not an operator/],
      ['nickName eq "a"', /"nickName" cannot be filtered on/],
      ['emails[type eq "work"]', /value paths/],
      ['userName eq "a" and', /expected an attribute/],
      ['(userName eq "a"', /expected "\)"/],
      ['active eq "yes"', /true or false/],
      ['meta.created gt "yesterday"', /date and time/],
      ['userName eq "unclosed', /not closed/],
      ['userName eq 5', /quoted string/],
      [`${'not ('.repeat(40)}userName pr${')'.repeat(40)}`, /nests deeper/],
    ];
    for (const [filter, message] of cases) {
      const body = await errorOf(`/Users?filter=${encodeURIComponent(filter)}`, 400);
      expect(body.scimType, filter).toBe('invalidFilter');
      expect(body.detail, filter).toMatch(message);
    }
    await errorOf(`/Users?filter=${encodeURIComponent(`userName eq "${'a'.repeat(2_100)}"`)}`, 400);
    await errorOf('/Users?startIndex=abc', 400);
  });

  it('pages with startIndex and count, and keeps only the attributes asked for', async () => {
    const paged: string[] = [];
    for (const name of ['Gale', 'Harper', 'Indigo', 'Jules', 'Kai']) {
      const id = await person(name);
      await grantRole(t.ctx, id, roles.end_user!, other.id);
      paged.push(id);
    }
    const filter = `name.familyName eq "${family}" and groups.value eq "${other.id}:end_user" and (name.givenName sw "G" or name.givenName sw "H" or name.givenName sw "I" or name.givenName sw "J" or name.givenName sw "K")`;
    const all = await users(filter);
    expect(all.totalResults).toBe(5);
    const first = await users(filter, '&startIndex=1&count=2');
    const second = await users(filter, '&startIndex=3&count=2');
    const third = await users(filter, '&startIndex=5&count=2');
    expect([first, second, third].map((page) => [page.startIndex, page.itemsPerPage, page.totalResults])).toEqual([
      [1, 2, 5],
      [3, 2, 5],
      [5, 1, 5],
    ]);
    expect([...first.Resources, ...second.Resources, ...third.Resources].map((user) => user.id).sort()).toEqual(
      [...paged].sort(),
    );
    expect((await users(filter, '&count=0')).Resources).toEqual([]);
    expect((await users(filter, '&count=0')).totalResults).toBe(5);
    // Below 1 is read as 1 (RFC 7644 section 3.4.2.4); past the end is an empty page.
    expect((await users(filter, '&startIndex=-4&count=1')).startIndex).toBe(1);
    expect((await users(filter, '&startIndex=99')).Resources).toEqual([]);

    const narrow = await scim(`/Users?filter=${encodeURIComponent(filter)}&count=1&attributes=userName,name.givenName`);
    expect(Object.keys(narrow.json().Resources[0]).sort()).toEqual(['id', 'name', 'schemas', 'userName']);
    const without = await scim(`/Users/${paged[0]}?excludedAttributes=groups,emails,meta`);
    expect(Object.keys(without.json())).not.toContain('groups');
    expect(Object.keys(without.json())).not.toContain('emails');
    expect(without.json().userName).toBeTypeOf('string');
  });

  it('lists one group per role per organization, with its members and what it stands for', async () => {
    const member = await person('Lane');
    await grantRole(t.ctx, member, roles.backup_approver!, organization.id);
    const inOrganization = await groups(`${ROLE_GROUP}:organizationId eq "${organization.id}"`);
    expect(inOrganization.Resources.map((group) => group.id).sort()).toEqual(
      ['approver', 'backup_approver', 'end_user'].map((code) => `${organization.id}:${code}`).sort(),
    );
    const backup = inOrganization.Resources.find((group) => group.id === `${organization.id}:backup_approver`)!;
    expect(backup.displayName).toBe(`SPOT Backup Approver - Seaside Pediatrics ${family}`);
    expect(backup[ROLE_GROUP]).toEqual({
      roleCode: 'backup_approver',
      organizationId: organization.id,
      organizationName: organization.legalName,
      submitterId: organization.submitterId,
    });
    expect(backup.members).toEqual([
      expect.objectContaining({
        value: member,
        display: expect.any(String),
        $ref: expect.stringMatching(new RegExp(`/Users/${member}$`)),
      }),
    ]);

    expect(
      (await groups(`displayName eq "spot backup approver - seaside pediatrics ${family.toLowerCase()}"`)).Resources.map(
        (group) => group.id,
      ),
    ).toEqual([backup.id]);
    expect((await groups(`displayName co "${family}" and displayName sw "SPOT Backup"`)).totalResults).toBe(2);
    expect((await groups(`members.value eq "${member}"`)).Resources.map((group) => group.id)).toEqual([backup.id]);
    expect(
      (await groups(`${ROLE_GROUP}:submitterId eq "${other.submitterId}" and ${ROLE_GROUP}:roleCode eq "approver"`)).totalResults,
    ).toBe(1);
    // Application-wide roles (the help desk) are not a group of any organization.
    expect((await groups(`${ROLE_GROUP}:roleCode eq "help_desk"`)).totalResults).toBe(0);

    const one = await scim(`/Groups/${backup.id}`);
    expect(one.statusCode).toBe(200);
    conforms(RfcGroup, one.json());
    const light = await groups(`${ROLE_GROUP}:organizationId eq "${organization.id}"`, '&excludedAttributes=members');
    expect(light.Resources.every((group) => !('members' in group))).toBe(true);
    await errorOf(`/Groups/${organization.id}:help_desk`, 404);
    await errorOf(`/Groups/${organization.id}`, 404);
  });

  it("shows a client only its own application's people and groups", async () => {
    await addApplicationLikeSpot(t.ctx, 'OTHER');
    const otherToken = await serviceClientToken(t, 'OTHER', 'Other provisioning');
    const holder = await person('Morgan');
    await grantRole(t.ctx, holder, roles.end_user!, organization.id);

    const fromOther = await scim(`/Users?filter=${encodeURIComponent(`id eq "${holder}"`)}`, { bearer: otherToken });
    expect(fromOther.json().totalResults).toBe(0);
    expect((await scim(`/Users/${holder}`, { bearer: otherToken })).statusCode).toBe(404);
    expect((await scim(`/Groups/${organization.id}:end_user`, { bearer: otherToken })).statusCode).toBe(404);
    expect((await users(`id eq "${holder}"`)).totalResults).toBe(1);
  });

  it('is read-only, and says so in SCIM terms', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      await errorOf(method === 'POST' ? '/Users' : `/Users/${organization.id}`, 501, { method });
      await errorOf(method === 'POST' ? '/Groups' : `/Groups/${organization.id}:end_user`, 501, { method });
    }
    await errorOf('/Bulk', 501, { method: 'POST' });
    await errorOf('/Users', 401, { method: 'POST', bearer: null });
    await errorOf('/Nothing', 404);
  });

  it('describes itself: configuration, resource types and schemas', async () => {
    const config = (await scim('/ServiceProviderConfig')).json();
    expect(config).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: false },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      sort: { supported: false },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
    });
    const types = await listOf<{ id: string; endpoint: string; schema: string }>(
      '/ResourceTypes',
      Type.Object({ id: Type.String() }),
    );
    expect(types.Resources.map((type) => [type.id, type.endpoint])).toEqual([
      ['User', '/Users'],
      ['Group', '/Groups'],
    ]);
    expect((await scim('/ResourceTypes/Group')).json().schemaExtensions).toEqual([{ schema: ROLE_GROUP, required: true }]);
    const schemas = await listOf<{ id: string; attributes: { name: string; mutability: string }[] }>(
      '/Schemas',
      Type.Object({ id: Type.String(), attributes: Type.Array(Type.Object({ name: Type.String(), type: Type.String() })) }),
    );
    expect(schemas.Resources.map((schema) => schema.id)).toEqual([
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:core:2.0:Group',
      ROLE_GROUP,
    ]);
    // Every attribute a User answer carries is described, and read-only.
    const userSchema = schemas.Resources[0]!;
    for (const name of ['userName', 'name', 'displayName', 'emails', 'active', 'groups', 'preferredLanguage', 'phoneNumbers']) {
      expect(userSchema.attributes.find((attribute) => attribute.name === name)?.mutability, name).toBe('readOnly');
    }
    const byId = await scim(`/Schemas/${encodeURIComponent('urn:ietf:params:scim:schemas:core:2.0:Group')}`);
    expect(byId.json().name).toBe('Group');
    await errorOf('/Schemas/urn:nothing', 404);
  });
});

import { Type } from 'typebox';
import { ROLE_GROUP_SCHEMA } from './scim.repository.js';
import { MAX_FILTER_LENGTH } from './scim-filter.js';

/*
 * The SCIM answers as the API description documents them (RFC 7643 for resources, RFC 7644 for
 * list and error messages). Every attribute but `schemas` and `id` is optional: `attributes` and
 * `excludedAttributes` leave out what was not asked for.
 */

const Uris = Type.Array(Type.String());
const Meta = Type.Object({
  resourceType: Type.String(),
  created: Type.Optional(Type.String()),
  lastModified: Type.Optional(Type.String()),
  location: Type.String(),
});
// A reference also carries `$ref`, its address: it is an additional property here, since the API
// description's tools read any property named `$ref` as a schema reference.
const Reference = Type.Object(
  { value: Type.String(), display: Type.String(), type: Type.String() },
  { additionalProperties: Type.String(), description: 'value, display, type, and $ref: the address of the resource' },
);

export const ScimUser = Type.Object({
  schemas: Uris,
  id: Type.String(),
  userName: Type.Optional(Type.String()),
  name: Type.Optional(
    Type.Object({
      formatted: Type.String(),
      givenName: Type.String(),
      middleName: Type.Optional(Type.String()),
      familyName: Type.String(),
    }),
  ),
  displayName: Type.Optional(Type.String()),
  emails: Type.Optional(Type.Array(Type.Object({ value: Type.String(), type: Type.String(), primary: Type.Boolean() }))),
  phoneNumbers: Type.Optional(Type.Array(Type.Object({ value: Type.String(), type: Type.String() }))),
  preferredLanguage: Type.Optional(Type.String()),
  active: Type.Optional(Type.Boolean()),
  groups: Type.Optional(Type.Array(Reference)),
  meta: Type.Optional(Meta),
});

export const ScimGroup = Type.Object({
  schemas: Uris,
  id: Type.String(),
  displayName: Type.Optional(Type.String()),
  members: Type.Optional(Type.Array(Reference)),
  [ROLE_GROUP_SCHEMA]: Type.Optional(
    Type.Object({
      roleCode: Type.String(),
      organizationId: Type.String(),
      organizationName: Type.String(),
      submitterId: Type.String(),
    }),
  ),
  meta: Type.Optional(Meta),
});

/** Discovery documents (schemas, resource types, configuration): nested definitions, sent as built. */
export const ScimDocument = Type.Record(Type.String(), Type.Unknown());

export const ListOf = <T extends typeof ScimUser | typeof ScimGroup | typeof ScimDocument>(resource: T) =>
  Type.Object({
    schemas: Uris,
    totalResults: Type.Integer(),
    startIndex: Type.Integer(),
    itemsPerPage: Type.Integer(),
    Resources: Type.Array(resource),
  });

export const ScimErrorBody = Type.Object({
  schemas: Uris,
  status: Type.String({ description: 'The HTTP status, as a string (RFC 7644 section 3.12).' }),
  scimType: Type.Optional(Type.String()),
  detail: Type.String(),
});

const AttributeList = Type.String({ maxLength: 1_000, description: 'Attribute names, separated by commas.' });

export const ResourceQuerystring = Type.Object({
  attributes: Type.Optional(AttributeList),
  excludedAttributes: Type.Optional(AttributeList),
});

export const ListQuerystring = Type.Object({
  filter: Type.Optional(Type.String({ maxLength: MAX_FILTER_LENGTH, description: 'A SCIM filter, e.g. userName eq "jdoe".' })),
  startIndex: Type.Optional(Type.Integer({ minimum: -2_147_483_648, maximum: 2_147_483_647, description: '1-based.' })),
  count: Type.Optional(Type.Integer({ minimum: -2_147_483_648, maximum: 2_147_483_647 })),
  attributes: Type.Optional(AttributeList),
  excludedAttributes: Type.Optional(AttributeList),
});

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

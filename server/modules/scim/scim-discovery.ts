import { GROUP_SCHEMA, ROLE_GROUP_SCHEMA, USER_SCHEMA } from './scim.repository.js';
import { MAX_PAGE_SIZE } from './scim.service.js';

/*
 * What a SCIM client reads to learn this service (RFC 7644 section 4): its configuration, its
 * resource types, and the schema of each, naming only the attributes Rolecall answers with. All
 * of them are read-only: applications read who holds which role and change nothing here.
 */

const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SERVICE_PROVIDER_CONFIG_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';

interface AttributeOptions {
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  uniqueness?: 'none' | 'server';
  returned?: 'always' | 'default';
  referenceTypes?: string[];
  subAttributes?: Record<string, unknown>[];
}

/** One attribute's definition (RFC 7643 section 7), read-only as every attribute here is. */
function attribute(
  name: string,
  type: 'string' | 'boolean' | 'dateTime' | 'reference' | 'complex',
  description: string,
  options: AttributeOptions = {},
): Record<string, unknown> {
  return {
    name,
    type,
    multiValued: options.multiValued ?? false,
    description,
    required: options.required ?? false,
    ...(type === 'string' || type === 'reference' ? { caseExact: options.caseExact ?? false } : {}),
    mutability: 'readOnly',
    returned: options.returned ?? 'default',
    uniqueness: options.uniqueness ?? 'none',
    ...(options.referenceTypes ? { referenceTypes: options.referenceTypes } : {}),
    ...(options.subAttributes ? { subAttributes: options.subAttributes } : {}),
  };
}

function schema(id: string, name: string, description: string, attributes: Record<string, unknown>[], base: string) {
  return {
    schemas: [SCHEMA_SCHEMA],
    id,
    name,
    description,
    attributes,
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${id}` },
  };
}

const reference = (of: string) => [
  attribute('value', 'string', `The ${of}'s id.`, { caseExact: true }),
  attribute('$ref', 'reference', `The ${of}'s address.`, { referenceTypes: [of] }),
  attribute('display', 'string', `The ${of}'s name.`),
  attribute('type', 'string', 'How the reference is held.'),
];

export function scimSchemas(base: string) {
  return [
    schema(
      USER_SCHEMA,
      'User',
      'A person who holds a role in the application.',
      [
        attribute('userName', 'string', 'The user ID the person signs in with.', { required: true, uniqueness: 'server' }),
        attribute('name', 'complex', "The person's name.", {
          subAttributes: [
            attribute('formatted', 'string', 'The full name, as displayed.'),
            attribute('familyName', 'string', 'The last name.'),
            attribute('givenName', 'string', 'The first name.'),
            attribute('middleName', 'string', 'The middle name.'),
          ],
        }),
        attribute('displayName', 'string', 'The name to display.'),
        attribute('preferredLanguage', 'string', "The language of Rolecall's pages and emails: en or es."),
        attribute('active', 'boolean', 'False when the account is disabled.'),
        attribute('emails', 'complex', 'The email address on the account.', {
          multiValued: true,
          subAttributes: [
            attribute('value', 'string', 'The address.'),
            attribute('type', 'string', 'Always work.'),
            attribute('primary', 'boolean', 'Always true: an account has one address.'),
          ],
        }),
        attribute('phoneNumbers', 'complex', 'The phone number on the account, when there is one.', {
          multiValued: true,
          subAttributes: [attribute('value', 'string', 'The number.'), attribute('type', 'string', 'Always work.')],
        }),
        attribute('groups', 'complex', 'The roles the person holds now in this application, one group each.', {
          multiValued: true,
          subAttributes: reference('Group'),
        }),
      ],
      base,
    ),
    schema(
      GROUP_SCHEMA,
      'Group',
      'The holders of one role in one organization.',
      [
        attribute('displayName', 'string', "The role's name and the organization's legal name.", { required: true }),
        attribute('members', 'complex', 'The people who hold the role in the organization now.', {
          multiValued: true,
          subAttributes: reference('User'),
        }),
      ],
      base,
    ),
    schema(
      ROLE_GROUP_SCHEMA,
      'RoleGroup',
      'Which role in which organization a group stands for.',
      [
        attribute('roleCode', 'string', "The role's code in the application's catalog.", { caseExact: true }),
        attribute('organizationId', 'string', "The organization's id.", { caseExact: true }),
        attribute('organizationName', 'string', "The organization's legal name."),
        attribute('submitterId', 'string', "The organization's submitter ID."),
      ],
      base,
    ),
  ];
}

export function scimResourceTypes(base: string) {
  return [
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'People who hold a role in the application',
      schema: USER_SCHEMA,
      schemaExtensions: [],
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
    },
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'One group per role per organization of the application',
      schema: GROUP_SCHEMA,
      schemaExtensions: [{ schema: ROLE_GROUP_SCHEMA, required: true }],
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/Group` },
    },
  ];
}

export function scimServiceProviderConfig(base: string, documentationUri: string) {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    documentationUri,
    patch: { supported: false },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: "An access token from the client credentials grant of one of the application's clients.",
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  };
}

import { Type } from 'typebox';
import { Nullable, Timestamp } from '../../http/schema-parts.js';

const Uri = Type.String({ minLength: 1, maxLength: 2000 });

export const ClientSchema = Type.Object({
  clientId: Type.String(),
  applicationId: Type.String(),
  applicationCode: Type.String(),
  name: Type.String(),
  kind: Type.Union([Type.Literal('web'), Type.Literal('service')]),
  redirectUris: Type.Array(Type.String()),
  postLogoutRedirectUris: Type.Array(Type.String()),
  mfaMaxAgeMinutes: Nullable(Type.Integer()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ClientList = Type.Object({ items: Type.Array(ClientSchema) });

export const NewClientBody = Type.Object(
  {
    applicationCode: Type.String({ minLength: 1, maxLength: 40 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    kind: Type.Union([Type.Literal('web'), Type.Literal('service')]),
    redirectUris: Type.Optional(Type.Array(Uri, { maxItems: 20 })),
    postLogoutRedirectUris: Type.Optional(Type.Array(Uri, { maxItems: 20 })),
    mfaMaxAgeMinutes: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1440 }))),
  },
  { additionalProperties: false },
);

/** A client's secret, shown this once. */
export const ClientSecret = Type.Object({ clientSecret: Type.String() });

export const CreatedClient = Type.Object({ client: ClientSchema, clientSecret: Type.String() });

export const ClientParams = Type.Object({ clientId: Type.String({ minLength: 1, maxLength: 64 }) });

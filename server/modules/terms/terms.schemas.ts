import { Type } from 'typebox';
import { Timestamp } from '../../http/schema-parts.js';

/** The terms as a page shows them, in the language of the request. */
export const CurrentTerms = Type.Object({
  id: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  title: Type.String({ description: 'In the language of the request' }),
  body: Type.String({ description: 'In the language of the request; paragraphs separated by blank lines' }),
  publishedAt: Timestamp,
});

export const PublishBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    titleEs: Type.Optional(Type.String({ maxLength: 200, description: 'The title in Spanish' })),
    bodyEn: Type.String({ minLength: 1, maxLength: 50_000 }),
    bodyEs: Type.String({ minLength: 1, maxLength: 50_000 }),
  },
  { additionalProperties: false },
);

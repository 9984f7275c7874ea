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

/** Every version published, as administrators list them, newest first. */
export const TermsVersionList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      version: Type.Integer({ minimum: 1 }),
      title: Type.String(),
      titleEs: Type.String({ description: "The title in Spanish; '' when there is none (the English one is shown)" }),
      bodyEn: Type.String(),
      bodyEs: Type.String(),
      publishedAt: Timestamp,
      acceptances: Type.Integer({ minimum: 0, description: 'How many people have accepted this version' }),
    }),
    { description: 'Newest first; the first is the version everyone must have accepted to sign in' },
  ),
  limit: Type.Integer({ minimum: 1, description: 'The most versions listed; older ones are left out' }),
});

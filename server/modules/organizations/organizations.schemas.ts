import { Type } from 'typebox';
import { Id, Nullable } from '../../http/schema-parts.js';

/*
 * The organizations module's request and answer schemas: the type-ahead search. The web app types
 * its search results from OrganizationSearchAnswer.
 */

/** awaiting_approver: approved form, not yet created by its approver; only active ones are found. */
export const OrganizationStatusSchema = Type.Union([
  Type.Literal('awaiting_approver'),
  Type.Literal('active'),
  Type.Literal('inactive'),
]);

/** What anyone searching sees of an organization: never its TIN beyond the last digits. */
export const OrganizationSummarySchema = Type.Object({
  id: Id,
  submitterId: Type.String({ description: 'The submitter ID the help desk issued, e.g. S000042' }),
  legalName: Type.String(),
  maskedTin: Type.String({ description: 'Only the last digits of the TIN' }),
  location: Nullable(Type.String()),
  status: OrganizationStatusSchema,
});

export const OrganizationSearchParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) });

export const OrganizationSearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Words of the name (one of 3 characters or more), or the exact submitter ID',
    }),
  },
  { additionalProperties: false },
);

export const OrganizationSearchAnswer = Type.Object({ items: Type.Array(OrganizationSummarySchema) });

/*
 * API types the web app still writes by hand, held to the server's own schemas: `tsc` (the web
 * type check in npm test) fails when one disagrees with the answer the server documents. Types
 * derived from the schemas (`Static<typeof …>`, as in session-api.ts and mfa-api.ts) need no
 * entry here. Only types are imported from the server: nothing of it reaches the bundle.
 */
import type { Static } from 'typebox';
import type { ApplicationSchema } from '../../../server/modules/catalog/catalog.schemas.js';
import type { EnrollmentStarted as EnrollmentStartedSchema } from '../../../server/modules/mfa/mfa.schemas.js';
import type { SessionState as SessionStateSchema } from '../../../server/modules/sessions/sessions.schemas.js';
import type { EnrollmentStarted } from '../features/mfa/mfa-api';
import type { Application } from '../features/organizations/organizations-api';

/** True when A and B are the same type, property by property, optional ones included. */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Holds<T extends true> = T;

export type Contract = [Holds<Same<EnrollmentStarted, Static<typeof EnrollmentStartedSchema>>>];

/** The forms read only part of each application `GET /applications` lists: those fields, as sent. */
export type OrganizationsContract = [Holds<Same<Application, Pick<Static<typeof ApplicationSchema>, keyof Application>>>];

/** A hand-written session answer that forgot the `site` settings the server sends. */
interface PlantedMismatch {
  csrfToken: string;
  session: Static<typeof SessionStateSchema>['session'];
}
// @ts-expect-error The check refuses a type that disagrees with the server's schema; were it to
// accept it, this line would be an unused expectation and the type check would fail.
export type ProvesTheCheck = Holds<Same<PlantedMismatch, Static<typeof SessionStateSchema>>>;

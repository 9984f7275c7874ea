/*
 * Every API type of the web app is derived from the server's TypeBox schemas (`Static<typeof …>`
 * over type-only imports in each feature's *-api.ts: nothing of the server reaches the bundle), so
 * the web type check (in npm test) fails wherever a page reads an answer differently from the
 * schema the server answers with. The two planted mismatches below keep that promise honest: were
 * the check to let either through, its @ts-expect-error would be unused and the check would fail.
 */
import type { Static } from 'typebox';
import type { SessionState as SessionStateSchema } from '../../../server/modules/sessions/sessions.schemas.js';
import type { RoleRequest } from '../features/roles/roles-api';

/** True when A and B are the same type, property by property, optional ones included. */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Holds<T extends true> = T;

/** A hand-written session answer that forgot the `site` settings the server sends. */
interface PlantedMismatch {
  csrfToken: string;
  session: Static<typeof SessionStateSchema>['session'];
}
// @ts-expect-error A hand-written type that disagrees with the server's schema is refused.
export type ProvesTheCheck = Holds<Same<PlantedMismatch, Static<typeof SessionStateSchema>>>;

// @ts-expect-error A page offering an action the server's schema does not list is refused.
export const plantedAction: RoleRequest['allowedActions'][number] = 'delete';

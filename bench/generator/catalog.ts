import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../server/db/database.js';
import { parseCatalog } from '../../server/modules/catalog/catalog-document.js';
import {
  insertApplication,
  insertRole,
  saveSetting,
  updateRole,
  type Role,
} from '../../server/modules/catalog/catalog.repository.js';
import { FILE_HASH_SETTING, toRole } from '../../server/modules/catalog/catalog.service.js';
import { sha256Hex } from '../../server/shared/crypto.js';
import { ROLE_CODES } from './plan.js';
import { Random, uuidv7 } from './seeded.js';

/*
 * The SPOT catalog, loaded as the server loads its catalog file at start (CatalogService.applyFile):
 * the document parsed and checked by the server's parseCatalog(), the application and its roles
 * inserted by the catalog repository (roles first, then the roles they include), and the file's
 * hash saved so that a server started on this database with the same file leaves it alone. Only
 * the ids differ: seeded, where the service draws random ones, so the same seed gives the same rows.
 */

export const SPOT_CATALOG_FILE = fileURLToPath(new URL('../../catalog/spot.json', import.meta.url));

export interface GeneratedCatalog {
  readonly applicationId: string;
  /** By plan role index: end_user, approver, backup_approver, help_desk. */
  readonly roles: readonly Role[];
  /** What the server's catalog.applied audit entry records. */
  readonly changes: { applications: string[]; created: string[]; updated: string[]; retired: string[] };
}

export async function loadSpotCatalog(database: Database, seed: number, at: number): Promise<GeneratedCatalog> {
  const text = readFileSync(SPOT_CATALOG_FILE, 'utf8');
  const document = parseCatalog(JSON.parse(text) as unknown);
  const spot = document.applications.find((app) => app.code === 'SPOT');
  if (!spot) throw new Error(`${SPOT_CATALOG_FILE} has no SPOT application`);
  const random = new Random(seed, 'catalog');
  const now = new Date(at).toISOString();
  const applicationId = uuidv7(at, random);
  const ids = new Map(spot.roles.map((policy, index) => [policy.code, uuidv7(at, random, index + 1)]));
  const roles: Role[] = spot.roles.map((policy) =>
    toRole(
      policy,
      applicationId,
      ids.get(policy.code) as string,
      policy.includes === null ? null : (ids.get(policy.includes) ?? null),
    ),
  );
  await database.transaction(async (trx) => {
    await insertApplication(
      trx,
      {
        id: applicationId,
        code: spot.code,
        name: spot.name,
        description: spot.description ?? '',
        nameEs: spot.nameEs ?? '',
        descriptionEs: spot.descriptionEs ?? '',
        helpDeskEmail: spot.helpDeskEmail ?? null,
        status: 'active',
      },
      now,
    );
    for (const role of roles) await insertRole(trx, { ...role, includesRoleId: null }, now);
    for (const role of roles) if (role.includesRoleId !== null) await updateRole(trx, role, now);
    await saveSetting(trx, FILE_HASH_SETTING, JSON.stringify(sha256Hex(text)), now, null);
  });
  const byPlanIndex = ROLE_CODES.map((code) => {
    const role = roles.find((candidate) => candidate.code === code);
    if (!role) throw new Error(`the SPOT catalog has no ${code} role`);
    return role;
  });
  return {
    applicationId,
    roles: byPlanIndex,
    changes: {
      applications: [spot.code],
      created: spot.roles.map((role) => `${spot.code}/${role.code}`),
      updated: [],
      retired: [],
    },
  };
}

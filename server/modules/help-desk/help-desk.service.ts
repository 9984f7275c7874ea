import type { Transaction } from 'kysely';
import type { Static } from 'typebox';
import type { Database, Reader } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../../shared/actor.js';
import { keysetPage, type KeysetPage } from '../../shared/keyset.js';
import type { AccountsService, User } from '../accounts/accounts.service.js';
import type { AssignmentsService } from '../assignments/assignments.service.js';
import type { AuditSearch } from '../audit/audit-search.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { MfaService } from '../mfa/mfa.service.js';
import type { OrganizationsService } from '../organizations/organizations.service.js';
import type { RequestsService } from '../requests/requests.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import {
  actingApplicationId,
  helpDeskActions,
  isHelpDesk,
  servesPerson,
  visibleApplicationIds,
  type HelpDeskAction,
  type HelpDeskStanding,
} from './help-desk.policy.js';
import type { OrphanOrganization, PersonDetail, PersonHit } from './help-desk.schemas.js';

export type PersonHitView = Static<typeof PersonHit>;
export type PersonDetailView = Static<typeof PersonDetail>;
export type OrphanView = Static<typeof OrphanOrganization>;

/** People a search shows; candidates read before those the help desk does not serve are left out. */
const SEARCH_SHOWN = 20;
const SEARCH_READ = 60;
const SIGN_INS_SHOWN = 10;

export interface HelpDeskService {
  /** People the caller's help desk serves, by user ID, email or name. */
  search(caller: User, text: string): Promise<PersonHitView[]>;
  /** A person as the help desk sees them; `resource.not_found` for someone it does not serve. */
  person(caller: User, id: string): Promise<PersonDetailView>;
  /** Unlocks a locked user ID now. */
  unlock(actor: Actor, caller: User, id: string): Promise<PersonDetailView>;
  /** Removes every MFA device and recovery code and signs the person out: they enrol again at the next sign-in. */
  resetMfa(actor: Actor, caller: User, id: string): Promise<PersonDetailView>;
  /** Sends the email verification link again. */
  resendVerification(actor: Actor, caller: User, id: string): Promise<PersonDetailView>;
  /** Orphan organizations of the caller's applications, longest orphaned first. */
  orphans(caller: User, page: { after?: string; limit: number }): Promise<KeysetPage<OrphanView>>;
}

/** What each action is refused with when it does not apply to the account now. */
const NOT_APPLICABLE: Record<HelpDeskAction, 'help_desk.not_locked' | 'help_desk.no_mfa_devices' | 'help_desk.already_verified'> =
  {
    unlock: 'help_desk.not_locked',
    reset_mfa: 'help_desk.no_mfa_devices',
    resend_verification: 'help_desk.already_verified',
  };

/**
 * The help desk console: finding the people an application's help desk serves and helping them
 * back in. Every account it touches belongs to the accounts, MFA and sessions modules; this one
 * decides who may be found and acted on (help-desk.policy.ts) and records each act under the
 * application the help desk acts for.
 */
export function createHelpDeskService(deps: {
  database: Database;
  accounts: AccountsService;
  assignments: AssignmentsService;
  requests: RequestsService;
  mfa: MfaService;
  sessions: SessionsService;
  organizations: OrganizationsService;
  catalog: CatalogService;
  auditSearch: AuditSearch;
}): HelpDeskService {
  const { database, accounts } = deps;

  async function standingOf(db: Reader, caller: User): Promise<HelpDeskStanding> {
    const standing = { userId: caller.id, helpDeskApplicationIds: await deps.assignments.helpDeskApplicationIds(db, caller.id) };
    if (!isHelpDesk(standing)) throw new AppError('auth.forbidden');
    return standing;
  }

  /** For each person, the applications they hold, held or asked for a role in. */
  async function applicationsOf(db: Reader, userIds: readonly string[]): Promise<Map<string, Set<string>>> {
    const [held, requested] = await Promise.all([
      deps.assignments.applicationIdsOfUsers(db, userIds),
      deps.requests.applicationIdsOfRequesters(db, userIds),
    ]);
    const all = new Map<string, Set<string>>();
    for (const id of userIds) all.set(id, new Set([...(held.get(id) ?? []), ...(requested.get(id) ?? [])]));
    return all;
  }

  /** The person, if the help desk serves them, with the applications they are known to. */
  async function servedPerson(db: Reader, standing: HelpDeskStanding, id: string) {
    const person = await accounts.getUser(db, id);
    const applicationIds = (await applicationsOf(db, [person.id])).get(person.id) ?? new Set<string>();
    // Someone the help desk does not serve does not exist to it.
    if (!servesPerson(standing, applicationIds)) throw new AppError('resource.not_found');
    return { person, applicationIds };
  }

  function hit(person: User): PersonHitView {
    return {
      id: person.id,
      userId: person.userId,
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email,
      status: person.status,
      locked: accounts.isLocked(person),
    };
  }

  async function detail(caller: User, id: string): Promise<PersonDetailView> {
    const standing = await standingOf(database.db, caller);
    const { person, applicationIds } = await servedPerson(database.db, standing, id);
    const shownApplicationIds = visibleApplicationIds(standing, applicationIds);
    const [devices, signIns, roles, pendingRequests] = await Promise.all([
      deps.mfa.confirmedFactors(person.id),
      deps.auditSearch.signInsOf(person.id, SIGN_INS_SHOWN),
      deps.assignments.listForHelpDesk(caller, person.id, shownApplicationIds),
      deps.requests.pendingForHelpDesk(caller, person.id, shownApplicationIds),
    ]);
    return {
      ...hit(person),
      emailVerified: person.emailVerifiedAt !== null,
      disabledReason: person.disabledReason,
      lockedUntil: accounts.isLocked(person) ? person.lockedUntil : null,
      failedSignIns: person.failedSignIns,
      createdAt: person.createdAt,
      lastSignInAt: person.lastSignInAt,
      mfaDevices: devices.map((device) => ({ kind: device.kind, addedAt: device.createdAt, lastUsedAt: device.lastUsedAt })),
      signIns,
      roles,
      pendingRequests,
      allowedActions: helpDeskActions(standing, {
        id: person.id,
        locked: accounts.isLocked(person),
        mfaDevices: devices.length,
        status: person.status,
      }),
    };
  }

  /** Takes one action on a served person's account in one transaction, refused unless it applies now. */
  async function act(
    actor: Actor,
    caller: User,
    id: string,
    action: HelpDeskAction,
    apply: (trx: Transaction<DB>, person: User, scope: { applicationId: string | null }) => Promise<void>,
  ): Promise<PersonDetailView> {
    await database.transaction(async (trx) => {
      const standing = await standingOf(trx, caller);
      const { person, applicationIds } = await servedPerson(trx, standing, id);
      const devices = action === 'reset_mfa' && (await deps.mfa.hasConfirmedFactor(trx, person.id)) ? 1 : 0;
      const actions = helpDeskActions(standing, {
        id: person.id,
        locked: accounts.isLocked(person),
        mfaDevices: devices,
        status: person.status,
      });
      if (!actions.includes(action)) throw new AppError(person.id === caller.id ? 'auth.forbidden' : NOT_APPLICABLE[action]);
      await apply(trx, person, { applicationId: actingApplicationId(standing, applicationIds) });
    });
    return detail(caller, id);
  }

  return {
    async search(caller, text) {
      const standing = await standingOf(database.db, caller);
      const candidates = await accounts.searchPeople(text, SEARCH_READ);
      const applications = await applicationsOf(
        database.db,
        candidates.map((candidate) => candidate.id),
      );
      return candidates
        .filter((candidate) => servesPerson(standing, applications.get(candidate.id) ?? new Set()))
        .slice(0, SEARCH_SHOWN)
        .map(hit);
    },

    person: detail,

    unlock: (actor, caller, id) =>
      act(actor, caller, id, 'unlock', (trx, person, scope) => accounts.unlock(trx, actor, person, scope)),

    resetMfa: (actor, caller, id) =>
      act(actor, caller, id, 'reset_mfa', async (trx, person, scope) => {
        await deps.mfa.resetFactors(trx, actor, person, scope);
        // Whoever holds a session opened with the old devices is signed out with them.
        await deps.sessions.endAllForUser(trx, person.id, 'mfa_reset');
      }),

    resendVerification: (actor, caller, id) =>
      act(actor, caller, id, 'resend_verification', (trx, person, scope) =>
        accounts.resendVerificationTo(trx, actor, person, scope),
      ),

    async orphans(caller, page) {
      const standing = await standingOf(database.db, caller);
      let after: { orphanedSince: string; id: string } | undefined;
      if (page.after !== undefined) {
        const last = await deps.organizations.findOrganization(database.db, page.after);
        if (!last?.orphanedSince) throw new AppError('request.invalid', { field: 'cursor' });
        after = { orphanedSince: last.orphanedSince, id: last.id };
      }
      const [rows, applications] = await Promise.all([
        deps.organizations.orphans(standing.helpDeskApplicationIds, { after, limit: page.limit + 1 }),
        deps.catalog.listApplications(database.db),
      ]);
      return keysetPage(rows, page.limit, (organization) => {
        const app = applications.find((candidate) => candidate.id === organization.applicationId);
        return {
          id: organization.id,
          application: { id: organization.applicationId, code: app?.code ?? '', name: app?.name ?? '' },
          submitterId: organization.submitterId,
          legalName: organization.legalName,
          orphanedSince: organization.orphanedSince ?? '',
          contact: organization.contact,
        };
      });
    },
  };
}

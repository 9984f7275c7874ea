import { permutation, Random } from './seeded.js';

/*
 * Who holds which role where, and who asks for what, as compact arrays of indexes: the shape of
 * the database before any row is written. Users and organizations are numbered 0..N-1; the rows
 * are built from these numbers later (rows.ts), so a million-user plan costs a few tens of MB.
 *
 * The proportions follow a SPOT-like program: as many organizations as people, every
 * organization with one approver, one in ten with a backup approver, a few help desk staff, and
 * end users. Two certifiers are made big on purpose, so that list pages have thousands of items
 * to page through: one approver of many organizations (the "big approver"), one of which (the
 * "big organization", number 0) has a tenth of all users as end users.
 */

export const END_USER = 0;
export const APPROVER = 1;
export const BACKUP_APPROVER = 2;
export const HELP_DESK = 3;
export const ROLE_CODES = ['end_user', 'approver', 'backup_approver', 'help_desk'] as const;
export type RoleIndex = typeof END_USER | typeof APPROVER | typeof BACKUP_APPROVER | typeof HELP_DESK;

/** Below this the proportions stop making sense (the big approver needs several organizations). */
export const MIN_USERS = 100;

export interface PlanOptions {
  readonly users: number;
  readonly seed: number;
  /** How many certifiable assignments are past their due day at the base date. */
  readonly overdue: number;
}

export interface Plan {
  readonly users: number;
  readonly organizations: number;
  /** Users 0..helpDesk-1 are the application's help desk. */
  readonly helpDesk: number;
  /** The approver of organizations 0..bigApproverOrganizations-1. */
  readonly bigApprover: number;
  readonly bigApproverOrganizations: number;
  /** End users of organization 0, the big organization: the last users, counting down. */
  readonly bigOrganizationEndUsers: number;
  readonly overdue: number;
  /** Each organization's approver and backup approver (-1: none), by organization. */
  readonly approverOf: Int32Array;
  readonly backupOf: Int32Array;
  /** The assignments, in the order they were granted (help desk first, then a seeded order). */
  readonly assignmentUser: Int32Array;
  readonly assignmentOrganization: Int32Array;
  readonly assignmentRole: Uint8Array;
  /** The pending role requests, in the order they were submitted. */
  readonly requestUser: Int32Array;
  readonly requestOrganization: Int32Array;
  readonly requestRole: Uint8Array;
}

export function makePlan(options: PlanOptions): Plan {
  const n = options.users;
  if (!Number.isInteger(n) || n < MIN_USERS) throw new Error(`--users must be a whole number of at least ${MIN_USERS}`);
  const helpDesk = n >= 100_000 ? 5 : 3;
  const bigApprover = helpDesk;
  // At least helpDesk+1 organizations, so that every other organization's approver is a user.
  const bigApproverOrganizations = Math.max(helpDesk + 1, Math.floor(n / 1000));
  const bigOrganizationEndUsers = Math.floor(n / 10);
  const total = 2 * n;
  const certifiable = total - helpDesk;
  if (!Number.isInteger(options.overdue) || options.overdue < 0 || options.overdue > certifiable) {
    throw new Error(`--overdue must be between 0 and ${certifiable}`);
  }

  /** The organization a user approves (the big approver approves a block; -1: none). */
  const approvedBy = (user: number): number => {
    if (user <= bigApprover) return -1;
    const organization = user - bigApprover - 1 + bigApproverOrganizations;
    return organization < n ? organization : -1;
  };
  const inBigOrganization = (user: number) => user >= n - bigOrganizationEndUsers;
  const backupOrganization = new Int32Array(n).fill(-1);
  const endUserOrganization = new Int32Array(n).fill(-1);
  /** Whether `user` already has a role (or asked for one) in `organization`. */
  const holdsIn = (user: number, organization: number): boolean =>
    approvedBy(user) === organization ||
    (user === bigApprover && organization < bigApproverOrganizations) ||
    backupOrganization[user] === organization ||
    endUserOrganization[user] === organization ||
    (organization === 0 && inBigOrganization(user));
  /** A seeded organization where `user` has nothing yet. */
  const freeOrganization = (random: Random, user: number): number => {
    let organization = random.int(n);
    while (holdsIn(user, organization)) organization = (organization + 1) % n;
    return organization;
  };

  const approverOf = new Int32Array(n);
  for (let organization = 0; organization < n; organization++) {
    approverOf[organization] =
      organization < bigApproverOrganizations ? bigApprover : organization - bigApproverOrganizations + bigApprover + 1;
  }

  const user = new Int32Array(total);
  const org = new Int32Array(total);
  const role = new Uint8Array(total);
  let count = 0;
  const add = (u: number, o: number, r: RoleIndex) => {
    user[count] = u;
    org[count] = o;
    role[count] = r;
    count += 1;
  };

  for (let u = 0; u < helpDesk; u++) add(u, -1, HELP_DESK);
  for (let o = 0; o < n; o++) add(approverOf[o] as number, o, APPROVER);

  // One organization in ten has a backup approver: a person who is not its approver and backs up
  // nowhere else (a user backing up many organizations would be a second big certifier).
  const backupOf = new Int32Array(n).fill(-1);
  const backups = new Random(options.seed, 'plan.backups');
  for (let o = 3; o < n; o += 10) {
    let candidate = backups.between(helpDesk + 1, n);
    while (backupOrganization[candidate] !== -1 || candidate === approverOf[o]) {
      candidate = candidate + 1 < n ? candidate + 1 : helpDesk + 1;
    }
    backupOrganization[candidate] = o;
    backupOf[o] = candidate;
    add(candidate, o, BACKUP_APPROVER);
  }

  for (let u = n - bigOrganizationEndUsers; u < n; u++) add(u, 0, END_USER);

  // The rest are end users, one organization each for distinct people, wherever they hold nothing.
  const endUsers = new Random(options.seed, 'plan.end_users');
  const people = permutation(endUsers, helpDesk + 1, n);
  const remaining = total - count;
  if (remaining > people.length) throw new Error('too few users for the planned end users');
  for (let i = 0; i < remaining; i++) {
    const u = people[i] as number;
    const o = freeOrganization(endUsers, u);
    endUserOrganization[u] = o;
    add(u, o, END_USER);
  }

  // Grant order: the help desk first, then everyone else in a seeded order, so that due dates
  // (one period after the grant) are not tied to organization or user numbers.
  const order = permutation(new Random(options.seed, 'plan.grant_order'), helpDesk, total);
  const assignmentUser = new Int32Array(total);
  const assignmentOrganization = new Int32Array(total);
  const assignmentRole = new Uint8Array(total);
  for (let i = 0; i < total; i++) {
    const from = i < helpDesk ? i : (order[i - helpDesk] as number);
    assignmentUser[i] = user[from] as number;
    assignmentOrganization[i] = org[from] as number;
    assignmentRole[i] = role[from] as number;
  }

  // Pending requests: a tenth of N, from distinct people (so no two collide on the pending-request
  // index). Most ask to be end users, a twentieth of those in the big organization (its approver
  // then has requests waiting); one in ten asks to be a backup approver, which the help desk decides.
  const requests = Math.floor(n / 10);
  const asking = new Random(options.seed, 'plan.requests');
  const requesters = permutation(asking, helpDesk + 1, n);
  const requestUser = new Int32Array(requests);
  const requestOrganization = new Int32Array(requests);
  const requestRole = new Uint8Array(requests);
  for (let i = 0; i < requests; i++) {
    const u = requesters[i] as number;
    const backup = asking.float() < 0.1;
    const big = !backup && asking.float() < 0.05 && !holdsIn(u, 0);
    requestUser[i] = u;
    requestRole[i] = backup ? BACKUP_APPROVER : END_USER;
    requestOrganization[i] = big ? 0 : freeOrganization(asking, u);
  }

  return {
    users: n,
    organizations: n,
    helpDesk,
    bigApprover,
    bigApproverOrganizations,
    bigOrganizationEndUsers,
    overdue: options.overdue,
    approverOf,
    backupOf,
    assignmentUser,
    assignmentOrganization,
    assignmentRole,
    requestUser,
    requestOrganization,
    requestRole,
  };
}

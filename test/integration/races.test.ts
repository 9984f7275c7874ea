import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../server/modules/accounts/accounts.service.js';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import { FORMS_PER_DAY } from '../../server/modules/organization-forms/form-submission.js';
import { systemActor } from '../../server/shared/actor.js';
import { ApiClient } from '../helpers/api-client.js';
import { GOOD_PASSWORD, passwordStep, signedInUser, totpAt, userRow, type SignedInUser } from '../helpers/accounts.js';
import { createOrganization, grantRole, loadSpot } from '../helpers/organizations.js';
import {
  afterSteps,
  auditSince,
  clientWith,
  lastAuditSeq,
  openSession,
  RaceTally,
  twoProcesses,
  type RaceProcesses,
} from '../helpers/races.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';
import {
  assignmentRow,
  decide as decideCertification,
  decisionsOf,
  dueInDays,
  insertPeople,
  setDue,
} from './certification-support.js';

/*
 * Races (QUALITY.md, "Reliability and security"): two people, or a person and a sweep, doing the
 * one thing that can be done once, at the same moment, many times over. On PostgreSQL the racers
 * are two server processes (two pools on one database); a SQLite file has one writer process, so
 * there they share it and the race is over which transaction takes the write lock first. Each
 * race counts its rounds and the rounds that ended with more than one outcome, prints them, and
 * asserts there were none.
 */
const ROUNDS = process.env.ROLECALL_LONG_CHECKS ? 200 : 20;
/** Room for the long variant; no race waits on time, only on work. */
const RACE_TIMEOUT = Math.max(30_000, ROUNDS * 1_500);
/** The most steps one racer starts behind the other (see afterSteps): beyond where the order flips on either database. */
const STAGGER = 12;
const WRONG_PASSWORD = 'Wrong-Harbor-Lantern-42';

const statusesOf = (answers: readonly LightMyRequestResponse[]) =>
  answers.map((answer) => answer.statusCode).sort((a, b) => a - b);
/** Which of two racing answers got `status`: the one sent first, or the one sent after it. */
const winnerOf = (answers: readonly LightMyRequestResponse[], status: number) =>
  answers.filter((answer) => answer.statusCode === status).length === 1
    ? answers[0]!.statusCode === status
      ? 'first sent won'
      : 'second sent won'
    : 'no single winner';
/** The error code of an answer, if it is an error answer. */
function codeOf(answer: LightMyRequestResponse): string | undefined {
  try {
    return (answer.json() as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}
/** An answer as a problem names it: its status and its error code, or the start of its body. */
const brief = (answer: LightMyRequestResponse) => `${answer.statusCode} ${codeOf(answer) ?? answer.body.slice(0, 80)}`;

describe.each(testDialects())('races on %s', (dialect) => {
  let t: TestApp;
  let processes: RaceProcesses;
  let roles: Record<string, Role>;
  let applicationId: string;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    ({ roles, applicationId } = await loadSpot(t.ctx));
    processes = await twoProcesses(t);
  });
  afterAll(async () => {
    await processes?.close();
    await t?.close();
  });

  /** Prints the race's line and fails on any double outcome, with the first rounds that had one. */
  function report(tally: RaceTally): void {
    console.log(tally.line());
    expect(tally.firstProblems()).toEqual([]);
    expect(tally.doubleOutcomes).toBe(0);
    expect(tally.rounds).toBe(ROUNDS);
  }

  /** People who never sign in, each with a signed-in session on both processes. */
  async function peopleWithSessions(count: number) {
    const people = await insertPeople(t.ctx, count);
    return Promise.all(
      people.map(async (person) => {
        const session = await openSession(t.ctx, person.id);
        return { ...person, clients: processes.apps.map((app) => clientWith(app, session)) as [ApiClient, ApiClient] };
      }),
    );
  }

  /** The later racer's start, `steps` steps behind (see afterSteps). */
  const stagger = <T>(steps: number, start: () => Promise<T>) => afterSteps(processes.contexts[1], steps, start);

  const userOf = (id: string): Promise<User> => t.ctx.accounts.getUser(t.ctx.database.db, id);

  it(
    'two approvers deciding one role request at the same moment: one decision, one role, one audit entry',
    async () => {
      const tally = new RaceTally('two approvers decide one request', dialect);
      const organization = await createOrganization(t.ctx, applicationId, { legalName: 'Twin Oaks Family Practice' });
      const [approver, backup] = await peopleWithSessions(2);
      await grantRole(t.ctx, approver!.id, roles.approver!, organization.id);
      await grantRole(t.ctx, backup!.id, roles.backup_approver!, organization.id);
      const requesters = await insertPeople(t.ctx, ROUNDS);
      const endUser = roles.end_user!;

      for (let round = 0; round < ROUNDS; round++) {
        const requester = requesters[round]!;
        const submitted = await t.ctx.requests.submit({ kind: 'user', userId: requester.id }, await userOf(requester.id), {
          roleId: endUser.id,
          organizationId: organization.id,
          reason: 'Billing for the practice',
        });
        const seq = await lastAuditSeq(t.ctx);
        // Who approves and who rejects changes every round, and so does who sends first; each
        // sends from a process of their own.
        const [approving, rejecting] = round % 2 === 0 ? [approver!, backup!] : [backup!, approver!];
        const url = `/api/v1/role-requests/${submitted.id}/decision`;
        const approve = () => approving.clients[0].post(url, { decision: 'approve' });
        const reject = () => rejecting.clients[1].post(url, { decision: 'reject', comment: 'Not with this practice' });
        const steps = Math.floor(round / 4) % STAGGER;
        const [approved, rejected] =
          round % 4 < 2
            ? await Promise.all([approve(), stagger(steps, reject)])
            : await Promise.all([stagger(steps, approve), reject()]);

        const problems: string[] = [];
        if (statusesOf([approved, rejected]).join() !== '200,409') {
          problems.push(`answers ${[approved, rejected].map(brief).join(' and ')}`);
        }
        const loser = approved.statusCode === 200 ? rejected : approved;
        if (loser.statusCode === 409 && codeOf(loser) !== 'role_request.already_decided') {
          problems.push(`the later decision was told ${codeOf(loser)}`);
        }
        const stored = await t.ctx.database.db
          .selectFrom('role_requests')
          .select(['status', 'decided_by'])
          .where('id', '=', submitted.id)
          .executeTakeFirstOrThrow();
        const winner = stored.status === 'approved' ? approved : rejected;
        if (winner.statusCode !== 200)
          problems.push(`stored ${stored.status}, yet that decision was answered ${winner.statusCode}`);
        if (stored.decided_by !== (stored.status === 'approved' ? approving : rejecting).id) {
          problems.push('the request names the other approver as its decider');
        }
        const granted = await t.ctx.database.db
          .selectFrom('role_assignments')
          .select(['id', 'status'])
          .where('user_id', '=', requester.id)
          .where('role_id', '=', endUser.id)
          .execute();
        const rolesExpected = stored.status === 'approved' ? 1 : 0;
        if (granted.length !== rolesExpected) problems.push(`${granted.length} roles granted on a ${stored.status} request`);
        const decisions = await auditSince(t.ctx, seq, ['role_request.approved', 'role_request.rejected'], submitted.id);
        if (decisions.length !== 1) problems.push(`${decisions.length} audit entries of the decision`);
        const grants = await auditSince(t.ctx, seq, ['role.granted']);
        if (grants.length !== rolesExpected) problems.push(`${grants.length} audit entries of a grant`);
        const told = await t.ctx.database.db
          .selectFrom('outbox')
          .select('id')
          .where('recipient', '=', requester.email)
          .where('template', '=', 'role_request.decided')
          .execute();
        if (told.length !== 1) problems.push(`the requester was emailed ${told.length} decisions`);
        tally.record(stored.status, problems);
      }
      report(tally);
    },
    RACE_TIMEOUT,
  );

  it(
    'certify racing the expiry sweep: the role is certified or removed, once, never both',
    async () => {
      const tally = new RaceTally('certify against the expiry sweep', dialect);
      const organization = await createOrganization(t.ctx, applicationId, { legalName: 'Finish Line Orthopedics' });
      const [certifier] = await peopleWithSessions(1);
      await grantRole(t.ctx, certifier!.id, roles.approver!, organization.id);
      const holder = (await insertPeople(t.ctx, 1))[0]!;
      let assignmentId = (await grantRole(t.ctx, holder.id, roles.end_user!, organization.id)).id;
      // The sweep runs in the other process: on PostgreSQL a pool of its own, as a second server's scheduler.
      const sweeper = processes.contexts[1];

      for (let round = 0; round < ROUNDS; round++) {
        // Due yesterday, a different instant each round: overdue, so the sweep removes it unless
        // the certifier gets there first, which they may until it does.
        const dueAt = new Date(new Date(dueInDays(t.ctx, -1)).getTime() + round).toISOString();
        await setDue(t.ctx, assignmentId, dueAt);
        const lastCertified = (await assignmentRow(t.ctx, assignmentId)).last_certified_at;
        const seq = await lastAuditSeq(t.ctx);
        const certify = () =>
          decideCertification(certifier!.clients[0], { outcome: 'certify', assignmentIds: [assignmentId] }, { version: 1 });
        const sweep = () => sweeper.scheduler.runNow('certification.sweep');
        // Either one first, the other a varying number of steps later.
        const steps = Math.floor(round / 2) % STAGGER;
        const [answer, swept] =
          round % 2 === 0
            ? await Promise.all([certify(), stagger(steps, sweep)])
            : await Promise.all([stagger(steps, certify), sweep()]);

        const problems: string[] = [];
        if (!swept.ran) problems.push('the sweep did not run');
        const decisions = (await decisionsOf(t.ctx, assignmentId)).filter((decision) => decision.due_at === dueAt);
        const row = await assignmentRow(t.ctx, assignmentId);
        const certified = await auditSince(t.ctx, seq, ['certification.certified'], assignmentId);
        const expired = await auditSince(t.ctx, seq, ['certification.expired'], assignmentId);
        const removed = await auditSince(t.ctx, seq, ['role.removed'], assignmentId);
        if (decisions.length !== 1) problems.push(`${decisions.length} decisions of one due date`);
        const outcome = decisions.length === 1 ? decisions[0]!.outcome : 'several';
        if (outcome === 'certified') {
          if (answer.statusCode !== 200) problems.push(`certified, yet the certifier was answered ${answer.statusCode}`);
          if (row.status !== 'active') problems.push(`certified, yet the role is ${row.status}`);
          if (row.last_certified_at !== decisions[0]!.decided_at) problems.push('certified, yet not recorded on the role');
          if (!(row.certification_due_at! > dueAt) || row.certification_due_at !== decisions[0]!.next_due_at) {
            problems.push(`certified, yet due ${row.certification_due_at}`);
          }
          if (certified.length !== 1 || expired.length !== 0 || removed.length !== 0) {
            problems.push(`audit: ${certified.length} certified, ${expired.length} expired, ${removed.length} removed`);
          }
        } else if (outcome === 'expired') {
          if (answer.statusCode !== 409 || codeOf(answer) !== 'certification.already_decided') {
            problems.push(`expired, yet the certifier was answered ${brief(answer)}`);
          }
          if (row.status !== 'removed' || row.removal_kind !== 'certification_expired') {
            problems.push(`expired, yet the role is ${row.status} (${row.removal_kind})`);
          }
          if (row.last_certified_at !== lastCertified) problems.push('a removed role is also certified');
          if (certified.length !== 0 || expired.length !== 1 || removed.length !== 1) {
            problems.push(`audit: ${certified.length} certified, ${expired.length} expired, ${removed.length} removed`);
          }
        } else {
          problems.push(`outcomes ${decisions.map((decision) => decision.outcome).join(', ')}`);
        }
        tally.record(outcome, problems);
        if (row.status !== 'active') assignmentId = (await grantRole(t.ctx, holder.id, roles.end_user!, organization.id)).id;
      }
      report(tally);
    },
    RACE_TIMEOUT,
  );

  it(
    'one role request submitted twice at once: one is taken, the other is a duplicate',
    async () => {
      const tally = new RaceTally('role request submitted twice', dialect);
      const organization = await createOrganization(t.ctx, applicationId, { legalName: 'Double Click Dental' });
      const [approver] = await insertPeople(t.ctx, 1);
      await grantRole(t.ctx, approver!.id, roles.approver!, organization.id);
      const requesters = await peopleWithSessions(ROUNDS);
      const body = { roleId: roles.end_user!.id, organizationId: organization.id, reason: 'Checking claim status' };

      for (let round = 0; round < ROUNDS; round++) {
        const requester = requesters[round]!;
        const seq = await lastAuditSeq(t.ctx);
        // The same person, the same session, one request sent to each process: a double click.
        const answers = await Promise.all(
          requester.clients.map((client, index) =>
            stagger(index * (round % STAGGER), () => client.post('/api/v1/role-requests', body)),
          ),
        );

        const problems: string[] = [];
        if (statusesOf(answers).join() !== '201,409') {
          problems.push(`answers ${answers.map(brief).join(' and ')}`);
        }
        const refused = answers.find((answer) => answer.statusCode !== 201);
        if (refused && codeOf(refused) !== 'role_request.duplicate') problems.push(`the second was told ${codeOf(refused)}`);
        const stored = await t.ctx.database.db
          .selectFrom('role_requests')
          .select(['id', 'status'])
          .where('requester_id', '=', requester.id)
          .execute();
        if (stored.length !== 1 || stored[0]!.status !== 'pending') {
          problems.push(`stored: ${stored.map((request) => request.status).join(', ') || 'nothing'}`);
        }
        const accepted = answers.find((answer) => answer.statusCode === 201);
        if (accepted && stored[0] && accepted.json().id !== stored[0].id) problems.push('the answer names another request');
        const submitted = await auditSince(t.ctx, seq, ['role_request.submitted']);
        if (submitted.length !== 1) problems.push(`${submitted.length} audit entries of a submission`);
        const confirmations = await t.ctx.database.db
          .selectFrom('outbox')
          .select('id')
          .where('recipient', '=', requester.email)
          .where('template', '=', 'role_request.submitted')
          .execute();
        if (confirmations.length !== 1) problems.push(`${confirmations.length} confirmation emails`);
        tally.record(winnerOf(answers, 201), problems);
      }
      report(tally);
    },
    RACE_TIMEOUT,
  );

  it(
    'one organization form sent twice at once: two forms (the product takes several), each counted against the daily limit',
    async () => {
      // docs/ROLES.md: one person sends at most FORMS_PER_DAY forms "whatever became of them"; the
      // same form twice is two forms for the help desk to review. Sent at once, they must still
      // count each other: at the limit exactly one is taken, and no two forms share a number.
      const tally = new RaceTally('organization form sent twice', dialect);
      const formOf = (sender: { firstName: string; lastName: string; email: string }) => ({
        applicationCode: 'SPOT',
        organization: {
          legalName: 'Twice Sent Pediatrics',
          tin: '59-4417730',
          groupNpi: '1234567893',
          ptan: 'FL4417',
          lineOfBusiness: 'part_b',
          location: 'FL',
          address: { line1: '40 Riverside Avenue', city: 'Jacksonville', state: 'FL', zip: '32202' },
          phone: '904-555-0190',
          fax: null,
          contact: { name: 'Sam Ortega', email: 'sam.ortega@example.test', phone: '904-555-0191' },
          approver: { firstName: sender.firstName, lastName: sender.lastName, email: sender.email },
          backupApprovers: [],
        },
        signatureName: `${sender.firstName} ${sender.lastName}`,
      });
      const formsOf = (senderId: string) =>
        t.ctx.database.db
          .selectFrom('organization_forms')
          .select(['id', 'tracking_number'])
          .where('submitted_by', '=', senderId)
          .execute();

      let sender = (await peopleWithSessions(1))[0]!;
      let sent = 0;
      for (let round = 0; round < ROUNDS; round++) {
        if (sent >= FORMS_PER_DAY) {
          // A fresh sender once the last one reached the day's limit.
          sender = (await peopleWithSessions(1))[0]!;
          sent = 0;
        }
        if (sent === 0) {
          // One form first, so that pairs reach the limit with one form to spare: 1, 3, … 9, then 10.
          const first = await sender.clients[0].post('/api/v1/organization-forms', formOf(sender));
          expect(first.statusCode, first.body).toBe(201);
          sent = 1;
        }
        const room = Math.min(2, FORMS_PER_DAY - sent);
        const seq = await lastAuditSeq(t.ctx);
        const answers = await Promise.all(
          sender.clients.map((client, index) =>
            stagger(index * (round % STAGGER), () => client.post('/api/v1/organization-forms', formOf(sender))),
          ),
        );

        const problems: string[] = [];
        const taken = answers.filter((answer) => answer.statusCode === 201);
        const refused = answers.filter((answer) => answer.statusCode !== 201);
        if (taken.length !== room) problems.push(`${taken.length} taken with room for ${room}`);
        for (const answer of refused) {
          if (answer.statusCode !== 429 || codeOf(answer) !== 'organization_form.too_many') {
            problems.push(`refused with ${brief(answer)}`);
          }
        }
        const stored = await formsOf(sender.id);
        if (stored.length !== sent + taken.length)
          problems.push(`${stored.length} forms stored after ${sent + taken.length} taken`);
        if (stored.length > FORMS_PER_DAY) problems.push(`${stored.length} forms in a day, over the limit`);
        if (new Set(stored.map((form) => form.tracking_number)).size !== stored.length) problems.push('two forms share a number');
        const ids = new Set(stored.map((form) => form.id));
        if (!taken.every((answer) => ids.has(answer.json().id as string))) problems.push('an answer names a form not stored');
        const submitted = await auditSince(t.ctx, seq, ['organization_form.submitted']);
        if (submitted.length !== taken.length) problems.push(`${submitted.length} audit entries for ${taken.length} forms`);
        tally.record(room === 2 ? 'both taken' : 'one taken at the limit', problems);
        sent = stored.length;
      }
      report(tally);
    },
    RACE_TIMEOUT,
  );

  it(
    'wrong passwords racing the lockout counter: never more guesses evaluated than the threshold, nothing accepted once locked',
    async () => {
      const tally = new RaceTally('sign-ins racing the lockout', dialect);
      const threshold = t.ctx.config.accounts.lockoutThreshold;
      // More wrong guesses at once than the threshold allows, and the right password among them.
      const wrongAtOnce = threshold + 2;
      const user = await signedInUser(t.app, t.ctx, t.clock);
      const id = (await userRow(t.ctx, user.userId)).id;
      const attempt = async (round: number, index: number, password: string) => {
        const client = await new ApiClient(processes.apps[(round + index) % 2]!).start();
        return passwordStep(client, { userId: user.userId, password });
      };

      for (let round = 0; round < ROUNDS; round++) {
        const before = await userOf(id);
        if (t.ctx.accounts.isLocked(before)) {
          // The help desk's unlock, which also sets the count of failures back to zero.
          await t.ctx.database.transaction((trx) => t.ctx.accounts.unlock(trx, systemActor, before, undefined));
        }
        if ((await userRow(t.ctx, user.userId)).failed_sign_ins !== 0) {
          // Only a round that went wrong (and was counted) leaves failures without a lock behind.
          await t.ctx.database.db.updateTable('users').set({ failed_sign_ins: 0 }).where('id', '=', id).execute();
        }
        const seq = await lastAuditSeq(t.ctx);
        // The right password goes out at a different place among the wrong ones each round.
        const rightAt = round % (wrongAtOnce + 1);
        const passwords = Array.from({ length: wrongAtOnce + 1 }, (_, index) =>
          index === rightAt ? GOOD_PASSWORD : WRONG_PASSWORD,
        );
        const first = await Promise.all(passwords.map((password, index) => attempt(round, index, password)));
        // Once locked, the right password, sent again among wrong ones, is refused like them.
        const after = await Promise.all([attempt(round, 0, GOOD_PASSWORD), attempt(round, 1, WRONG_PASSWORD)]);

        const problems: string[] = [];
        const events = await auditSince(t.ctx, seq, ['sign_in.failed', 'sign_in.password_accepted', 'account.locked'], id);
        const evaluated = events.filter((event) => event.action === 'sign_in.failed' && event.after.reason === 'password');
        if (evaluated.length > threshold) problems.push(`${evaluated.length} wrong passwords evaluated, over the threshold`);
        if (evaluated.length < threshold) problems.push(`only ${evaluated.length} wrong passwords evaluated before the lock`);
        const locks = events.filter((event) => event.action === 'account.locked');
        if (locks.length !== 1) problems.push(`locked ${locks.length} times`);
        const acceptedEvents = events.filter((event) => event.action === 'sign_in.password_accepted');
        if (locks[0] && acceptedEvents.some((event) => event.seq > locks[0]!.seq))
          problems.push('a password accepted after the lock');
        const evaluatedAfterLock = evaluated.filter((event) => locks[0] && event.seq > locks[0].seq);
        if (evaluatedAfterLock.length > 0) problems.push(`${evaluatedAfterLock.length} passwords evaluated after the lock`);
        const rightAnswer = first[rightAt]!;
        if ((rightAnswer.statusCode === 200) !== (acceptedEvents.length === 1) || acceptedEvents.length > 1) {
          problems.push(`the right password was answered ${rightAnswer.statusCode} with ${acceptedEvents.length} acceptances`);
        }
        for (const answer of [...first.filter((_, index) => index !== rightAt), ...after]) {
          if (answer.statusCode !== 401 || codeOf(answer) !== 'sign_in.failed') {
            problems.push(`a refused attempt was answered ${brief(answer)}`);
          }
        }
        if (!t.ctx.accounts.isLocked(await userOf(id))) problems.push('not locked at the end of the round');
        tally.record(
          rightAnswer.statusCode === 200 ? 'right password before the lock' : 'right password after the lock',
          problems,
        );
      }
      report(tally);
    },
    RACE_TIMEOUT,
  );

  // Last: it moves the clock on 30 seconds a round, past the idle limit of the sessions above.
  it(
    'one authenticator code sent from two half-signed-in sessions at once: accepted once',
    async () => {
      const tally = new RaceTally('one TOTP code used twice', dialect);
      const user: SignedInUser = await signedInUser(t.app, t.ctx, t.clock);
      const id = (await userRow(t.ctx, user.userId)).id;
      const factor = await t.ctx.database.db
        .selectFrom('mfa_factors')
        .select('id')
        .where('user_id', '=', id)
        .where('kind', '=', 'totp')
        .executeTakeFirstOrThrow();

      for (let round = 0; round < ROUNDS; round++) {
        // A code is accepted once: a new 30-second step each round.
        t.clock.advance({ seconds: 30 });
        // Two browsers past the password step (the sessions are opened as that step opens them).
        const sessions = await Promise.all([openSession(t.ctx, id, 'mfa'), openSession(t.ctx, id, 'mfa')]);
        const clients = sessions.map((session, index) => clientWith(processes.apps[index]!, session));
        const code = await totpAt(user.totpSecret, t.clock);
        const seq = await lastAuditSeq(t.ctx);
        const answers = await Promise.all(
          clients.map((client, index) =>
            stagger(index * (round % STAGGER), () => client.post('/api/v1/sign-in/mfa/verify', { factorId: factor.id, code })),
          ),
        );

        const problems: string[] = [];
        if (statusesOf(answers).join() !== '200,400') {
          problems.push(`answers ${answers.map(brief).join(' and ')}`);
        }
        const refused = answers.find((answer) => answer.statusCode !== 200);
        if (refused && codeOf(refused) !== 'mfa.code_invalid') problems.push(`the second was told ${codeOf(refused)}`);
        const succeeded = await auditSince(t.ctx, seq, ['sign_in.succeeded'], id);
        if (succeeded.length !== 1) problems.push(`${succeeded.length} sign-ins completed with one code`);
        const active = await t.ctx.database.db
          .selectFrom('sessions')
          .select('id')
          .where('user_id', '=', id)
          .where('stage', '=', 'active')
          .where('ended_at', 'is', null)
          .where('created_at', '=', t.clock.now().toISOString())
          .execute();
        if (active.length !== 1) problems.push(`${active.length} signed-in sessions opened with one code`);
        const used = await t.ctx.database.db
          .selectFrom('mfa_factors')
          .select('last_used_step')
          .where('id', '=', factor.id)
          .executeTakeFirstOrThrow();
        if (used.last_used_step !== Math.floor(t.clock.now().getTime() / 30_000)) {
          problems.push(`the device's last used step is ${used.last_used_step}`);
        }
        tally.record(winnerOf(answers, 200), problems);
      }
      report(tally);
    },
    RACE_TIMEOUT,
  );
});

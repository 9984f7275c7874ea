import { generate } from 'otplib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { AppContext } from '../../server/context.js';
import type { ManualClock } from '../../server/shared/clock.js';
import { ApiClient } from './api-client.js';
import type { TestContext } from './test-context.js';

/** A password that passes every rule for the users the factories make. */
export const GOOD_PASSWORD = 'Violet-Harbor-Lantern-42';
export const OTHER_GOOD_PASSWORD = 'Quartz-Meadow-Falcon-77';

let sequence = 0;

export interface RegisteredUser {
  userId: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}

export function newUserDetails(overrides: Partial<RegisteredUser> = {}): RegisteredUser {
  sequence += 1;
  const unique = `${Date.now().toString(36)}${sequence}`;
  return {
    userId: `tester.${unique}`,
    email: `tester.${unique}@example.test`,
    password: GOOD_PASSWORD,
    firstName: 'Dana',
    lastName: 'Whitfield',
    ...overrides,
  };
}

/** The newest message in the outbox to an address (email, SMS or voice). */
export async function lastMessageTo(
  ctx: AppContext,
  recipient: string,
): Promise<{ subject: string; text: string; template: string }> {
  const row = await ctx.database.db
    .selectFrom('outbox')
    .select(['subject', 'body_text', 'template'])
    .where('recipient', '=', recipient)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) throw new Error(`No message to ${recipient}`);
  return { subject: row.subject, text: row.body_text, template: row.template };
}

/** The token of the first link in the newest message to an address. */
export async function linkTokenFrom(ctx: AppContext, recipient: string): Promise<string> {
  const { text } = await lastMessageTo(ctx, recipient);
  const match = /token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`No link in the message to ${recipient}`);
  return decodeURIComponent(match[1]);
}

/** The 6-digit code in the newest message to an address or phone. */
export async function codeFrom(ctx: AppContext, recipient: string): Promise<string> {
  const { text } = await lastMessageTo(ctx, recipient);
  const match = /\b(\d{6})\b/.exec(text);
  if (!match?.[1]) throw new Error(`No code in the message to ${recipient}`);
  return match[1];
}

/** Registers through the API and opens the verification link: an active user without MFA yet. */
export async function registerVerifiedUser(
  app: FastifyInstance,
  ctx: AppContext,
  overrides: Partial<RegisteredUser> = {},
): Promise<RegisteredUser> {
  const user = newUserDetails(overrides);
  const client = await new ApiClient(app).start();
  const registered = await client.post('/api/v1/registrations', user);
  expect(registered.statusCode, registered.body).toBe(201);
  const verified = await client.post('/api/v1/registrations/verify', { token: await linkTokenFrom(ctx, user.email) });
  expect(verified.statusCode, verified.body).toBe(200);
  return user;
}

/** The TOTP code for `secret` at the server clock's current time. */
export function totpAt(secret: string, clock: ManualClock): Promise<string> {
  return generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });
}

export interface SignedInUser extends RegisteredUser {
  client: ApiClient;
  totpSecret: string;
  recoveryCodes: string[];
}

/** Step 1 of sign-in: user ID, password, the terms box. */
export async function passwordStep(client: ApiClient, user: { userId: string; password: string }) {
  return client.post('/api/v1/sign-in', { userId: user.userId, password: user.password, acceptTerms: true });
}

/**
 * A registered, verified user who signed in for the first time and enrolled an authenticator app:
 * the client holds a signed-in session.
 */
export async function signedInUser(
  app: FastifyInstance,
  ctx: AppContext,
  clock: ManualClock,
  overrides: Partial<RegisteredUser> = {},
): Promise<SignedInUser> {
  const user = await registerVerifiedUser(app, ctx, overrides);
  const client = await new ApiClient(app).start();
  const step = await passwordStep(client, user);
  expect(step.statusCode, step.body).toBe(200);
  expect(step.json().session.stage).toBe('enroll');
  const started = await client.post('/api/v1/mfa/factors', { kind: 'totp' });
  expect(started.statusCode, started.body).toBe(201);
  const { factor, totp } = started.json() as { factor: { id: string }; totp: { secret: string } };
  const confirmed = await client.post(`/api/v1/mfa/factors/${factor.id}/confirm`, { code: await totpAt(totp.secret, clock) });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  expect(confirmed.json().session.stage).toBe('active');
  return { ...user, client, totpSecret: totp.secret, recoveryCodes: confirmed.json().recoveryCodes as string[] };
}

/** A full sign-in with user ID, password, terms and a TOTP code, on a new client. */
export async function signInWithTotp(app: FastifyInstance, clock: ManualClock, user: SignedInUser): Promise<ApiClient> {
  // A code is never accepted twice: move to the next 30-second step first.
  clock.advance({ seconds: 30 });
  const client = await new ApiClient(app).start();
  const step = await passwordStep(client, user);
  expect(step.statusCode, step.body).toBe(200);
  const factors = step.json().session.factors as { id: string; kind: string }[];
  const totp = factors.find((factor) => factor.kind === 'totp');
  if (!totp) throw new Error('no authenticator app enrolled');
  const verified = await client.post('/api/v1/sign-in/mfa/verify', {
    factorId: totp.id,
    code: await totpAt(user.totpSecret, clock),
  });
  expect(verified.statusCode, verified.body).toBe(200);
  return client;
}

/** An administrator made as `rolecall admin create` makes one, who set a password and enrolled an app. */
export async function signedInAdministrator(app: FastifyInstance, ctx: AppContext, clock: ManualClock): Promise<SignedInUser> {
  const details = newUserDetails({ firstName: 'Avery', lastName: 'Stone' });
  const { link } = await ctx.accounts.createAdministrator({ kind: 'system' }, details);
  const token = new URL(link).searchParams.get('token') ?? '';
  const client = await new ApiClient(app).start();
  const setUp = await client.post('/api/v1/account-setup', { token, password: details.password });
  expect(setUp.statusCode, setUp.body).toBe(200);
  const step = await passwordStep(client, details);
  expect(step.statusCode, step.body).toBe(200);
  const started = await client.post('/api/v1/mfa/factors', { kind: 'totp' });
  const { factor, totp } = started.json() as { factor: { id: string }; totp: { secret: string } };
  const confirmed = await client.post(`/api/v1/mfa/factors/${factor.id}/confirm`, { code: await totpAt(totp.secret, clock) });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return { ...details, client, totpSecret: totp.secret, recoveryCodes: confirmed.json().recoveryCodes as string[] };
}

/** The error an API answer carries, with its status. */
export function errorOf(response: LightMyRequestResponse): {
  status: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
} {
  const body = response.json() as { error?: { code: string; message: string; details?: Record<string, unknown> } };
  if (!body.error) throw new Error(`Not an error answer (${response.statusCode}): ${response.body}`);
  return { status: response.statusCode, ...body.error };
}

/** The users row of a user ID. */
export async function userRow(ctx: AppContext, userId: string) {
  return ctx.database.db
    .selectFrom('users')
    .selectAll()
    .where('user_id_normalized', '=', userId.toLowerCase())
    .executeTakeFirstOrThrow();
}

/** Audit entries with an action, oldest first; only those about `targetId` when given. */
export async function auditEntries(ctx: AppContext, action: string, targetId?: string) {
  return ctx.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .$if(targetId !== undefined, (query) => query.where('target_id', '=', targetId as string))
    .orderBy('seq')
    .execute();
}

/** Every outbox message to a recipient (email, SMS or voice), oldest first. */
export async function messagesTo(ctx: AppContext, recipient: string) {
  return ctx.database.db
    .selectFrom('outbox')
    .select(['id', 'channel', 'template', 'subject', 'body_text'])
    .where('recipient', '=', recipient)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Step 1 on a fresh client for a user with a device: the client holds a session at stage `mfa`. */
export async function startSignIn(
  app: FastifyInstance,
  user: { userId: string; password: string },
  headers: Record<string, string> = {},
): Promise<{ client: ApiClient; factors: { id: string; kind: string; label: string }[] }> {
  const client = await new ApiClient(app, headers).start();
  const step = await passwordStep(client, user);
  expect(step.statusCode, step.body).toBe(200);
  expect(step.json().session.stage).toBe('mfa');
  return { client, factors: step.json().session.factors as { id: string; kind: string; label: string }[] };
}

/** Forgot password → the emailed link → a new password, all through the API. */
export async function resetPasswordByEmail(
  app: FastifyInstance,
  ctx: AppContext,
  user: { userId: string; email: string },
  password: string,
): Promise<LightMyRequestResponse> {
  const client = await new ApiClient(app).start();
  const asked = await client.post('/api/v1/recovery/password', { userId: user.userId });
  expect(asked.statusCode, asked.body).toBe(202);
  await ctx.accounts.recoveryRequests.carryOut();
  const token = await linkTokenOf(ctx, user.email, 'account.password_reset');
  return client.post('/api/v1/recovery/password/reset', { token, password });
}

/**
 * Where a string occurs anywhere in the database: "table.column" for every value of every table
 * (on PostgreSQL, of this test's schema) that contains it.
 */
export async function findInDatabase(t: TestContext, needle: string): Promise<string[]> {
  const db = t.ctx.database.db;
  const tables = (await db.introspection.getTables({ withInternalKyselyTables: true })).filter(
    (table) => !table.isView && (t.testDatabase.schema === undefined || table.schema === t.testDatabase.schema),
  );
  expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(['users', 'mfa_factors', 'sessions', 'audit_log']));
  const found: string[] = [];
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(db);
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null || value === undefined) continue;
        const text = Buffer.isBuffer(value)
          ? value.toString('utf8')
          : typeof value === 'object'
            ? JSON.stringify(value)
            : String(value);
        if (text.includes(needle)) found.push(`${table.name}.${column}`);
      }
    }
  }
  return found;
}

/**
 * The newest message of one template to a recipient. Prefer it to lastMessageTo when several
 * messages go out at one instant of the test clock: ids made in the same millisecond do not sort
 * in the order they were made.
 */
export async function lastMessageOf(
  ctx: AppContext,
  recipient: string,
  template: string,
): Promise<{ channel: string; subject: string; text: string }> {
  const row = await ctx.database.db
    .selectFrom('outbox')
    .select(['channel', 'subject', 'body_text'])
    .where('recipient', '=', recipient)
    .where('template', '=', template)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) throw new Error(`No ${template} message to ${recipient}`);
  return { channel: row.channel, subject: row.subject, text: row.body_text };
}

/** The token of the first link in the newest message of a template to a recipient. */
export async function linkTokenOf(ctx: AppContext, recipient: string, template: string): Promise<string> {
  const { text } = await lastMessageOf(ctx, recipient, template);
  const match = /token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`No link in the ${template} message to ${recipient}`);
  return decodeURIComponent(match[1]);
}

/** The 6-digit code in the newest sign-in or enrolment code sent to an address or phone. */
export async function mfaCodeFor(ctx: AppContext, recipient: string): Promise<string> {
  const { text } = await lastMessageOf(ctx, recipient, 'mfa.code');
  const match = /\b(\d{6})\b/.exec(text);
  if (!match?.[1]) throw new Error(`No code in the message to ${recipient}`);
  return match[1];
}

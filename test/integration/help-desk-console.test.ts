import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import { ApiClient } from '../helpers/api-client.js';
import {
  auditEntries,
  errorOf,
  messagesTo,
  newUserDetails,
  passwordStep,
  signedInAdministrator,
  signedInUser,
  type SignedInUser,
} from '../helpers/accounts.js';
import { addApplicationLikeSpot, createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

interface PersonDetail {
  id: string;
  userId: string;
  locked: boolean;
  lockedUntil: string | null;
  failedSignIns: number;
  mfaDevices: { kind: string }[];
  signIns: { succeeded: boolean; reason: string | null }[];
  roles: { application: { code: string }; allowedActions: string[] }[];
  pendingRequests: { application: { code: string } }[];
  allowedActions: string[];
}

/*
 * The help desk console: the help desk of an application finds the people it serves, sees their
 * account and its applications' roles and requests, unlocks, resets MFA and resends the
 * verification email, each audited under the acting person; the help desk of another application
 * finds none of it, and nobody else opens the console.
 */
describe.each(testDialects())('the help desk console on %s', (dialect) => {
  let t: TestApp;
  let spotRoles: Record<string, Role>;
  let otherRoles: Role[];
  let helpDesk: SignedInUser;
  let otherHelpDesk: SignedInUser;
  let admin: SignedInUser;
  let spotUser: SignedInUser;
  let otherUser: SignedInUser;
  let newcomer: SignedInUser;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    ({ roles: spotRoles } = await loadSpot(t.ctx));
    const spotId = (await t.ctx.catalog.getApplication('SPOT')).id;
    await addApplicationLikeSpot(t.ctx, 'OTHER');
    const other = await t.ctx.catalog.getApplication('OTHER');
    otherRoles = other.roles;
    const [spotOrg, otherOrg] = await Promise.all([createOrganization(t.ctx, spotId), createOrganization(t.ctx, other.id)]);
    admin = await signedInAdministrator(t.app, t.ctx, t.clock);
    helpDesk = await signedInUser(t.app, t.ctx, t.clock, { firstName: 'Harper', lastName: 'Desk' });
    otherHelpDesk = await signedInUser(t.app, t.ctx, t.clock, { firstName: 'Olive', lastName: 'Desk' });
    spotUser = await signedInUser(t.app, t.ctx, t.clock, { firstName: 'Sam', lastName: 'Quillfeather' });
    otherUser = await signedInUser(t.app, t.ctx, t.clock, { firstName: 'Otto', lastName: 'Quillfeather' });
    newcomer = await signedInUser(t.app, t.ctx, t.clock, { firstName: 'Nia', lastName: 'Quillfeather' });
    await grantRole(t.ctx, await idOf(t.ctx, helpDesk.userId), spotRoles.help_desk!);
    await grantRole(
      t.ctx,
      await idOf(t.ctx, otherHelpDesk.userId),
      otherRoles.find((role) => role.kind === 'help_desk')!,
    );
    await grantRole(t.ctx, await idOf(t.ctx, spotUser.userId), spotRoles.end_user!, spotOrg.id);
    await grantRole(
      t.ctx,
      await idOf(t.ctx, otherUser.userId),
      otherRoles.find((role) => role.code === 'end_user')!,
      otherOrg.id,
    );
  });
  afterAll(async () => t.close());

  async function detail(who: SignedInUser, userId: string) {
    return who.client.get(`/api/v1/help-desk/users/${await idOf(t.ctx, userId)}`);
  }

  async function lockOut(user: { userId: string }) {
    const client = await new ApiClient(t.app).start();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const refused = await passwordStep(client, { userId: user.userId, password: 'Not-The-Password-123' });
      expect(refused.statusCode).toBe(401);
    }
  }

  it('finds the people it serves by user ID, email and name, and not those of another application', async () => {
    const byName = await helpDesk.client.get('/api/v1/help-desk/users?q=quill');
    expect(byName.statusCode, byName.body).toBe(200);
    const names = (byName.json().people as { userId: string }[]).map((person) => person.userId);
    // Its end user, and someone with no role anywhere yet; never the other application's end user.
    expect(names.sort()).toEqual([spotUser.userId, newcomer.userId].sort());

    const byUserId = await helpDesk.client.get(`/api/v1/help-desk/users?q=${spotUser.userId.toUpperCase()}`);
    expect(byUserId.json().people.map((person: { userId: string }) => person.userId)).toEqual([spotUser.userId]);
    const byEmail = await helpDesk.client.get(`/api/v1/help-desk/users?q=${encodeURIComponent(spotUser.email)}`);
    expect(byEmail.json().people.map((person: { userId: string }) => person.userId)).toEqual([spotUser.userId]);
    const byFullName = await helpDesk.client.get('/api/v1/help-desk/users?q=sam%20quill');
    expect(byFullName.json().people.map((person: { userId: string }) => person.userId)).toEqual([spotUser.userId]);

    const otherSearch = await otherHelpDesk.client.get('/api/v1/help-desk/users?q=quill');
    expect((otherSearch.json().people as { userId: string }[]).map((person) => person.userId).sort()).toEqual(
      [otherUser.userId, newcomer.userId].sort(),
    );
  });

  it("answers 404 for another application's person, and never shows another application's roles or requests", async () => {
    expect((await detail(helpDesk, otherUser.userId)).statusCode).toBe(404);
    expect((await detail(otherHelpDesk, spotUser.userId)).statusCode).toBe(404);
    for (const action of ['unlock', 'mfa-reset', 'verification-email']) {
      const refused = await helpDesk.client.post(`/api/v1/help-desk/users/${await idOf(t.ctx, otherUser.userId)}/${action}`, {});
      expect(refused.statusCode, action).toBe(404);
    }
    const spot = (await detail(helpDesk, spotUser.userId)).json() as PersonDetail;
    expect(spot.roles.map((role) => role.application.code)).toEqual(['SPOT']);
    expect(spot.roles[0]!.allowedActions).toEqual(['remove']);
    expect(spot.mfaDevices.map((device) => device.kind)).toEqual(['totp']);
    expect(JSON.stringify(spot)).not.toMatch(/secret/i);
  });

  it('refuses everyone who is not help desk staff, administrators included', async () => {
    for (const who of [admin, spotUser]) {
      expect((await who.client.get('/api/v1/help-desk/users?q=quill')).statusCode).toBe(403);
      expect((await detail(who, newcomer.userId)).statusCode).toBe(403);
      expect((await who.client.get('/api/v1/help-desk/orphan-organizations')).statusCode).toBe(403);
      const refused = await who.client.post(`/api/v1/help-desk/users/${await idOf(t.ctx, newcomer.userId)}/mfa-reset`, {});
      expect(refused.statusCode).toBe(403);
    }
    expect(await auditEntries(t.ctx, 'mfa.reset')).toEqual([]);
  });

  it('unlocks a locked user ID, audited under the help desk person and the application', async () => {
    await lockOut(spotUser);
    const locked = (await detail(helpDesk, spotUser.userId)).json() as PersonDetail;
    expect(locked).toMatchObject({ locked: true, lockedUntil: expect.any(String) });
    expect(locked.allowedActions).toContain('unlock');
    expect(locked.signIns.slice(0, 3).map((attempt) => attempt.reason)).toEqual(['password', 'password', 'password']);

    const unlocked = await helpDesk.client.post(`/api/v1/help-desk/users/${locked.id}/unlock`, {});
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    expect(unlocked.json()).toMatchObject({ locked: false, lockedUntil: null, failedSignIns: 0 });
    expect(unlocked.json().allowedActions).not.toContain('unlock');
    const [entry] = await auditEntries(t.ctx, 'account.unlocked', locked.id);
    expect(entry).toMatchObject({ actor_id: await idOf(t.ctx, helpDesk.userId), application_id: expect.any(String) });

    // The person signs in again with the right password.
    const client = await new ApiClient(t.app).start();
    expect((await passwordStep(client, spotUser)).statusCode).toBe(200);

    const again = await helpDesk.client.post(`/api/v1/help-desk/users/${locked.id}/unlock`, {});
    expect(errorOf(again)).toMatchObject({ status: 409, code: 'help_desk.not_locked' });
    expect(await auditEntries(t.ctx, 'account.unlocked', locked.id)).toHaveLength(1);
  });

  it('resets MFA: devices and recovery codes gone, sessions ended, enrolment at the next sign-in, the person emailed', async () => {
    const id = await idOf(t.ctx, newcomer.userId);
    const reset = await helpDesk.client.post(`/api/v1/help-desk/users/${id}/mfa-reset`, {});
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toMatchObject({ mfaDevices: [] });
    expect(reset.json().allowedActions).not.toContain('reset_mfa');
    const [entry] = await auditEntries(t.ctx, 'mfa.reset', id);
    expect(entry).toMatchObject({ actor_id: await idOf(t.ctx, helpDesk.userId) });
    expect(JSON.parse(entry!.before_json!)).toEqual({ kinds: ['totp'] });

    // Their open session is over; the next sign-in asks for a new device.
    expect((await newcomer.client.get('/api/v1/me')).statusCode).toBe(401);
    const client = await new ApiClient(t.app).start();
    const step = await passwordStep(client, newcomer);
    expect(step.json().session.stage).toBe('enroll');
    const codes = await t.ctx.database.db.selectFrom('recovery_codes').select('id').where('user_id', '=', id).execute();
    expect(codes).toEqual([]);
    expect((await messagesTo(t.ctx, newcomer.email)).map((message) => message.template)).toContain('mfa.reset');

    const again = await helpDesk.client.post(`/api/v1/help-desk/users/${id}/mfa-reset`, {});
    expect(errorOf(again)).toMatchObject({ status: 409, code: 'help_desk.no_mfa_devices' });
  });

  it('resends the verification email only while the address is unverified', async () => {
    const pending = newUserDetails({ firstName: 'Pia', lastName: 'Quillfeather' });
    const client = await new ApiClient(t.app).start();
    expect((await client.post('/api/v1/registrations', pending)).statusCode).toBe(201);
    const id = await idOf(t.ctx, pending.userId);
    const before = (await messagesTo(t.ctx, pending.email)).length;
    const sent = await helpDesk.client.post(`/api/v1/help-desk/users/${id}/verification-email`, {});
    expect(sent.statusCode, sent.body).toBe(200);
    expect(await messagesTo(t.ctx, pending.email)).toHaveLength(before + 1);
    const [entry] = await auditEntries(t.ctx, 'account.verification_resent', id);
    expect(entry).toMatchObject({ actor_id: await idOf(t.ctx, helpDesk.userId) });

    const verified = await helpDesk.client.post(
      `/api/v1/help-desk/users/${await idOf(t.ctx, spotUser.userId)}/verification-email`,
      {},
    );
    expect(errorOf(verified)).toMatchObject({ status: 409, code: 'help_desk.already_verified' });
  });

  it('takes no action on its own account', async () => {
    const self = (await detail(helpDesk, helpDesk.userId)).json() as PersonDetail;
    expect(self.allowedActions).toEqual([]);
    const refused = await helpDesk.client.post(`/api/v1/help-desk/users/${self.id}/mfa-reset`, {});
    expect(refused.statusCode).toBe(403);
  });

  it('lists the orphan organizations of its applications only, longest orphaned first, a page at a time', async () => {
    const spotId = (await t.ctx.catalog.getApplication('SPOT')).id;
    const otherId = (await t.ctx.catalog.getApplication('OTHER')).id;
    const orphans = await Promise.all([
      createOrganization(t.ctx, spotId),
      createOrganization(t.ctx, spotId),
      createOrganization(t.ctx, otherId),
    ]);
    for (const [index, organization] of orphans.entries()) {
      await t.ctx.database.transaction((trx) => t.ctx.organizations.setOrphaned(trx, organization.id, true));
      t.clock.advance({ minutes: 1 + index });
    }
    const first = await helpDesk.client.get('/api/v1/help-desk/orphan-organizations?limit=1');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().items.map((item: { id: string }) => item.id)).toEqual([orphans[0]!.id]);
    const second = await helpDesk.client.get(`/api/v1/help-desk/orphan-organizations?limit=1&cursor=${first.json().nextCursor}`);
    expect(second.json()).toMatchObject({ items: [{ id: orphans[1]!.id, application: { code: 'SPOT' } }], nextCursor: null });
    const other = await otherHelpDesk.client.get('/api/v1/help-desk/orphan-organizations');
    expect(other.json().items.map((item: { id: string }) => item.id)).toEqual([orphans[2]!.id]);
  });

  it('refuses a search shorter than two characters with a field error', async () => {
    const refused = await helpDesk.client.get('/api/v1/help-desk/users?q=q');
    expect(errorOf(refused)).toMatchObject({ status: 400, code: 'request.invalid' });
  });
});

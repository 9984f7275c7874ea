import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import { systemActor } from '../../server/shared/actor.js';
import { newId } from '../../server/shared/ids.js';
import { insertPeople } from './certification-support.js';
import { addApplicationLikeSpot, createOrganization, grantRole, loadSpot } from '../helpers/organizations.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';
import { clientCredentialsGrant } from '../helpers/oidc-flow.js';

/*
 * The access evaluation API (OpenID AuthZEN Authorization API 1.0) as an application's back end
 * calls it: a client credentials token of its client, then questions about people's roles in
 * organizations of its application, alone or in a batch.
 */
describe.each(testDialects())('the access evaluation API on %s', (dialect) => {
  let t: TestApp;
  let roles: Record<string, Role>;
  let applicationId: string;
  let token: string;
  let clientCredentials: { readonly clientId: string; readonly clientSecret: string };
  let orgA: { id: string };
  let orgB: { id: string };

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    ({ roles, applicationId } = await loadSpot(t.ctx));
    const made = await t.ctx.oidc.clients.create(
      { ...systemActor },
      { applicationCode: 'SPOT', name: 'SPOT back end', kind: 'service' },
    );
    clientCredentials = { clientId: made.client.clientId, clientSecret: made.clientSecret };
    token = await grantToken();
    orgA = await createOrganization(t.ctx, applicationId);
    orgB = await createOrganization(t.ctx, applicationId);
  });
  afterAll(async () => t.close());

  /** A client credentials access token of a client (by default the SPOT back end's). */
  async function grantToken(credentials = clientCredentials): Promise<string> {
    const response = await clientCredentialsGrant(t.app, credentials);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().access_token as string;
  }

  /** A question as a back end sends it, with the client's token (null: none). */
  function ask(body: unknown, path = '/access/v1/evaluation', bearer: string | null = token) {
    return t.app.inject({
      method: 'POST',
      url: path,
      headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` },
      payload: body as object,
    });
  }

  const question = (userId: string, role: string, organizationId: string) => ({
    subject: { type: 'user', id: userId },
    action: { name: role },
    resource: { type: 'organization', id: organizationId },
  });

  async function decisionOf(body: unknown) {
    const response = await ask(body);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { decision: boolean; context: { reason: string } };
  }

  async function person(): Promise<string> {
    const [created] = await insertPeople(t.ctx, 1);
    return created!.id;
  }

  it('allows a held role and a role it includes, and denies one never held or held elsewhere', async () => {
    const holder = await person();
    await grantRole(t.ctx, holder, roles.end_user!, orgA.id);
    const approver = await person();
    await grantRole(t.ctx, approver, roles.approver!, orgA.id);

    expect(await decisionOf(question(holder, 'end_user', orgA.id))).toEqual({ decision: true, context: { reason: 'role_held' } });
    // The approver role includes end-user access (the catalog's `includes`).
    expect(await decisionOf(question(approver, 'end_user', orgA.id))).toEqual({
      decision: true,
      context: { reason: 'role_held' },
    });
    expect(await decisionOf(question(holder, 'approver', orgA.id))).toEqual({
      decision: false,
      context: { reason: 'role_not_held' },
    });
    expect(await decisionOf(question(holder, 'end_user', orgB.id))).toEqual({
      decision: false,
      context: { reason: 'role_not_held' },
    });
    expect(await decisionOf(question(holder, 'no_such_role', orgA.id))).toEqual({
      decision: false,
      context: { reason: 'role_not_held' },
    });
    expect(await decisionOf(question(newId(), 'end_user', orgA.id))).toEqual({
      decision: false,
      context: { reason: 'subject_unknown' },
    });
    expect(await decisionOf(question('not-a-sub', 'end_user', orgA.id))).toEqual({
      decision: false,
      context: { reason: 'subject_unknown' },
    });
  });

  it('denies a removed role and an expired one at once', async () => {
    const holder = await person();
    const granted = await grantRole(t.ctx, holder, roles.end_user!, orgA.id);
    expect((await decisionOf(question(holder, 'end_user', orgA.id))).decision).toBe(true);
    await t.ctx.assignments.remove(
      { ...systemActor },
      await t.ctx.accounts.getUser(t.ctx.database.db, holder),
      granted.id,
      'Left the office',
    );
    expect(await decisionOf(question(holder, 'end_user', orgA.id))).toEqual({
      decision: false,
      context: { reason: 'role_not_held' },
    });

    const expiring = await person();
    const held = await grantRole(t.ctx, expiring, roles.end_user!, orgB.id);
    const due = new Date(held.certificationDueAt!);
    t.clock.set(new Date(due.getTime() + 2 * 24 * 60 * 60 * 1000));
    try {
      // The day after the due day ends, before any sweep has removed it.
      const later = await grantToken();
      const response = await ask(question(expiring, 'end_user', orgB.id), '/access/v1/evaluation', later);
      expect(response.json()).toEqual({ decision: false, context: { reason: 'certification_expired' } });
    } finally {
      t.clock.set(new Date(held.establishedAt));
    }
  });

  it('answers an application-wide role about the application itself, and only its own', async () => {
    const staff = await person();
    await grantRole(t.ctx, staff, roles.help_desk!, '');
    const about = (id: string) => ({ ...question(staff, 'help_desk', ''), resource: { type: 'application', id } });
    expect(await decisionOf(about('SPOT'))).toEqual({ decision: true, context: { reason: 'role_held' } });
    expect(await decisionOf(about('OTHER'))).toEqual({ decision: false, context: { reason: 'resource_not_in_application' } });
  });

  it('answers a batch in order with shared defaults, and stops first when asked to', async () => {
    const holder = await person();
    await grantRole(t.ctx, holder, roles.end_user!, orgA.id);
    const batch = {
      subject: { type: 'user', id: holder },
      action: { name: 'end_user' },
      evaluations: [
        { resource: { type: 'organization', id: orgB.id } },
        { resource: { type: 'organization', id: orgA.id } },
        { action: { name: 'approver' }, resource: { type: 'organization', id: orgA.id } },
      ],
    };
    const all = await ask(batch, '/access/v1/evaluations');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().evaluations.map((answer: { decision: boolean }) => answer.decision)).toEqual([false, true, false]);

    const firstDeny = await ask({ ...batch, options: { evaluations_semantic: 'deny_on_first_deny' } }, '/access/v1/evaluations');
    expect(firstDeny.json().evaluations.map((answer: { decision: boolean }) => answer.decision)).toEqual([false]);
    const firstPermit = await ask(
      { ...batch, options: { evaluations_semantic: 'permit_on_first_permit' } },
      '/access/v1/evaluations',
    );
    expect(firstPermit.json().evaluations.map((answer: { decision: boolean }) => answer.decision)).toEqual([false, true]);

    const incomplete = await ask(
      { evaluations: [question(holder, 'end_user', orgA.id), { action: { name: 'end_user' } }] },
      '/access/v1/evaluations',
    );
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error).toMatchObject({
      code: 'request.invalid',
      details: { fields: [{ field: 'body/evaluations/1' }] },
    });
  });

  it('answers only a client credentials token of a registered client, while it is valid', async () => {
    const body = question(newId(), 'end_user', orgA.id);
    for (const bearer of [null, 'not-a-token', `${token}x`]) {
      const response = await ask(body, '/access/v1/evaluation', bearer);
      expect(response.statusCode, String(bearer)).toBe(401);
      expect(response.json().error.code).toBe('access_api.unauthorized');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    const fresh = await grantToken();
    expect((await ask(body, '/access/v1/evaluation', fresh)).statusCode).toBe(200);
    const { clientId, clientSecret } = clientCredentials;
    const revoked = await t.app.inject({
      method: 'POST',
      url: '/oidc/token/revocation',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `token=${fresh}`,
    });
    expect(revoked.statusCode).toBe(200);
    expect((await ask(body, '/access/v1/evaluation', fresh)).statusCode).toBe(401);

    // A removed client's tokens stop at once too, though the token was just used.
    const other = await t.ctx.oidc.clients.create(
      { ...systemActor },
      { applicationCode: 'SPOT', name: 'Reports', kind: 'service' },
    );
    const ofRemoved = await grantToken({ clientId: other.client.clientId, clientSecret: other.clientSecret });
    expect((await ask(body, '/access/v1/evaluation', ofRemoved)).statusCode).toBe(200);
    await t.ctx.oidc.clients.remove({ ...systemActor }, other.client.clientId);
    expect((await ask(body, '/access/v1/evaluation', ofRemoved)).statusCode).toBe(401);
  });

  it('answers a client only about its own application', async () => {
    // A second application beside SPOT, with the same roles, and a back end of its own.
    await addApplicationLikeSpot(t.ctx, 'OTHER');
    const made = await t.ctx.oidc.clients.create(
      { ...systemActor },
      { applicationCode: 'OTHER', name: 'Other back end', kind: 'service' },
    );
    const otherToken = await grantToken({ clientId: made.client.clientId, clientSecret: made.clientSecret });

    const holder = await person();
    await grantRole(t.ctx, holder, roles.end_user!, orgA.id);
    const staff = await person();
    await grantRole(t.ctx, staff, roles.help_desk!, '');
    const fromOther = async (body: unknown) => (await ask(body, '/access/v1/evaluation', otherToken)).json();
    // SPOT's client is told yes; the other application's is told no about the same question.
    expect((await decisionOf(question(holder, 'end_user', orgA.id))).decision).toBe(true);
    expect(await fromOther(question(holder, 'end_user', orgA.id))).toEqual({
      decision: false,
      context: { reason: 'role_not_held' },
    });
    expect(await fromOther({ ...question(staff, 'help_desk', ''), resource: { type: 'application', id: 'SPOT' } })).toEqual({
      decision: false,
      context: { reason: 'resource_not_in_application' },
    });
  });

  it('refuses a malformed question with a 400 naming the field', async () => {
    const holder = await person();
    for (const body of [
      { ...question(holder, 'end_user', orgA.id), subject: { type: 'group', id: holder } },
      { ...question(holder, 'end_user', orgA.id), resource: { type: 'organization' } },
      { subject: { type: 'user', id: holder }, action: { name: 'end_user' } },
      { ...question(holder, 'end_user', orgA.id), action: { name: '' } },
    ]) {
      const response = await ask(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('request.invalid');
    }
  });

  it('describes itself at /.well-known/authzen-configuration', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/.well-known/authzen-configuration' });
    expect(response.statusCode).toBe(200);
    const base = t.ctx.config.publicUrl.replace(/\/$/, '');
    expect(response.json()).toEqual({
      policy_decision_point: base,
      access_evaluation_endpoint: `${base}/access/v1/evaluation`,
      access_evaluations_endpoint: `${base}/access/v1/evaluations`,
    });
  });
});

import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { systemActor } from '../../server/shared/actor.js';
import { ApiClient } from './api-client.js';
import { registerVerifiedUser, signedInAdministrator, signedInUser, signInWithTotp, type SignedInUser } from './accounts.js';
import { addApplicationLikeSpot, createOrganization, grantRole, idOf, loadSpot } from './organizations.js';
import type { TestApp } from './test-context.js';
import { serviceClientToken } from './oidc-flow.js';

/*
 * The people (and the one program) the authorization matrix asks every route as, and the objects
 * of theirs it asks about. Organization A and B are SPOT's; OTHER is a second application.
 */

export const PERSONAS = [
  'visitor',
  'user',
  'endUserA',
  'approverA',
  'backupApproverA',
  'approverB',
  'helpDeskSpot',
  'helpDeskOther',
  'administrator',
  'otherClient',
] as const;
export type Persona = (typeof PERSONAS)[number];

/** The ids the routes' parameters are filled with: each belongs to someone (or something) in particular. */
export interface MatrixObjects {
  readonly spotId: string;
  readonly organizationA: string;
  readonly organizationB: string;
  /** endUserA's id, end_user role in organization A, MFA factor and session. */
  readonly endUserA: string;
  readonly endUserAssignment: string;
  readonly endUserFactor: string;
  /** A second session of endUserA's (ending it leaves the one the matrix asks with). */
  readonly endUserOtherSession: string;
  /** Another end user of organization A: the help desk resets their MFA (endUserA keeps theirs). */
  readonly resetTarget: string;
  /** The user ID of someone signed up and nothing more: the administrator makes them help desk. */
  readonly bystanderUserId: string;
  readonly backupApproverRole: string;
  /** A pending request of `user` for end_user in organization A: approverA decides it. */
  readonly pendingRequest: string;
  /** A new-organization form endUserA sent. */
  readonly form: string;
  readonly endUserRole: string;
  readonly spotClient: string;
  readonly webhook: string;
  readonly webhookMessage: string;
  /** The audit entry of endUserA's role being granted (about organization A). */
  readonly auditEntry: string;
}

export interface Matrix {
  readonly objects: MatrixObjects;
  /** Each signed-in persona's names and address (the forms they sign). */
  readonly people: Partial<Record<Persona, SignedInUser>>;
  /** A new end user's role in organization A, for a route that takes a role away: one per persona asking. */
  freshEndUserAssignment(): Promise<string>;
  /**
   * Sends a request as a persona: a browser's cookies and CSRF token, a bearer token, or nothing.
   * A string body is sent as it is, with the content type given in `headers`.
   */
  send(
    persona: Persona,
    method: string,
    url: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

export async function buildMatrix(t: TestApp): Promise<Matrix> {
  const { applicationId: spotId, roles } = await loadSpot(t.ctx);
  await addApplicationLikeSpot(t.ctx, 'OTHER');
  const other = await t.ctx.catalog.getApplication('OTHER');
  const organizationA = (await createOrganization(t.ctx, spotId)).id;
  const organizationB = (await createOrganization(t.ctx, spotId)).id;

  const people: Partial<Record<Persona, SignedInUser>> = {};
  for (const persona of [
    'user',
    'endUserA',
    'approverA',
    'backupApproverA',
    'approverB',
    'helpDeskSpot',
    'helpDeskOther',
  ] as const) {
    people[persona] = await signedInUser(t.app, t.ctx, t.clock);
  }
  people.administrator = await signedInAdministrator(t.app, t.ctx, t.clock);
  const id = async (persona: Persona) => idOf(t.ctx, people[persona]!.userId);

  const admin = people.administrator.client;
  const webhook = await admin.post('/api/v1/admin/webhooks', {
    applicationCode: 'SPOT',
    url: 'https://hooks.example.test/rolecall',
    eventTypes: ['role.granted'],
  });
  expect(webhook.statusCode, webhook.body).toBe(201);

  const endUserA = await id('endUserA');
  const resetTarget = await signedInUser(t.app, t.ctx, t.clock);
  await grantRole(t.ctx, await idOf(t.ctx, resetTarget.userId), roles.end_user!, organizationA);
  const bystander = await signedInUser(t.app, t.ctx, t.clock);
  const granted = await grantRole(t.ctx, endUserA, roles.end_user!, organizationA);
  await grantRole(t.ctx, await id('approverA'), roles.approver!, organizationA);
  await grantRole(t.ctx, await id('backupApproverA'), roles.backup_approver!, organizationA);
  await grantRole(t.ctx, await id('approverB'), roles.approver!, organizationB);
  await grantRole(t.ctx, await id('helpDeskSpot'), roles.help_desk!);
  await grantRole(
    t.ctx,
    await id('helpDeskOther'),
    other.roles.find((role) => role.kind === 'help_desk')!,
  );

  const requested = await people.user!.client.post('/api/v1/role-requests', {
    roleId: roles.end_user!.id,
    organizationId: organizationA,
    reason: 'Billing for the practice',
  });
  expect(requested.statusCode, requested.body).toBe(201);

  const endUser = people.endUserA!.client;
  const form = await endUser.post('/api/v1/organization-forms', {
    applicationCode: 'SPOT',
    organization: organizationFormFields(people.endUserA!),
    signatureName: `${people.endUserA!.firstName} ${people.endUserA!.lastName}`,
  });
  expect(form.statusCode, form.body).toBe(201);
  const factors = (await endUser.get('/api/v1/mfa/factors')).json().factors as { id: string }[];
  await signInWithTotp(t.app, t.clock, people.endUserA!);
  const sessions = (await endUser.get('/api/v1/me/sessions')).json().items as { id: string; current: boolean }[];
  const { client: spotClient } = await t.ctx.oidc.clients.create(
    { ...systemActor },
    { applicationCode: 'SPOT', name: 'SPOT portal', kind: 'web', redirectUris: ['https://spot.example.test/callback'] },
  );
  const message = await t.ctx.database.db.selectFrom('webhook_messages').select('id').executeTakeFirstOrThrow();
  const auditEntry = await t.ctx.database.db
    .selectFrom('audit_log')
    .select('id')
    .where('action', '=', 'role.granted')
    .where('target_id', '=', granted.id)
    .executeTakeFirstOrThrow();

  const bearer = await serviceClientToken(t, 'OTHER', 'OTHER reporting');
  const visitor = await new ApiClient(t.app).start();

  return {
    people,
    async freshEndUserAssignment() {
      const someone = await registerVerifiedUser(t.app, t.ctx);
      return (await grantRole(t.ctx, await idOf(t.ctx, someone.userId), roles.end_user!, organizationA)).id;
    },
    objects: {
      spotId,
      organizationA,
      organizationB,
      endUserA,
      endUserAssignment: granted.id,
      endUserFactor: factors[0]!.id,
      endUserOtherSession: sessions.find((session) => !session.current)!.id,
      resetTarget: await idOf(t.ctx, resetTarget.userId),
      bystanderUserId: bystander.userId,
      backupApproverRole: roles.backup_approver!.id,
      pendingRequest: requested.json().id as string,
      form: form.json().id as string,
      endUserRole: roles.end_user!.id,
      spotClient: spotClient.clientId,
      webhook: webhook.json().subscription.id as string,
      webhookMessage: message.id,
      auditEntry: auditEntry.id,
    },
    send(persona, method, url, body, headers = {}) {
      if (persona === 'otherClient') {
        return t.app.inject({
          method: method as 'GET',
          url,
          headers: { authorization: `Bearer ${bearer}`, ...headers },
          ...(body === undefined ? {} : { payload: body as object }),
        });
      }
      const client = persona === 'visitor' ? visitor : people[persona]!.client;
      return client.request(method as 'GET', url, body, headers);
    },
  };
}

/** A new-organization form's organization part, valid, naming its sender as the approver. */
export function organizationFormFields(sender: Pick<SignedInUser, 'firstName' | 'lastName' | 'email'>) {
  return {
    legalName: 'Matrix Family Practice',
    tin: '59-1234613',
    groupNpi: '1234567893',
    ptan: 'FL1234',
    lineOfBusiness: 'part_b',
    location: 'FL',
    address: { line1: '100 Main Street', city: 'Jacksonville', state: 'FL', zip: '32202' },
    phone: '904-555-0142',
    fax: null,
    contact: { name: 'Morgan Lee', email: 'morgan.lee@example.test', phone: '904-555-0143' },
    approver: { firstName: sender.firstName, lastName: sender.lastName, email: sender.email },
    backupApprovers: [],
  };
}

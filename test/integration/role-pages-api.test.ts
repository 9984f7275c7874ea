import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import type { Organization } from '../../server/modules/organizations/organizations.service.js';
import { passwordStep, signedInAdministrator, signedInUser, signInWithTotp, type SignedInUser } from '../helpers/accounts.js';
import { ApiClient } from '../helpers/api-client.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

// What the web app's role pages read from the API: the session's capabilities (which home tiles
// to offer) and, on Manage My Roles, each role's organization with its TIN masked and each
// removed role with why and when.
describe.each(testDialects())('the API behind the role pages on %s', (dialect) => {
  let t: TestApp;
  let roles: Record<string, Role>;
  let applicationId: string;
  let organization: Organization;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    ({ roles, applicationId } = await loadSpot(t.ctx));
    organization = await createOrganization(t.ctx, applicationId, { legalName: 'Coral Gables Orthopedics', tin: '59-2468135' });
  });
  afterAll(async () => t.close());

  const capabilitiesOf = async (user: SignedInUser) => {
    const response = await user.client.get('/api/v1/session');
    expect(response.statusCode, response.body).toBe(200);
    return response.json().session.capabilities as
      { approvesRequests: boolean; helpDesk: boolean; approverOfOrganizations: boolean } | undefined;
  };

  it('tells an end user they decide nothing', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    expect(await capabilitiesOf(user)).toEqual({ approvesRequests: false, helpDesk: false, approverOfOrganizations: false });
    await grantRole(t.ctx, await idOf(t.ctx, user.userId), roles.end_user!, organization.id);
    expect(await capabilitiesOf(user)).toEqual({ approvesRequests: false, helpDesk: false, approverOfOrganizations: false });
  });

  it('tells approvers and backup approvers they decide requests, from the moment they hold the role', async () => {
    for (const role of [roles.approver!, roles.backup_approver!]) {
      const user = await signedInUser(t.app, t.ctx, t.clock);
      const other = await createOrganization(t.ctx, applicationId);
      const granted = await grantRole(t.ctx, await idOf(t.ctx, user.userId), role, other.id);
      expect(await capabilitiesOf(user)).toEqual({ approvesRequests: true, helpDesk: false, approverOfOrganizations: true });

      const removed = await user.client.post(`/api/v1/assignments/${granted.id}/remove`, { reason: 'Left the practice' });
      expect(removed.statusCode, removed.body).toBe(204);
      expect(await capabilitiesOf(user)).toEqual({ approvesRequests: false, helpDesk: false, approverOfOrganizations: false });
    }
  });

  it('tells help desk staff they decide requests and work the help desk, with no organization of their own', async () => {
    const admin = await signedInAdministrator(t.app, t.ctx, t.clock);
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const made = await admin.client.post('/api/v1/admin/help-desk', { userId: user.userId, applicationCode: 'SPOT' });
    expect(made.statusCode, made.body).toBe(201);
    expect(await capabilitiesOf(user)).toEqual({ approvesRequests: true, helpDesk: true, approverOfOrganizations: false });
    // An administrator is not help desk staff by being an administrator.
    expect(await capabilitiesOf(admin)).toEqual({ approvesRequests: false, helpDesk: false, approverOfOrganizations: false });
  });

  it('answers the capabilities with the session a full sign-in opens, and not before it is complete', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    await grantRole(t.ctx, await idOf(t.ctx, user.userId), roles.approver!, (await createOrganization(t.ctx, applicationId)).id);
    t.clock.advance({ seconds: 30 });
    const client = await new ApiClient(t.app).start();
    const step = await passwordStep(client, user);
    expect(step.statusCode, step.body).toBe(200);
    expect(step.json().session.stage).toBe('mfa');
    expect(step.json().session.capabilities).toBeUndefined();

    const signedIn = await signInWithTotp(t.app, t.clock, user);
    expect((await signedIn.get('/api/v1/session')).json().session.capabilities).toEqual({
      approvesRequests: true,
      helpDesk: false,
      approverOfOrganizations: true,
    });
  });

  it('lists held and removed roles with the organization, its TIN masked, and why and when a role was removed', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const held = await grantRole(t.ctx, await idOf(t.ctx, user.userId), roles.end_user!, organization.id);
    const other = await createOrganization(t.ctx, applicationId, { legalName: 'Seaside Imaging', tin: '59-1357911' });
    const dropped = await grantRole(t.ctx, await idOf(t.ctx, user.userId), roles.end_user!, other.id);
    t.clock.advance({ minutes: 5 });
    const removed = await user.client.post(`/api/v1/assignments/${dropped.id}/remove`, { reason: 'Changed jobs' });
    expect(removed.statusCode, removed.body).toBe(204);

    const response = await user.client.get('/api/v1/me/roles');
    expect(response.statusCode, response.body).toBe(200);
    const assignments = response.json().assignments as Record<string, unknown>[];
    expect(assignments.find((assignment) => assignment.id === held.id)).toMatchObject({
      status: 'active',
      application: { code: 'SPOT' },
      role: { code: 'end_user', kind: 'end_user' },
      organization: { id: organization.id, legalName: 'Coral Gables Orthopedics', maskedTin: '•••••8135' },
      certificationDueAt: held.certificationDueAt,
      removedAt: null,
    });
    expect(assignments.find((assignment) => assignment.id === dropped.id)).toMatchObject({
      status: 'removed',
      organization: { id: other.id, submitterId: other.submitterId, maskedTin: '•••••7911' },
      removedAt: t.clock.now().toISOString(),
      removalKind: 'holder',
      removalReason: 'Changed jobs',
    });
    // Never the TIN itself, in any form.
    expect(response.body).not.toContain('2468135');
    expect(response.body).not.toContain('1357911');
  });

  it('pages Manage My Roles with a cursor, newest first, every role once', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const granted: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const place = await createOrganization(t.ctx, applicationId);
      granted.push((await grantRole(t.ctx, await idOf(t.ctx, user.userId), roles.end_user!, place.id)).id);
      t.clock.advance({ seconds: 1 });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const response = await user.client.get(`/api/v1/me/roles${query}`);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as { assignments: { id: string }[]; nextCursor: string | null };
      expect(page.assignments.length).toBeLessThanOrEqual(2);
      seen.push(...page.assignments.map((assignment) => assignment.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(seen).toEqual([...granted].reverse());

    const refused = await user.client.get('/api/v1/me/roles?cursor=not-an-id');
    expect(refused.statusCode).toBe(400);
  });
});

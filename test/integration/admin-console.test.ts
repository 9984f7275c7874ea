import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogDocument } from '../../server/modules/catalog/catalog-document.js';
import type { MailTransport } from '../../server/modules/notifications/mail-transport.js';
import { ApiClient } from '../helpers/api-client.js';
import {
  auditEntries,
  errorOf,
  passwordStep,
  signedInAdministrator,
  signedInUser,
  type SignedInUser,
} from '../helpers/accounts.js';
import { grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

const spot = (): CatalogDocument => JSON.parse(readFileSync('catalog/spot.json', 'utf8')) as CatalogDocument;

/* Secrets no answer of the configuration may hold, each unlike anything else in it. */
const SECRET_KEY = Buffer.from('Zx9-Distinctive-Secret-Key-7Q4!!'); // 32 bytes
const SMTP_PASSWORD = 'Smtp-Secret-Zebra-913';
const DATABASE_PASSWORD = 'Db-Secret-Walrus-557';
const SSL_PASSWORD = 'Ssl-Secret-Otter-218';

/** Email is not sent anywhere from these tests: the SMTP settings are only there to be hidden. */
const nowhere: MailTransport = { send: async () => undefined, close: () => undefined };

describe.each(testDialects())('the administration console on %s', (dialect) => {
  let t: TestApp;
  let admin: SignedInUser;
  let adminId: string;
  let person: SignedInUser;
  let helpDesk: SignedInUser;
  let helpDeskAssignmentId: string;

  beforeAll(async () => {
    t = await createTestApp({
      dialect,
      mailTransport: nowhere,
      env: {
        ROLECALL_SECRET_KEY: SECRET_KEY.toString('base64'),
        ROLECALL_SMTP_HOST: 'smtp.example.internal',
        ROLECALL_SMTP_USER: 'mailer',
        ROLECALL_SMTP_PASSWORD: SMTP_PASSWORD,
        // Shown only: the test database is the context's own.
        ROLECALL_DATABASE_URL: `postgres://rolecall:${DATABASE_PASSWORD}@db.example.internal:6432/rolecall_prod?sslmode=require&sslpassword=${SSL_PASSWORD}`,
      },
    });
    const { roles } = await loadSpot(t.ctx);
    admin = await signedInAdministrator(t.app, t.ctx, t.clock);
    adminId = await idOf(t.ctx, admin.userId);
    person = await signedInUser(t.app, t.ctx, t.clock, { firstName: 'Robin', lastName: 'Vale' });
    helpDesk = await signedInUser(t.app, t.ctx, t.clock, { firstName: 'Casey', lastName: 'Marsh' });
    helpDeskAssignmentId = (await grantRole(t.ctx, await idOf(t.ctx, helpDesk.userId), roles.help_desk!)).id;
  });
  afterAll(async () => t.close());

  /** The newest audit entry of an action, which must name the administrator as its actor. */
  async function expectAuditedByAdministrator(action: string, targetId?: string) {
    const entries = await auditEntries(t.ctx, action, targetId);
    const entry = entries.at(-1);
    expect(entry, `an audit entry ${action}`).toBeDefined();
    expect(entry).toMatchObject({ actor_kind: 'user', actor_id: adminId });
    return entry!;
  }

  it('refuses every administration route to someone else and to the help desk (403), changing nothing', async () => {
    const roleId = (await t.ctx.catalog.getApplication('SPOT')).roles[0]!.id;
    const attempts: [string, string, unknown?][] = [
      ['GET', '/api/v1/admin/catalog'],
      ['POST', '/api/v1/admin/catalog/preview', spot()],
      ['PUT', '/api/v1/admin/catalog', spot()],
      ['PATCH', `/api/v1/admin/roles/${roleId}`, { requestExpiryDays: 9 }],
      ['GET', '/api/v1/admin/terms'],
      ['POST', '/api/v1/admin/terms', { title: 'Mine', bodyEn: 'Mine.', bodyEs: 'Mío.' }],
      ['GET', '/api/v1/admin/certifications/acknowledgement'],
      ['POST', '/api/v1/admin/certifications/acknowledgement', { textEn: 'Mine.', textEs: 'Mío.' }],
      ['GET', '/api/v1/admin/help-desk'],
      ['POST', '/api/v1/admin/help-desk', { userId: person.userId, applicationCode: 'SPOT' }],
      ['GET', '/api/v1/admin/configuration'],
    ];
    const auditBefore = await t.ctx.database.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').executeTakeFirst();
    for (const caller of [person, helpDesk]) {
      for (const [method, url, body] of attempts) {
        const response = await caller.client.request(method as 'GET', url, body);
        expect(errorOf(response), `${method} ${url}`).toMatchObject({ status: 403, code: 'auth.forbidden' });
      }
    }
    const auditAfter = await t.ctx.database.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').executeTakeFirst();
    expect(auditAfter?.seq).toBe(auditBefore?.seq);
    // Nobody signed in is told to sign in first.
    const visitor = await new ApiClient(t.app).start();
    for (const [method, url, body] of attempts) {
      expect(errorOf(await visitor.request(method as 'GET', url, body)), `${method} ${url}`).toMatchObject({
        status: 401,
        code: 'auth.required',
      });
    }
  });

  describe('applications and role policies', () => {
    const preview = async (document: unknown) => admin.client.post('/api/v1/admin/catalog/preview', document);

    it('previews a document that changes nothing as unchanged', async () => {
      const response = await preview(spot());
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({
        applications: [{ code: 'SPOT', name: 'SPOT', change: 'unchanged', fields: [], roles: [] }],
        leftAsTheyAre: [],
        changes: { applications: ['SPOT'], created: [], updated: [], retired: [] },
      });
    });

    it('shows what a document would change, field by field, then applies exactly that', async () => {
      const before = (await admin.client.get('/api/v1/admin/catalog')).json();
      const auditCount = (await auditEntries(t.ctx, 'catalog.applied')).length;
      const document = spot();
      const app = document.applications[0]!;
      app.helpDeskEmail = 'spot-help@example.test';
      app.roles[0]!.name = 'SPOT End User (renamed)';
      app.roles[1]!.maxActivePerOrg = 2;
      app.roles[1]!.requestExpiryDays = 14;
      app.roles.splice(2, 1); // backup_approver left out: retired
      app.roles.push({ ...app.roles[0]!, code: 'auditor', name: 'SPOT Auditor', includes: null, sortOrder: 50 });
      const other = { ...spot().applications[0]!, code: 'OTHER', name: 'Other application' };
      document.applications.push(other);

      const response = await preview(document);
      expect(response.statusCode, response.body).toBe(200);
      const diff = response.json();
      // Previewing changes nothing, and is not audited.
      expect((await admin.client.get('/api/v1/admin/catalog')).json()).toEqual(before);
      expect(await auditEntries(t.ctx, 'catalog.applied')).toHaveLength(auditCount);

      const [spotDiff, otherDiff] = diff.applications;
      expect(spotDiff).toMatchObject({
        code: 'SPOT',
        change: 'changed',
        fields: [{ field: 'helpDeskEmail', before: spot().applications[0]!.helpDeskEmail, after: 'spot-help@example.test' }],
      });
      expect(spotDiff.roles).toEqual([
        {
          code: 'end_user',
          name: 'SPOT End User (renamed)',
          change: 'changed',
          fields: [{ field: 'name', before: 'SPOT End User', after: 'SPOT End User (renamed)' }],
        },
        {
          code: 'approver',
          name: 'SPOT Approver',
          change: 'changed',
          fields: [
            { field: 'maxActivePerOrg', before: 1, after: 2 },
            { field: 'requestExpiryDays', before: before.applications[0].roles[1].requestExpiryDays, after: 14 },
          ],
        },
        expect.objectContaining({ code: 'auditor', change: 'added' }),
        {
          code: 'backup_approver',
          name: 'SPOT Backup Approver',
          change: 'retired',
          fields: [{ field: 'requestable', before: true, after: false }],
        },
      ]);
      const added = spotDiff.roles.find((role: { code: string }) => role.code === 'auditor');
      expect(added.fields).toContainEqual({ field: 'name', before: null, after: 'SPOT Auditor' });
      expect(added.fields.every((field: { before: unknown }) => field.before === null)).toBe(true);
      expect(otherDiff).toMatchObject({ code: 'OTHER', change: 'added' });
      expect(otherDiff.fields).toContainEqual({ field: 'name', before: null, after: 'Other application' });
      expect(otherDiff.roles.map((role: { code: string; change: string }) => [role.code, role.change])).toEqual([
        ['end_user', 'added'],
        ['approver', 'added'],
        ['backup_approver', 'added'],
        ['help_desk', 'added'],
      ]);

      // Applied: the server answers what the preview said it would.
      const applied = await admin.client.request('PUT', '/api/v1/admin/catalog', document);
      expect(applied.statusCode, applied.body).toBe(200);
      expect(applied.json()).toEqual(diff.changes);
      await expectAuditedByAdministrator('catalog.applied');
      // The same document again changes nothing.
      const again = (await preview(document)).json();
      expect(again.changes).toMatchObject({ created: [], updated: [], retired: [] });
      expect(again.applications.map((item: { change: string }) => item.change)).toEqual(['unchanged', 'unchanged']);
    });

    it('leaves out of the preview nothing that applying does: a changed inclusion, a retired role brought back', async () => {
      const document = spot();
      document.applications[0]!.roles[1]!.includes = null; // approver no longer includes end_user
      const diff = (await preview(document)).json();
      const roles = diff.applications[0].roles.map((role: { code: string; change: string }) => [role.code, role.change]);
      expect(roles).toContainEqual(['approver', 'changed']);
      expect(roles).toContainEqual(['backup_approver', 'changed']); // requestable again
      const approver = diff.applications[0].roles.find((role: { code: string }) => role.code === 'approver');
      expect(approver.fields).toContainEqual({ field: 'includes', before: 'end_user', after: null });
      const applied = await admin.client.request('PUT', '/api/v1/admin/catalog', document);
      expect(applied.json()).toEqual(diff.changes);
      // Back as the file has it, previewed then applied alike.
      const restore = (await preview(spot())).json();
      expect((await admin.client.request('PUT', '/api/v1/admin/catalog', spot())).json()).toEqual(restore.changes);
    });

    it('names the applications a document leaves out, which applying leaves as they are', async () => {
      const only = { applications: [{ ...spot().applications[0]!, code: 'OTHER', name: 'Other application' }] };
      expect((await preview(only)).json().leftAsTheyAre).toEqual(['SPOT']);
    });

    it('refuses an invalid document as applying does, naming each problem', async () => {
      const broken = spot();
      broken.applications[0]!.roles[1]!.includes = 'nobody';
      expect(errorOf(await preview(broken))).toMatchObject({
        status: 400,
        code: 'catalog.invalid',
        details: { problems: ['application SPOT, role approver: includes unknown role nobody'] },
      });
      expect(errorOf(await preview({ applications: 'none' }))).toMatchObject({ status: 400, code: 'catalog.invalid' });
    });

    it("audits a role's policy changed by the administrator", async () => {
      const approver = (await t.ctx.catalog.getApplication('SPOT')).roles.find((role) => role.code === 'approver')!;
      const changed = await admin.client.patch(`/api/v1/admin/roles/${approver.id}`, { certificationPeriodDays: 180 });
      expect(changed.statusCode, changed.body).toBe(200);
      const entry = await expectAuditedByAdministrator('catalog.role_updated', approver.id);
      expect(JSON.parse(entry.after_json!)).toMatchObject({ certificationPeriodDays: 180 });
    });
  });

  describe('terms versions', () => {
    it('lists the versions newest first with their acceptances; a new one must be accepted at the next sign-in', async () => {
      const listed = await admin.client.get('/api/v1/admin/terms');
      expect(listed.statusCode, listed.body).toBe(200);
      const [current] = listed.json().items;
      expect(listed.json().limit).toBe(50);
      expect(current).toMatchObject({ version: 1, title: 'Terms and conditions', titleEs: 'Términos y condiciones' });
      // The administrator and the two people accepted it as they signed in.
      expect(current.acceptances).toBe(3);

      const published = await admin.client.post('/api/v1/admin/terms', {
        title: 'Terms, revised',
        titleEs: 'Términos revisados',
        bodyEn: 'Revised terms.',
        bodyEs: 'Términos revisados.',
      });
      expect(published.statusCode, published.body).toBe(201);
      await expectAuditedByAdministrator('terms.published', published.json().id);
      const after = (await admin.client.get('/api/v1/admin/terms')).json().items;
      expect(after.map((item: { version: number; acceptances: number }) => [item.version, item.acceptances])).toEqual([
        [2, 0],
        [1, 3],
      ]);
      expect(after[0]).toMatchObject({ title: 'Terms, revised', bodyEn: 'Revised terms.', bodyEs: 'Términos revisados.' });

      // Someone who accepted version 1 cannot sign in on it any more; accepting version 2 counts.
      const client = await new ApiClient(t.app).start();
      const outdated = await client.post('/api/v1/sign-in', {
        userId: person.userId,
        password: person.password,
        acceptTerms: true,
        termsVersion: 1,
      });
      expect(errorOf(outdated)).toMatchObject({ status: 409, code: 'sign_in.terms_outdated' });
      expect((await passwordStep(client, person)).statusCode).toBe(200);
      expect((await admin.client.get('/api/v1/admin/terms')).json().items[0].acceptances).toBe(1);
    });
  });

  describe('acknowledgement texts', () => {
    it('lists the versions newest first; a new one is audited with its administrator', async () => {
      const listed = await admin.client.get('/api/v1/admin/certifications/acknowledgement');
      expect(listed.statusCode, listed.body).toBe(200);
      expect(listed.json().items.map((item: { version: number }) => item.version)).toEqual([1]);
      const published = await admin.client.post('/api/v1/admin/certifications/acknowledgement', {
        textEn: 'I have reviewed each person listed.',
        textEs: 'He revisado a cada persona de la lista.',
      });
      expect(published.statusCode, published.body).toBe(201);
      await expectAuditedByAdministrator('certification.acknowledgement_published', '2');
      const items = (await admin.client.get('/api/v1/admin/certifications/acknowledgement')).json().items;
      expect(items.map((item: { version: number }) => item.version)).toEqual([2, 1]);
      expect(items[0]).toMatchObject({
        textEn: 'I have reviewed each person listed.',
        textEs: 'He revisado a cada persona de la lista.',
      });
    });
  });

  describe('help desk staff', () => {
    type Staff = {
      id: string;
      person: { userId: string; lastName: string };
      application: { code: string };
      allowedActions: string[];
    };
    const staff = async (query = '') => {
      const response = await admin.client.get(`/api/v1/admin/help-desk${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { items: Staff[]; truncated: boolean; limit: number };
    };

    it('lists who is help desk for which application, assigns one by user ID and removes one with a reason', async () => {
      const listed = await staff();
      expect(listed).toMatchObject({ truncated: false, limit: 500 });
      expect(listed.items).toEqual([
        expect.objectContaining({
          id: helpDeskAssignmentId,
          person: expect.objectContaining({ userId: helpDesk.userId, firstName: 'Casey', lastName: 'Marsh' }),
          application: { code: 'SPOT', name: 'SPOT', nameEs: expect.any(String) },
          allowedActions: ['remove'],
        }),
      ]);

      const assigned = await admin.client.post('/api/v1/admin/help-desk', { userId: person.userId, applicationCode: 'SPOT' });
      expect(assigned.statusCode, assigned.body).toBe(201);
      await expectAuditedByAdministrator('role.granted', assigned.json().id);
      const both = (await staff('?application=SPOT')).items;
      // By application, then by last name.
      expect(both.map((item) => item.person.lastName)).toEqual(['Marsh', 'Vale']);
      expect((await staff('?application=OTHER')).items.map((item) => item.person.userId)).toEqual([]);

      const removed = await admin.client.post(`/api/v1/assignments/${helpDeskAssignmentId}/remove`, {
        reason: 'Moved to another team',
      });
      expect(removed.statusCode, removed.body).toBe(204);
      const entry = await expectAuditedByAdministrator('role.removed', helpDeskAssignmentId);
      expect(JSON.parse(entry.after_json!)).toMatchObject({ kind: 'administrator', reason: 'Moved to another team' });
      expect((await staff()).items.map((item) => item.person.userId)).toEqual([person.userId]);
    });

    it('refuses an unknown application, a blank reason and an unknown user ID, changing nothing', async () => {
      expect(errorOf(await admin.client.get('/api/v1/admin/help-desk?application=NOPE'))).toMatchObject({
        status: 400,
        code: 'request.invalid',
        details: { field: 'application' },
      });
      const [held] = (await staff()).items;
      expect(errorOf(await admin.client.post(`/api/v1/assignments/${held!.id}/remove`, { reason: '   ' })).code).toBe(
        'assignment.reason_required',
      );
      expect(
        errorOf(await admin.client.post('/api/v1/admin/help-desk', { userId: 'nobody-here', applicationCode: 'SPOT' })).status,
      ).toBe(404);
      expect((await staff()).items.map((item) => item.id)).toEqual([held!.id]);
    });
  });

  describe('configuration', () => {
    it('shows the running configuration to administrators with every secret hidden', async () => {
      const response = await admin.client.get('/api/v1/admin/configuration');
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({
        environment: 'test',
        mailViewer: true,
        secretKey: { value: 'hidden', source: 'environment' },
        database: {
          kind: 'postgres',
          host: 'db.example.internal',
          port: 6432,
          name: 'rolecall_prod',
          user: 'rolecall',
          password: 'hidden',
          parameters: ['sslmode', 'sslpassword'],
        },
        mail: { smtp: { host: 'smtp.example.internal', user: 'mailer', password: 'hidden' } },
        accounts: { lockoutThreshold: 3 },
      });
      const secrets = [
        SMTP_PASSWORD,
        DATABASE_PASSWORD,
        SSL_PASSWORD,
        'require', // a parameter's value, whatever it is
        SECRET_KEY.toString('base64'),
        SECRET_KEY.toString('base64url'),
        SECRET_KEY.toString('hex'),
        SECRET_KEY.toString('latin1'),
      ];
      for (const secret of secrets) {
        expect(response.body, 'a secret in the answer').not.toContain(secret);
        expect(response.body.toLowerCase()).not.toContain(secret.toLowerCase());
      }
    });
  });
});

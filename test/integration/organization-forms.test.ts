import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import { auditEntries, errorOf, findInDatabase, signedInUser, type SignedInUser } from '../helpers/accounts.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

/** A TIN no test prints anywhere: finding its digits in an answer, an email or a table is a leak. */
const TIN = '59-8274613';
const TIN_DIGITS = '598274613';

function organizationFields(approver: SignedInUser, overrides: Record<string, unknown> = {}) {
  return {
    legalName: 'Sunrise Dermatology P.A.',
    tin: TIN,
    groupNpi: '1234567893',
    ptan: 'fl1234',
    lineOfBusiness: 'part_b',
    location: 'FL',
    address: { line1: '200 Bay Street', city: 'Jacksonville', state: 'fl', zip: '32202' },
    phone: '(904) 555-0142',
    fax: null,
    contact: { name: 'Morgan Lee', email: 'morgan.lee@example.test', phone: '904.555.0143' },
    approver: { firstName: approver.firstName, lastName: approver.lastName, email: approver.email },
    backupApprovers: [{ firstName: 'Riley', lastName: 'Chen', email: 'riley.chen@example.test' }],
    ...overrides,
  };
}

describe.each(testDialects())('organization forms on %s', (dialect) => {
  let t: TestApp;
  let roles: Record<string, Role>;
  let applicationId: string;
  let helpDesk: SignedInUser;
  let otherHelpDesk: SignedInUser;
  let submitter: SignedInUser;
  let outsider: SignedInUser;
  /** Every answer any test got: none may hold the TIN. */
  const answers: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    ({ roles, applicationId } = await loadSpot(t.ctx));
    [helpDesk, otherHelpDesk, submitter, outsider] = [
      await signedInUser(t.app, t.ctx, t.clock),
      await signedInUser(t.app, t.ctx, t.clock),
      await signedInUser(t.app, t.ctx, t.clock),
      await signedInUser(t.app, t.ctx, t.clock),
    ];
    await grantRole(t.ctx, await idOf(t.ctx, helpDesk.userId), roles.help_desk!);
    await grantRole(t.ctx, await idOf(t.ctx, otherHelpDesk.userId), roles.help_desk!);
  });
  afterAll(async () => t.close());

  const kept = (response: LightMyRequestResponse) => {
    answers.push(response.body);
    return response;
  };
  const submitForm = async (who: SignedInUser, overrides: Record<string, unknown> = {}) =>
    kept(
      await who.client.post('/api/v1/organization-forms', {
        applicationCode: 'SPOT',
        organization: organizationFields(who, overrides),
        signatureName: `${who.firstName} ${who.lastName}`,
      }),
    );
  const review = async (who: SignedInUser, id: string, decision: 'approve' | 'return' | 'reject', reason?: string) =>
    kept(await who.client.post(`/api/v1/organization-forms/${id}/review`, { decision, ...(reason ? { reason } : {}) }));
  const messages = (email: string, template: string) =>
    t.ctx.database.db
      .selectFrom('outbox')
      .select(['subject', 'body_text', 'body_html'])
      .where('recipient', '=', email)
      .where('template', '=', template)
      .orderBy('id')
      .execute();
  const formCount = async () =>
    Number(
      (
        await t.ctx.database.db
          .selectFrom('organization_forms')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('takes a new organization form with a tracking number, and keeps the TIN encrypted and masked', async () => {
    const response = await submitForm(submitter);
    expect(response.statusCode, response.body).toBe(201);
    const form = response.json();
    expect(form.trackingNumber).toMatch(/^OF-2026-\d{6}$/);
    expect(form).toMatchObject({
      kind: 'new_organization',
      status: 'submitted',
      maskedTin: '•••••4613',
      organization: null,
      issuedSubmitterId: null,
      signatureName: `${submitter.firstName} ${submitter.lastName}`,
      data: {
        legalName: 'Sunrise Dermatology P.A.',
        ptan: 'FL1234',
        phone: '904-555-0142',
        address: { state: 'FL' },
        contact: { phone: '904-555-0143' },
      },
    });
    expect(form.signedAt).toBe(t.clock.now().toISOString());
    expect(await findInDatabase(t, TIN_DIGITS)).toEqual([]);
    expect((await messages(submitter.email, 'organization_form.received'))[0]?.body_text).toContain(form.trackingNumber);
    expect(await messages(helpDesk.email, 'organization_form.awaiting_review')).toHaveLength(1);
    expect(await messages(otherHelpDesk.email, 'organization_form.awaiting_review')).toHaveLength(1);
    expect(await auditEntries(t.ctx, 'organization_form.submitted', form.id)).toHaveLength(1);
  });

  it('refuses a form with a mistyped NPI, a malformed TIN or a person named twice, and stores nothing', async () => {
    const before = await formCount();
    const npi = await submitForm(submitter, { groupNpi: '1234567890' });
    expect(errorOf(npi)).toMatchObject({ status: 400, code: 'request.invalid' });
    expect(JSON.stringify(errorOf(npi).details)).toContain('groupNpi');
    const tin = await submitForm(submitter, { tin: '59-82746' });
    expect(errorOf(tin)).toMatchObject({ status: 400, code: 'request.invalid' });
    const twice = await submitForm(submitter, {
      backupApprovers: [{ firstName: 'Again', lastName: 'Same', email: submitter.email.toUpperCase() }],
    });
    expect(errorOf(twice)).toMatchObject({ status: 400, code: 'request.invalid' });
    const tooMany = await submitForm(submitter, {
      backupApprovers: [1, 2, 3, 4].map((n) => ({ firstName: 'B', lastName: `${n}`, email: `backup${n}@example.test` })),
    });
    expect(errorOf(tooMany)).toMatchObject({ status: 400, code: 'request.invalid' });
    expect(await formCount()).toBe(before);
  });

  it('takes at most 10 forms from one person in any 24 hours, each emailing the help desk', async () => {
    const busy = await signedInUser(t.app, t.ctx, t.clock);
    for (let sent = 0; sent < 10; sent += 1) expect((await submitForm(busy)).statusCode).toBe(201);
    const before = {
      forms: await formCount(),
      helpDeskMail: (await messages(helpDesk.email, 'organization_form.awaiting_review')).length,
    };
    const eleventh = await submitForm(busy);
    expect(errorOf(eleventh)).toMatchObject({ status: 429, code: 'organization_form.too_many', details: { limit: 10 } });
    expect(await formCount()).toBe(before.forms);
    expect(await messages(helpDesk.email, 'organization_form.awaiting_review')).toHaveLength(before.helpDeskMail);
    // Someone else is not held back by it; the sender is again once the first form is a day old
    // (the forms are dated back: moving the clock a day would end every session of this file).
    expect((await submitForm(outsider)).statusCode).toBe(201);
    const busyId = await idOf(t.ctx, busy.userId);
    const first = await t.ctx.database.db
      .selectFrom('organization_forms')
      .select('id')
      .where('submitted_by', '=', busyId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const dayAgo = new Date(t.clock.now().getTime() - 86_400_000);
    await t.ctx.database.db
      .updateTable('organization_forms')
      .set({ created_at: new Date(dayAgo.getTime() + 1).toISOString() })
      .where('id', '=', first.id)
      .execute();
    expect(errorOf(await submitForm(busy)).code).toBe('organization_form.too_many');
    await t.ctx.database.db
      .updateTable('organization_forms')
      .set({ created_at: dayAgo.toISOString() })
      .where('id', '=', first.id)
      .execute();
    expect((await submitForm(busy)).statusCode).toBe(201);
  });

  it('shows a form to its submitter and the help desk only, and the queue to the help desk only', async () => {
    const form = (await submitForm(submitter)).json();
    expect(kept(await submitter.client.get(`/api/v1/organization-forms/${form.id}`)).statusCode).toBe(200);
    expect(kept(await helpDesk.client.get(`/api/v1/organization-forms/${form.id}`)).statusCode).toBe(200);
    expect(errorOf(await outsider.client.get(`/api/v1/organization-forms/${form.id}`)).status).toBe(404);
    expect(errorOf(await outsider.client.get('/api/v1/help-desk/organization-forms')).code).toBe('auth.forbidden');
    expect(
      errorOf(await outsider.client.post(`/api/v1/organization-forms/${form.id}/review`, { decision: 'approve' })).status,
    ).toBe(404);
    const mine = kept(await submitter.client.get('/api/v1/me/organization-forms')).json().items as { id: string }[];
    expect(mine[0]?.id).toBe(form.id);
  });

  it('pages the help desk queue oldest first with a cursor', async () => {
    const submitted: string[] = [];
    for (let n = 0; n < 3; n++) submitted.push((await submitForm(outsider, { legalName: `Queue Clinic ${n}` })).json().id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = kept(
        await helpDesk.client.get(`/api/v1/help-desk/organization-forms?limit=2${cursor ? `&cursor=${cursor}` : ''}`),
      ).json() as { items: { id: string; status: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.items.every((item) => item.status === 'submitted')).toBe(true);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(submitted));
  });

  it('returns a form for correction with a reason; the submitter corrects it and sends it again', async () => {
    const form = (await submitForm(submitter, { legalName: 'Sunrise Dermatolgy' })).json();
    expect(errorOf(await review(helpDesk, form.id, 'return')).code).toBe('organization_form.reason_required');
    const returned = await review(helpDesk, form.id, 'return', 'The legal business name is misspelled.');
    expect(returned.json()).toMatchObject({ status: 'returned', reviewReason: 'The legal business name is misspelled.' });
    const [email] = await messages(submitter.email, 'organization_form.returned');
    expect(email?.body_text).toContain('The legal business name is misspelled.');
    expect(email?.body_text).toContain(`/organization-forms/${form.id}`);
    const queue = kept(await helpDesk.client.get('/api/v1/help-desk/organization-forms?limit=100')).json().items as {
      id: string;
    }[];
    expect(queue.map((item) => item.id)).not.toContain(form.id);

    const body = {
      organization: organizationFields(submitter, { legalName: 'Sunrise Dermatology' }),
      signatureName: 'Dana Whitfield',
    };
    expect(errorOf(await outsider.client.put(`/api/v1/organization-forms/${form.id}`, body)).status).toBe(404);
    const corrected = kept(await submitter.client.put(`/api/v1/organization-forms/${form.id}`, body));
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json()).toMatchObject({ status: 'submitted', data: { legalName: 'Sunrise Dermatology' } });
    expect(errorOf(await submitter.client.put(`/api/v1/organization-forms/${form.id}`, body)).code).toBe(
      'organization_form.not_returned',
    );
    const again = kept(await helpDesk.client.get('/api/v1/help-desk/organization-forms?limit=100')).json().items as {
      id: string;
    }[];
    expect(again.map((item) => item.id)).toContain(form.id);
    expect(await auditEntries(t.ctx, 'organization_form.resubmitted', form.id)).toHaveLength(1);
  });

  it('rejects a form only with a reason, and the submitter is told why', async () => {
    const form = (await submitForm(submitter, { legalName: 'Duplicate Clinic' })).json();
    expect(errorOf(await review(helpDesk, form.id, 'reject', '   ')).code).toBe('organization_form.reason_required');
    const rejected = await review(helpDesk, form.id, 'reject', 'This organization already exists.');
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    const [email] = await messages(submitter.email, 'organization_form.rejected');
    expect(email?.body_text).toContain('This organization already exists.');
    expect(errorOf(await review(otherHelpDesk, form.id, 'approve')).code).toBe('organization_form.already_reviewed');
  });

  it('lets the submitter withdraw a form not yet reviewed', async () => {
    const form = (await submitForm(submitter, { legalName: 'Changed Mind Clinic' })).json();
    const withdrawn = kept(await submitter.client.post(`/api/v1/organization-forms/${form.id}/withdraw`));
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn' });
    expect(errorOf(await review(helpDesk, form.id, 'approve')).code).toBe('organization_form.already_reviewed');
  });

  it('refuses a help desk member reviewing their own form', async () => {
    const form = (await submitForm(helpDesk, { legalName: 'Own Practice' })).json();
    expect(await messages(helpDesk.email, 'organization_form.awaiting_review')).not.toContainEqual(
      expect.objectContaining({ subject: expect.stringContaining(form.trackingNumber) }),
    );
    expect(errorOf(await review(helpDesk, form.id, 'approve')).code).toBe('organization_form.self_review');
    expect((await helpDesk.client.get(`/api/v1/organization-forms/${form.id}`)).statusCode).toBe(200);
    expect((await review(otherHelpDesk, form.id, 'approve')).json()).toMatchObject({ status: 'approved' });
  });

  it('sends with each form the actions its reader may take, and takes exactly those', async () => {
    const id = (await submitForm(submitter, { legalName: 'Listed Actions Clinic' })).json().id as string;
    const actionsOf = async (who: SignedInUser) =>
      kept(await who.client.get(`/api/v1/organization-forms/${id}`)).json().allowedActions as string[];
    const listed = async (who: SignedInUser, path: string) =>
      (kept(await who.client.get(`${path}?limit=100`)).json().items as { id: string; allowedActions: string[] }[]).find(
        (item) => item.id === id,
      )?.allowedActions;
    const resubmit = (who: SignedInUser) =>
      who.client.put(`/api/v1/organization-forms/${id}`, {
        organization: organizationFields(submitter, { legalName: 'Listed Actions Clinic' }),
        signatureName: `${submitter.firstName} ${submitter.lastName}`,
      });
    const withdraw = (who: SignedInUser) => who.client.post(`/api/v1/organization-forms/${id}/withdraw`);

    // Submitted: the submitter may withdraw it, the help desk decide it; nothing else is taken.
    expect(await actionsOf(submitter)).toEqual(['withdraw']);
    expect(await listed(submitter, '/api/v1/me/organization-forms')).toEqual(['withdraw']);
    expect(await actionsOf(helpDesk)).toEqual(['approve', 'return', 'reject']);
    expect(await listed(helpDesk, '/api/v1/help-desk/organization-forms')).toEqual(['approve', 'return', 'reject']);
    expect(errorOf(await review(submitter, id, 'approve')).status).toBe(404);
    expect(errorOf(await resubmit(submitter)).code).toBe('organization_form.not_returned');
    expect(errorOf(await withdraw(helpDesk)).status).toBe(404);
    expect(errorOf(await resubmit(helpDesk)).status).toBe(404);

    // Returned: the submitter may correct or withdraw it; the help desk has nothing to decide.
    const returned = await review(helpDesk, id, 'return', 'The address is incomplete.');
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().allowedActions).toEqual([]);
    expect(await actionsOf(submitter)).toEqual(['resubmit', 'withdraw']);
    expect(await actionsOf(helpDesk)).toEqual([]);
    expect(errorOf(await review(otherHelpDesk, id, 'approve')).code).toBe('organization_form.already_reviewed');
    const corrected = kept(await resubmit(submitter));
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json().allowedActions).toEqual(['withdraw']);

    // Approved: nobody may do anything more with it.
    const approved = await review(otherHelpDesk, id, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().allowedActions).toEqual([]);
    expect(await actionsOf(submitter)).toEqual([]);
    expect(await actionsOf(helpDesk)).toEqual([]);
    expect(errorOf(await withdraw(submitter)).code).toBe('organization_form.already_reviewed');
    expect(errorOf(await resubmit(submitter)).code).toBe('organization_form.not_returned');
    expect(errorOf(await review(helpDesk, id, 'reject', 'Too late')).code).toBe('organization_form.already_reviewed');
  });

  it('lists no decision on a help desk member’s own form, and refuses one', async () => {
    const form = (await submitForm(helpDesk, { legalName: 'Own Listed Practice' })).json();
    expect(form.allowedActions).toEqual(['withdraw']);
    expect(kept(await otherHelpDesk.client.get(`/api/v1/organization-forms/${form.id}`)).json().allowedActions).toEqual([
      'approve',
      'return',
      'reject',
    ]);
    expect(errorOf(await review(helpDesk, form.id, 'return', 'Mine')).code).toBe('organization_form.self_review');
  });

  it('approves a form: a unique submitter ID, emailed with the legal business name; the approver then creates the organization', async () => {
    const approver = await signedInUser(t.app, t.ctx, t.clock);
    const form = (await submitForm(approver, { legalName: 'Coral Reef Pediatrics', location: 'USVI' })).json();
    const approved = await review(helpDesk, form.id, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    const { issuedSubmitterId, organization } = approved.json();
    expect(issuedSubmitterId).toMatch(/^S\d{6}$/);
    expect(organization).toMatchObject({ submitterId: issuedSubmitterId, legalName: 'Coral Reef Pediatrics' });
    const [email] = await messages(approver.email, 'organization_form.approved');
    expect(email?.body_text).toContain(issuedSubmitterId);
    expect(email?.body_text).toContain('Coral Reef Pediatrics');
    // The backup approver on file hears it too: either of them may create the organization.
    expect((await messages('riley.chen@example.test', 'organization_form.approved')).at(-1)?.body_text).toContain(
      issuedSubmitterId,
    );
    expect(await auditEntries(t.ctx, 'organization.created', organization.id)).toHaveLength(1);

    // Not found by search until its approver has created it.
    const search = async () =>
      (
        kept(await outsider.client.get('/api/v1/applications/SPOT/organizations?q=coral%20reef')).json().items as { id: string }[]
      ).map((item) => item.id);
    expect(await search()).not.toContain(organization.id);

    const wrongName = kept(
      await approver.client.post('/api/v1/role-requests', {
        roleId: roles.approver!.id,
        newOrganization: { submitterId: issuedSubmitterId, legalName: 'Coral Reef Clinic' },
        reason: 'I run this practice',
      }),
    );
    expect(errorOf(wrongName).code).toBe('role_request.new_organization_mismatch');
    const notNamed = kept(
      await outsider.client.post('/api/v1/role-requests', {
        roleId: roles.approver!.id,
        newOrganization: { submitterId: issuedSubmitterId, legalName: 'Coral Reef Pediatrics' },
        reason: 'I run this practice',
      }),
    );
    expect(errorOf(notNamed).code).toBe('role_request.new_organization_mismatch');

    const request = kept(
      await approver.client.post('/api/v1/role-requests', {
        roleId: roles.approver!.id,
        newOrganization: { submitterId: issuedSubmitterId, legalName: 'coral reef pediatrics' },
        reason: 'I run this practice',
      }),
    );
    expect(request.statusCode, request.body).toBe(201);
    expect(request.json()).toMatchObject({ routedTo: 'help_desk', organization: { maskedTin: '•••••4613' } });
    const decided = kept(
      await helpDesk.client.post(`/api/v1/role-requests/${request.json().id}/decision`, { decision: 'approve' }),
    );
    expect(decided.statusCode, decided.body).toBe(200);
    expect(await search()).toContain(organization.id);
    const records = kept(await approver.client.get(`/api/v1/organizations/${organization.id}`)).json();
    expect(records).toMatchObject({
      status: 'active',
      maskedTin: '•••••4613',
      location: 'USVI',
      allowedActions: ['request_update'],
    });
  });

  it('issues each submitter ID once, stepping over one an organization already has', async () => {
    const taken = await createOrganization(t.ctx, applicationId, { submitterId: 'S000000' });
    const issued = new Set<string>([taken.submitterId]);
    // The counter's next values, whatever earlier tests used, are taken in advance by other organizations.
    const next = (
      await t.ctx.database.db
        .selectFrom('counters')
        .select('value')
        .where('name', '=', `submitter_id:${applicationId}`)
        .executeTakeFirst()
    )?.value;
    const upcoming = `S${String(Number(next ?? 0) + 1).padStart(6, '0')}`;
    await createOrganization(t.ctx, applicationId, { submitterId: upcoming });
    issued.add(upcoming);
    for (let n = 0; n < 3; n++) {
      const form = (await submitForm(outsider, { legalName: `Counted Clinic ${n}` })).json();
      const { issuedSubmitterId } = (await review(helpDesk, form.id, 'approve')).json();
      expect(issued.has(issuedSubmitterId)).toBe(false);
      issued.add(issuedSubmitterId);
    }
  });

  it('gives one outcome when two help desk staff review one form at the same moment', async () => {
    const rounds = dialect === 'postgres' ? 20 : 5;
    // One person sends at most 10 forms a day: a sender of its own, and a new one every 10 rounds.
    let sender = await signedInUser(t.app, t.ctx, t.clock);
    for (let round = 0; round < rounds; round++) {
      if (round > 0 && round % 10 === 0) sender = await signedInUser(t.app, t.ctx, t.clock);
      const form = (await submitForm(sender, { legalName: `Race Clinic ${round}` })).json();
      const [first, second] = await Promise.all([
        review(helpDesk, form.id, 'approve'),
        review(otherHelpDesk, form.id, 'reject', 'No'),
      ]);
      const codes = [first, second].map((response) => response.statusCode).sort();
      expect(codes).toEqual([200, 409]);
      const created = await t.ctx.database.db
        .selectFrom('organizations')
        .select('id')
        .where('legal_name', '=', `Race Clinic ${round}`)
        .execute();
      expect(created).toHaveLength(first.statusCode === 200 ? 1 : 0);
    }
  });

  describe('update requests', () => {
    let approver: SignedInUser;
    let backup: SignedInUser;
    let organizationId: string;

    beforeAll(async () => {
      [approver, backup] = [await signedInUser(t.app, t.ctx, t.clock), await signedInUser(t.app, t.ctx, t.clock)];
      const organization = await createOrganization(t.ctx, applicationId, {
        legalName: 'Bayview Family Clinic',
        approverOnFile: { firstName: approver.firstName, lastName: approver.lastName, email: approver.email },
      });
      organizationId = organization.id;
      await grantRole(t.ctx, await idOf(t.ctx, approver.userId), roles.approver!, organizationId);
      await grantRole(t.ctx, await idOf(t.ctx, backup.userId), roles.backup_approver!, organizationId);
    });

    const changes = (who: SignedInUser) => ({
      address: { line1: '9 Harbor Road', line2: 'Suite 4', city: 'San Juan', state: 'PR', zip: '00901-1234' },
      phone: '787-555-0100',
      fax: '787-555-0101',
      contact: { name: 'Ana Ortiz', email: 'ana.ortiz@example.test', phone: '787-555-0102' },
      approver: { firstName: who.firstName, lastName: who.lastName, email: who.email },
      backupApprovers: [{ firstName: backup.firstName, lastName: backup.lastName, email: backup.email }],
    });
    const requestUpdate = async (who: SignedInUser) =>
      kept(
        await who.client.post(`/api/v1/organizations/${organizationId}/update-requests`, {
          changes: changes(approver),
          signatureName: `${who.firstName} ${who.lastName}`,
        }),
      );
    const records = async () => kept(await approver.client.get(`/api/v1/organizations/${organizationId}`)).json();

    it('changes the records on file only when the help desk approves', async () => {
      const before = await records();
      expect(before.backupApprovers).toEqual([]);
      expect(before.allowedActions).toEqual(['request_update']);
      const submitted = await requestUpdate(approver);
      expect(submitted.statusCode, submitted.body).toBe(201);
      expect(submitted.json()).toMatchObject({ kind: 'update', status: 'submitted', onFile: { backupApprovers: [] } });
      expect((await records()).address).toEqual(before.address);
      expect(errorOf(await requestUpdate(approver)).code).toBe('organization_form.update_pending');

      const approved = await review(helpDesk, submitted.json().id, 'approve');
      expect(approved.statusCode, approved.body).toBe(200);
      const after = await records();
      expect(after).toMatchObject({
        address: { line1: '9 Harbor Road', city: 'San Juan', zip: '00901-1234' },
        fax: '787-555-0101',
        backupApprovers: [{ email: backup.email }],
      });
      const [entry] = await auditEntries(t.ctx, 'organization.records_updated', organizationId);
      expect(entry).toBeDefined();
      expect((await messages(approver.email, 'organization_form.approved')).at(-1)?.subject).toContain('Bayview Family Clinic');
    });

    it('is for the organization approver: a backup approver is refused, anyone else does not see it', async () => {
      expect(errorOf(await requestUpdate(backup)).code).toBe('organization_form.approver_only');
      expect(errorOf(await requestUpdate(outsider)).status).toBe(404);
      expect(errorOf(await outsider.client.get(`/api/v1/organizations/${organizationId}`)).status).toBe(404);
      const backupView = kept(await backup.client.get(`/api/v1/organizations/${organizationId}`));
      expect(backupView.json()).toMatchObject({ allowedActions: [] });
      const mine = kept(await approver.client.get('/api/v1/me/organizations')).json().items as { id: string }[];
      expect(mine.map((item) => item.id)).toContain(organizationId);
    });
  });

  it('never shows the TIN unmasked in an answer or an email', async () => {
    expect(answers.length).toBeGreaterThan(20);
    for (const body of answers) {
      expect(body).not.toContain(TIN_DIGITS);
      expect(body).not.toContain(TIN);
    }
    const mail = await t.ctx.database.db.selectFrom('outbox').select(['subject', 'body_text', 'body_html']).execute();
    for (const message of mail) {
      for (const text of [message.subject, message.body_text, message.body_html]) {
        expect(text).not.toContain(TIN_DIGITS);
        expect(text).not.toContain(TIN);
      }
    }
    expect(await findInDatabase(t, TIN_DIGITS)).toEqual([]);
  });
});

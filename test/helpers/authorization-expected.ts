import { PERSONAS, type Persona } from './authorization-personas.js';

/** What a persona's request came to: let through (any answer but these), 401, 403, or 404. */
export type Outcome = 'allowed' | 'unauthenticated' | 'forbidden' | 'hidden';

export function outcomeOf(status: number): Outcome {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'hidden';
  return 'allowed';
}

type Row = Record<Persona, Outcome>;

const LETTERS: Record<string, Outcome> = { A: 'allowed', U: 'unauthenticated', F: 'forbidden', H: 'hidden' };

/**
 * One row of the table, a letter per persona in the order of PERSONAS: visitor, user, endUserA,
 * approverA, backupApproverA, approverB, helpDeskSpot, helpDeskOther, administrator, otherClient.
 * A allowed, U 401, F 403, H 404.
 */
function row(letters: string): Row {
  const outcomes = letters.split(' ').map((letter) => LETTERS[letter]);
  if (outcomes.length !== PERSONAS.length || outcomes.some((outcome) => outcome === undefined)) {
    throw new Error(`a row needs one of A U F H for each of the ${PERSONAS.length} personas: ${letters}`);
  }
  return Object.fromEntries(PERSONAS.map((persona, index) => [persona, outcomes[index]])) as Row;
}

/** Anyone, a program's bearer token included: public pages, health, the OpenID provider (which authenticates clients itself). */
const EVERYONE = row('A A A A A A A A A A');
/** Anyone with a browser: changes before sign-in need the pre-session CSRF token, which a bare bearer token lacks. */
const ANYONE_BY_BROWSER = row('A A A A A A A A A F');
/** Anyone signed in. */
const SIGNED_IN = row('U A A A A A A A A U');
/** A change by anyone signed in: without a session and its CSRF token, refused. */
const SIGNED_IN_CHANGE = row('U A A A A A A A A F');
const ADMINISTRATORS = row('U F F F F F F F A U');
const ADMINISTRATORS_CHANGE = row('U F F F F F F F A F');
/** The steps of a sign-in under way: a finished session is past them (403), a visitor has none (401). */
const MID_SIGN_IN = row('U F F F F F F F F F');
/** An application's programs, with a client credentials token; people's sessions are not accepted. */
const CLIENTS = row('U U U U U U U U U A');
/** A SPOT object asked for by another application's program: not found. */
const CLIENTS_OWN_APPLICATION = row('U U U U U U U U U H');

/*
 * Who may ask each route about the matrix's objects (test/helpers/authorization-personas.ts). A
 * new route fails the matrix until it has a row here: deciding its row is deciding its policy.
 */
export const EXPECTED_ACCESS: Record<string, Row> = {
  'GET /docs': EVERYONE,
  'GET /docs/static/index.html': EVERYONE,
  'GET /docs/static/swagger-initializer.js': EVERYONE,
  'GET /docs/json': EVERYONE,
  'GET /docs/yaml': EVERYONE,
  'GET /docs/static/*': EVERYONE,
  'GET /healthz': EVERYONE,
  'GET /readyz': EVERYONE,
  'GET /metrics': EVERYONE,
  'GET /api/v1/dev/outbox': ADMINISTRATORS,
  'GET /api/v1/session': EVERYONE,
  'GET /api/v1/me/sessions': SIGNED_IN,
  'GET /api/v1/me': SIGNED_IN,
  'GET /api/v1/mfa/factors': SIGNED_IN,
  'GET /api/v1/terms/current': EVERYONE,
  'GET /api/v1/admin/terms': ADMINISTRATORS,
  'GET /api/v1/applications': SIGNED_IN,
  'GET /api/v1/applications/:code': SIGNED_IN,
  'GET /api/v1/admin/catalog': ADMINISTRATORS,
  'GET /api/v1/applications/:code/organizations': SIGNED_IN,
  'GET /api/v1/me/roles': SIGNED_IN,
  // organization A's end users: its approvers only (the help desk has its own console)
  'GET /api/v1/organizations/:id/end-users': row('U H H A A H H H H U'),
  'GET /api/v1/admin/help-desk': ADMINISTRATORS,
  'GET /api/v1/role-requests/pending-approvals': SIGNED_IN,
  'GET /api/v1/me/requests': SIGNED_IN,
  // a request of user's for organization A: the requester and those who decide it
  'GET /api/v1/role-requests/:id': row('U A H A A H H H H U'),
  'GET /api/v1/me/organization-forms': SIGNED_IN,
  // the help desk queue: help desk staff of any application (each sees its own)
  'GET /api/v1/help-desk/organization-forms': row('U F F F F F A A F U'),
  // endUserA's form: its sender and the application's help desk
  'GET /api/v1/organization-forms/:id': row('U H A H H H A H H U'),
  'GET /api/v1/me/organizations': SIGNED_IN,
  // organization A's records: its approvers and the application's help desk
  'GET /api/v1/organizations/:id': row('U H H A A H A H H U'),
  'GET /api/v1/certifications/acknowledgement': SIGNED_IN,
  'GET /api/v1/admin/certifications/acknowledgement': ADMINISTRATORS,
  'GET /api/v1/certifications': SIGNED_IN,
  // endUserA's roles to certify: organization A's certifiers
  'GET /api/v1/certifications/users/:userId': row('U H H A A H H H H U'),
  // the help desk's list of approver roles about to lapse; administrators read it too
  'GET /api/v1/help-desk/certifications/expiring': row('U F F F F F A A A U'),
  // organization A's evidence: its certifiers, the help desk and administrators
  'GET /api/v1/certifications/evidence.csv': row('U H H A A H A H A U'),
  'GET /api/v1/certifications/summary': row('U H H A A H A H A U'),
  'GET /api/v1/admin/clients': ADMINISTRATORS,
  'GET /api/v1/admin/webhooks': ADMINISTRATORS,
  'GET /api/v1/admin/webhooks/:id/messages': ADMINISTRATORS,
  'GET /api/v1/audit/entries': row('U F F F F F A A A U'),
  // an entry about organization A: SPOT's help desk and administrators
  'GET /api/v1/audit/entries/:id': row('U H H H H H A H A U'),
  'GET /api/v1/audit/export': row('U F F F F F A A A U'),
  'GET /api/v1/audit/verification': ADMINISTRATORS,
  'GET /api/v1/help-desk/users': row('U F F F F F A A F U'),
  // a SPOT person: SPOT's help desk; another application's does not find them
  'GET /api/v1/help-desk/users/:id': row('U F F F F F A H F U'),
  'GET /api/v1/help-desk/orphan-organizations': row('U F F F F F A A F U'),
  'GET /api/v1/admin/configuration': ADMINISTRATORS,
  'GET /api/v1/admin/program-report': ADMINISTRATORS,
  'GET /.well-known/authzen-configuration': EVERYONE,
  'GET /scim/v2/Users': CLIENTS,
  'GET /scim/v2/Users/:id': CLIENTS_OWN_APPLICATION,
  'GET /scim/v2/Groups': CLIENTS,
  'GET /scim/v2/Groups/:id': CLIENTS_OWN_APPLICATION,
  'GET /scim/v2/ServiceProviderConfig': CLIENTS,
  'GET /scim/v2/ResourceTypes': CLIENTS,
  'GET /scim/v2/ResourceTypes/:id': CLIENTS,
  'GET /scim/v2/Schemas': CLIENTS,
  'GET /scim/v2/Schemas/:id': CLIENTS,
  'GET /oidc/*': EVERYONE,
  'GET /oidc/interaction/:uid': EVERYONE,
  'GET /oidc/interaction/:uid/abort': EVERYONE,
  'POST /api/v1/session/refresh': SIGNED_IN_CHANGE,
  'POST /api/v1/sign-in': ANYONE_BY_BROWSER,
  'POST /api/v1/sign-in/mfa/challenge': MID_SIGN_IN,
  'POST /api/v1/sign-in/mfa/verify': MID_SIGN_IN,
  'POST /api/v1/sign-in/recovery-code': MID_SIGN_IN,
  'POST /api/v1/registrations': ANYONE_BY_BROWSER,
  'POST /api/v1/registrations/verify': ANYONE_BY_BROWSER,
  'POST /api/v1/registrations/resend': ANYONE_BY_BROWSER,
  'POST /api/v1/account-setup': ANYONE_BY_BROWSER,
  'POST /api/v1/recovery/user-id': ANYONE_BY_BROWSER,
  'POST /api/v1/recovery/password': ANYONE_BY_BROWSER,
  'POST /api/v1/recovery/password/reset': ANYONE_BY_BROWSER,
  'PATCH /api/v1/me': SIGNED_IN_CHANGE,
  'POST /api/v1/me/email': SIGNED_IN_CHANGE,
  'POST /api/v1/me/email/verify': SIGNED_IN_CHANGE,
  'POST /api/v1/mfa/factors': SIGNED_IN_CHANGE,
  // endUserA's device: endUserA only
  'POST /api/v1/mfa/factors/:id/confirm': row('U H A H H H H H H F'),
  'POST /api/v1/mfa/webauthn/options': SIGNED_IN_CHANGE,
  'POST /api/v1/mfa/webauthn': SIGNED_IN_CHANGE,
  'POST /api/v1/mfa/recovery-codes': SIGNED_IN_CHANGE,
  'POST /api/v1/admin/terms': ADMINISTRATORS_CHANGE,
  'POST /api/v1/admin/catalog/preview': ADMINISTRATORS_CHANGE,
  'PATCH /api/v1/admin/roles/:id': ADMINISTRATORS_CHANGE,
  'POST /api/v1/admin/help-desk': ADMINISTRATORS_CHANGE,
  'POST /api/v1/role-requests': SIGNED_IN_CHANGE,
  // the requester is refused (403); someone who does not decide it is not told it exists
  'POST /api/v1/role-requests/:id/decision': row('U F H A A H H H H F'),
  // only the requester cancels
  'POST /api/v1/role-requests/:id/cancel': row('U A H H H H H H H F'),
  'POST /api/v1/organization-forms': SIGNED_IN_CHANGE,
  'PUT /api/v1/organization-forms/:id': row('U H A H H H H H H F'),
  'POST /api/v1/organization-forms/:id/withdraw': row('U H A H H H H H H F'),
  'POST /api/v1/organization-forms/:id/review': row('U H H H H H A H H F'),
  // the approver only; a backup approver is refused, others are not told it exists
  'POST /api/v1/organizations/:id/update-requests': row('U H H A F H H H H F'),
  'POST /api/v1/admin/certifications/acknowledgement': ADMINISTRATORS_CHANGE,
  // endUserA's role: organization A's certifiers; endUserA may not certify their own
  'POST /api/v1/certifications/decisions': row('U H F A A H H H H F'),
  'POST /api/v1/admin/clients': ADMINISTRATORS_CHANGE,
  'POST /api/v1/admin/clients/:clientId/rotate-secret': ADMINISTRATORS_CHANGE,
  'POST /api/v1/admin/webhooks': ADMINISTRATORS_CHANGE,
  'POST /api/v1/admin/webhooks/messages/:messageId/replay': ADMINISTRATORS_CHANGE,
  'POST /api/v1/help-desk/users/:id/unlock': row('U F F F F F A H F F'),
  'POST /api/v1/help-desk/users/:id/verification-email': row('U F F F F F A H F F'),
  'POST /access/v1/evaluation': CLIENTS,
  'POST /access/v1/evaluations': CLIENTS,
  'POST /scim/v2/Users': CLIENTS,
  'PUT /scim/v2/Users': CLIENTS,
  'PATCH /scim/v2/Users': CLIENTS,
  'DELETE /scim/v2/Users': CLIENTS,
  'POST /scim/v2/Users/:id': CLIENTS,
  'PUT /scim/v2/Users/:id': CLIENTS,
  'PATCH /scim/v2/Users/:id': CLIENTS,
  'DELETE /scim/v2/Users/:id': CLIENTS,
  'POST /scim/v2/Groups': CLIENTS,
  'PUT /scim/v2/Groups': CLIENTS,
  'PATCH /scim/v2/Groups': CLIENTS,
  'DELETE /scim/v2/Groups': CLIENTS,
  'POST /scim/v2/Groups/:id': CLIENTS,
  'PUT /scim/v2/Groups/:id': CLIENTS,
  'PATCH /scim/v2/Groups/:id': CLIENTS,
  'DELETE /scim/v2/Groups/:id': CLIENTS,
  'POST /scim/v2/Bulk': CLIENTS,
  'PUT /scim/v2/Bulk': CLIENTS,
  'PATCH /scim/v2/Bulk': CLIENTS,
  'DELETE /scim/v2/Bulk': CLIENTS,
  'POST /scim/v2/.search': CLIENTS,
  'PUT /scim/v2/.search': CLIENTS,
  'PATCH /scim/v2/.search': CLIENTS,
  'DELETE /scim/v2/.search': CLIENTS,
  'POST /scim/v2/Users/.search': CLIENTS,
  'PUT /scim/v2/Users/.search': CLIENTS,
  'PATCH /scim/v2/Users/.search': CLIENTS,
  'DELETE /scim/v2/Users/.search': CLIENTS,
  'POST /scim/v2/Groups/.search': CLIENTS,
  'PUT /scim/v2/Groups/.search': CLIENTS,
  'PATCH /scim/v2/Groups/.search': CLIENTS,
  'DELETE /scim/v2/Groups/.search': CLIENTS,
  'POST /oidc/*': EVERYONE,
  'POST /api/v1/help-desk/users/:id/mfa-reset': row('U F F F F F A H F F'),
  // endUserA's device: endUserA only
  'DELETE /api/v1/mfa/factors/:id': row('U H A H H H H H H F'),
  // an end user's role in organization A: its approvers, SPOT's help desk, administrators
  'POST /api/v1/assignments/:id/remove': row('U H H A A H A H A F'),
  'DELETE /api/v1/admin/clients/:clientId': ADMINISTRATORS_CHANGE,
  'DELETE /api/v1/admin/webhooks/:id': ADMINISTRATORS_CHANGE,
  'PUT /api/v1/admin/catalog': ADMINISTRATORS_CHANGE,
  // endUserA's other session: endUserA only
  'DELETE /api/v1/me/sessions/:id': row('U H A H H H H H H F'),
  'POST /api/v1/me/password': SIGNED_IN_CHANGE,
  'DELETE /api/v1/session': ANYONE_BY_BROWSER,
};

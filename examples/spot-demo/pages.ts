/*
 * The demo's pages: plain HTML with one stylesheet, readable on a phone and a desktop.
 */

/** One entry of Rolecall's `roles` claim. */
export interface Holding {
  role: string;
  organization: { id: string; name: string; submitterId: string } | null;
}

export interface SignedInPerson {
  /** Rolecall's stable id for the person: the subject of access questions. */
  sub: string;
  userId: string;
  name: string;
  holdings: Holding[];
  /** The organization the person acts for now, among those they hold a role for. */
  organizationId: string | null;
}

/** SPOT's names for its role codes: the application knows its own roles. */
const ROLE_NAMES: Record<string, string> = {
  end_user: 'End User',
  approver: 'Approver',
  backup_approver: 'Backup Approver',
  help_desk: 'Help Desk',
};

export const STYLESHEET = `
body { margin: 0; font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1b1b; background: #f4f6f8; }
header { background: #0b4778; color: #fff; padding: 0.75rem 1rem; }
header p { margin: 0; font-weight: 700; }
header span { font-weight: 400; }
main { max-width: 48rem; margin: 0 auto; padding: 1rem; }
section { background: #fff; border: 1px solid #c9d1d9; border-radius: 4px; padding: 1rem; margin: 1rem 0; }
h1 { font-size: 1.75rem; margin: 0.5rem 0; }
h2 { font-size: 1.25rem; margin: 0 0 0.5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid #dfe1e2; }
label { display: block; font-weight: 700; margin-bottom: 0.25rem; }
select { font: inherit; padding: 0.4rem; max-width: 100%; }
button, .button { display: inline-block; font: inherit; font-weight: 700; color: #fff; background: #005ea2; border: 0;
  border-radius: 4px; padding: 0.6rem 1.2rem; margin: 0.5rem 0.5rem 0 0; text-decoration: none; cursor: pointer; }
button.secondary { background: #fff; color: #005ea2; box-shadow: inset 0 0 0 2px #005ea2; }
.allowed { color: #00692c; font-weight: 700; }
.denied { color: #b50909; font-weight: 700; }
code { font-size: 0.95em; }
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} | SPOT demo</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/style.css"></head>
<body>
<header><p>SPOT demo <span>— an application that signs in through Rolecall</span></p></header>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

const signInLink = '<p><a class="button" href="/sign-in">Sign in with Rolecall</a></p>';

/** Nobody signed in: the way in, and after a sign-out, that it happened. */
export function notSignedInPage(options: { signedOut: boolean }): string {
  const said = options.signedOut
    ? '<p>You signed out of SPOT and of Rolecall.</p>'
    : '<p>SPOT keeps no passwords: Rolecall signs you in, with your user ID, password and MFA device, and tells SPOT your roles.</p>';
  return page(options.signedOut ? 'You signed out' : 'Welcome to SPOT', `${said}\n${signInLink}`);
}

/** Rolecall did not sign the person in, and said why. */
export function refusedPage(reason: string): string {
  return page('You are not signed in', `<p>Rolecall said: ${escapeHtml(reason)}</p>\n${signInLink}`);
}

/** The signed-in person: their roles, the organization they act for, and what Rolecall says they may do there. */
export function homePage(person: SignedInPerson, access: { decision: boolean; reason: string } | null): string {
  const organizations = [
    ...new Map(
      person.holdings.flatMap((holding) => (holding.organization ? [[holding.organization.id, holding.organization]] : [])),
    ).values(),
  ];
  const current = organizations.find((organization) => organization.id === person.organizationId);
  const rows = person.holdings
    .map(
      (holding) =>
        `<tr><td>${escapeHtml(ROLE_NAMES[holding.role] ?? holding.role)}</td>` +
        `<td>${escapeHtml(holding.organization?.name ?? 'All of SPOT')}</td>` +
        `<td>${escapeHtml(holding.organization?.submitterId ?? '')}</td></tr>`,
    )
    .join('\n');
  const switcher =
    organizations.length > 1
      ? `<form method="post" action="/organization">
<label for="organization">Switch organization</label>
<select id="organization" name="organization">
${organizations
  .map(
    (organization) =>
      `<option value="${escapeHtml(organization.id)}"${organization.id === person.organizationId ? ' selected' : ''}>` +
      `${escapeHtml(organization.name)} (${escapeHtml(organization.submitterId)})</option>`,
  )
  .join('\n')}
</select>
<button type="submit">Switch</button>
</form>`
      : '';
  const acting = current
    ? `<section aria-labelledby="acting">
<h2 id="acting">Acting for ${escapeHtml(current.name)}</h2>
<p>Submitter ID ${escapeHtml(current.submitterId)}.</p>
${accessText(current.name, access)}
${switcher}
</section>`
    : '';
  return page(
    `Welcome, ${person.name}`,
    `<p>Signed in through Rolecall as <strong>${escapeHtml(person.userId)}</strong>.</p>
${acting}
<section aria-labelledby="roles">
<h2 id="roles">Your SPOT roles</h2>
<p>As Rolecall told SPOT when you signed in.</p>
<table>
<thead><tr><th scope="col">Role</th><th scope="col">Organization</th><th scope="col">Submitter ID</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>
<form method="post" action="/sign-out"><button type="submit" class="secondary">Sign out</button></form>`,
  );
}

function accessText(organization: string, access: { decision: boolean; reason: string } | null): string {
  if (!access) return '';
  const answer = access.decision
    ? `<span class="allowed">Yes</span>: you may use SPOT for ${escapeHtml(organization)}`
    : `<span class="denied">No</span>: you may not use SPOT for ${escapeHtml(organization)}`;
  return `<p>Rolecall’s access evaluation API, asked just now: ${answer} (<code>${escapeHtml(access.reason)}</code>).</p>`;
}

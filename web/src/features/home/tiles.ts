import type { Session } from '../session/session-api';

type TileName =
  | 'roles'
  | 'certifications'
  | 'approvals'
  | 'myOrganization'
  | 'organizationForms'
  | 'helpDesk'
  | 'clients'
  | 'webhooks'
  | 'audit'
  | 'admin'
  | 'profile'
  | 'mfa';

/** A tile on the signed-in home page; `visible` says who may use what it leads to. */
export interface Tile {
  id: TileName;
  titleKey: `tiles.${TileName}.title`;
  descriptionKey: `tiles.${TileName}.description`;
  to: string;
  visible: (session: Session) => boolean;
}

const everyone = () => true;

// The server says what the person's roles let them do (session.capabilities); the pages behind
// these tiles still ask the server for everything, so a stale tile leads to an empty page at worst.
const decidesRequests = (session: Session) => session.capabilities?.approvesRequests === true;
// Certifiers are the same people: approvers and backup approvers certify their organizations' end
// users, the help desk certifies approvers (and an orphaned organization's end users).
const certifies = decidesRequests;
const approvesForOrganizations = (session: Session) => session.capabilities?.approverOfOrganizations === true;
const helpDesk = (session: Session) => session.capabilities?.helpDesk === true;
const administrator = (session: Session) => session.user.isAdministrator;

// Audit, Administration and the rest join this list, each with the rule for who sees it.
export const tiles: readonly Tile[] = [
  {
    id: 'roles',
    titleKey: 'tiles.roles.title',
    descriptionKey: 'tiles.roles.description',
    to: '/roles',
    visible: everyone,
  },
  {
    id: 'certifications',
    titleKey: 'tiles.certifications.title',
    descriptionKey: 'tiles.certifications.description',
    to: '/certifications',
    visible: certifies,
  },
  {
    id: 'approvals',
    titleKey: 'tiles.approvals.title',
    descriptionKey: 'tiles.approvals.description',
    to: '/approvals',
    visible: decidesRequests,
  },
  {
    id: 'myOrganization',
    titleKey: 'tiles.myOrganization.title',
    descriptionKey: 'tiles.myOrganization.description',
    to: '/my-organization',
    // Approvers and backup approvers manage their organizations' end users; the help desk does not.
    visible: approvesForOrganizations,
  },
  {
    id: 'organizationForms',
    titleKey: 'tiles.organizationForms.title',
    descriptionKey: 'tiles.organizationForms.description',
    to: '/organization-forms',
    visible: everyone,
  },
  {
    id: 'helpDesk',
    titleKey: 'tiles.helpDesk.title',
    descriptionKey: 'tiles.helpDesk.description',
    to: '/help-desk',
    visible: helpDesk,
  },
  {
    id: 'clients',
    titleKey: 'tiles.clients.title',
    descriptionKey: 'tiles.clients.description',
    to: '/admin/clients',
    visible: administrator,
  },
  {
    id: 'webhooks',
    titleKey: 'tiles.webhooks.title',
    descriptionKey: 'tiles.webhooks.description',
    to: '/admin/webhooks',
    visible: administrator,
  },
  {
    id: 'audit',
    titleKey: 'tiles.audit.title',
    descriptionKey: 'tiles.audit.description',
    to: '/audit',
    // Administrators read every entry, the help desk its applications' entries.
    visible: (session) => administrator(session) || helpDesk(session),
  },
  {
    id: 'admin',
    titleKey: 'tiles.admin.title',
    descriptionKey: 'tiles.admin.description',
    to: '/admin',
    visible: administrator,
  },
  {
    id: 'profile',
    titleKey: 'tiles.profile.title',
    descriptionKey: 'tiles.profile.description',
    to: '/profile',
    visible: everyone,
  },
  { id: 'mfa', titleKey: 'tiles.mfa.title', descriptionKey: 'tiles.mfa.description', to: '/profile/mfa', visible: everyone },
];

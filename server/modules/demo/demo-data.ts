import type { Address, Contact, PersonOnFile } from '../organizations/organizations.service.js';

/*
 * The demo: a few SPOT organizations and one account per persona of PRODUCT.md, so someone
 * trying Rolecall can sign in as each of them at once. Every name is invented; every address is
 * on example.test, a domain reserved for testing, so no email can reach a real person.
 */

/**
 * The one password of every demo account: known on purpose, so it is printed and documented.
 * It passes the password rules (length, classes, no user ID or name in it, not a common one).
 */
export const DEMO_PASSWORD = 'Try-Rolecall-Demo-2026';

/**
 * The one authenticator-app secret (base32, 20 bytes) of every demo account: one entry in an
 * authenticator app then signs in as any of them. A code is refused twice for one account only,
 * so signing in as two demo users within 30 seconds is fine.
 */
export const DEMO_TOTP_SECRET = 'ROLECALLDEMOKEYFORTRYINGITOUT234';

/**
 * The clients of examples/spot-demo, a small SPOT of its own that signs the demo accounts in
 * through Rolecall: one that signs people in, one its back end asks the access evaluation API
 * with. Their secrets are published like the password, and their addresses are on the loopback
 * address, where the example runs.
 */
export const DEMO_CLIENTS = [
  {
    clientId: 'spot-demo',
    clientSecret: 'Try-Rolecall-Demo-Client-2026',
    name: 'SPOT demo',
    kind: 'web',
    redirectUris: ['http://localhost:4000/callback'],
    postLogoutRedirectUris: ['http://localhost:4000/signed-out'],
  },
  {
    clientId: 'spot-demo-service',
    clientSecret: 'Try-Rolecall-Demo-Service-2026',
    name: 'SPOT demo back end',
    kind: 'service',
    redirectUris: [],
    postLogoutRedirectUris: [],
  },
] as const;

/** The label of the demo's factor on each account's "Manage MFA and recovery devices" page. */
export const DEMO_FACTOR_LABEL = 'Authenticator app (demo)';

export type DemoOrganizationKey = 'sunrise' | 'bayview' | 'coral' | 'palmetto';

export interface DemoOrganization {
  key: DemoOrganizationKey;
  /** Fixed and outside the S000000 series the help desk issues, so a reload finds them. */
  submitterId: string;
  legalName: string;
  /** Invented; stored encrypted like any TIN, and never printed. */
  tin: string;
  groupNpi: string;
  ptan: string;
  lineOfBusiness: 'part_a' | 'part_b' | 'part_a_and_b';
  location: 'FL' | 'PR' | 'USVI';
  address: Address;
  phone: string;
  fax: string | null;
  contact: Contact;
  approverOnFile: PersonOnFile;
  backupApproversOnFile: PersonOnFile[];
  /** No active approver or backup approver: flagged for the help desk from the start. */
  orphan: boolean;
}

export type DemoRoleCode = 'end_user' | 'approver' | 'backup_approver' | 'help_desk';

export interface DemoUser {
  userId: string;
  firstName: string;
  lastName: string;
  email: string;
  /** The persona as PRODUCT.md names it. */
  persona: string;
  isAdministrator: boolean;
  roles: { role: DemoRoleCode; organization?: DemoOrganizationKey }[];
  /** What signing in as this user shows, in a sentence or two. */
  canDo: string;
}

const approver = { firstName: 'Olivia', lastName: 'Quintero', email: 'olivia.quintero@example.test' };
const backupApprover = { firstName: 'Marcus', lastName: 'Bell', email: 'marcus.bell@example.test' };
const coralApprover = { firstName: 'Ines', lastName: 'Christensen', email: 'ines.christensen@example.test' };
const sunriseSecondBackup = { firstName: 'Linh', lastName: 'Tran', email: 'linh.tran@example.test' };

export const DEMO_ORGANIZATIONS: readonly DemoOrganization[] = [
  {
    key: 'sunrise',
    submitterId: 'DEMO01',
    legalName: 'Sunrise Dermatology P.A.',
    tin: '59-7000101',
    groupNpi: '1047291533',
    ptan: 'FLD0101',
    lineOfBusiness: 'part_b',
    location: 'FL',
    address: { line1: '2400 Sunrise Boulevard', line2: 'Suite 310', city: 'Fort Lauderdale', state: 'FL', zip: '33304' },
    phone: '954-555-0140',
    fax: '954-555-0141',
    contact: { name: 'Olivia Quintero', email: approver.email, phone: '954-555-0142' },
    approverOnFile: approver,
    backupApproversOnFile: [backupApprover, sunriseSecondBackup],
    orphan: false,
  },
  {
    key: 'bayview',
    submitterId: 'DEMO02',
    legalName: 'Bayview Family Clinic',
    tin: '66-7000202',
    groupNpi: '1200031544',
    ptan: 'PRD0202',
    lineOfBusiness: 'part_a_and_b',
    location: 'PR',
    address: { line1: '155 Calle del Mar', city: 'San Juan', state: 'PR', zip: '00901' },
    phone: '787-555-0120',
    fax: null,
    contact: { name: 'Olivia Quintero', email: approver.email, phone: '787-555-0121' },
    approverOnFile: approver,
    backupApproversOnFile: [],
    orphan: false,
  },
  {
    key: 'coral',
    submitterId: 'DEMO03',
    legalName: 'Coral Reef Pediatrics',
    tin: '98-7000303',
    groupNpi: '1300071622',
    ptan: 'VID0303',
    lineOfBusiness: 'part_b',
    location: 'USVI',
    address: { line1: '12 Dronningens Gade', city: 'Charlotte Amalie', state: 'VI', zip: '00802' },
    phone: '340-555-0130',
    fax: null,
    contact: { name: 'Ines Christensen', email: coralApprover.email, phone: '340-555-0131' },
    approverOnFile: coralApprover,
    backupApproversOnFile: [],
    orphan: false,
  },
  {
    key: 'palmetto',
    submitterId: 'DEMO04',
    legalName: 'Palmetto Wound Care LLC',
    tin: '59-7000404',
    groupNpi: '1400012369',
    ptan: 'FLD0404',
    lineOfBusiness: 'part_a',
    location: 'FL',
    address: { line1: '880 Palmetto Park Road', city: 'Boca Raton', state: 'FL', zip: '33432' },
    phone: '561-555-0150',
    fax: null,
    contact: { name: 'Gale Marsh', email: 'gale.marsh@example.test', phone: '561-555-0151' },
    // The approver on file left and nobody took over: the organization is an orphan.
    approverOnFile: { firstName: 'Gale', lastName: 'Marsh', email: 'gale.marsh@example.test' },
    backupApproversOnFile: [],
    orphan: true,
  },
];

export const DEMO_USERS: readonly DemoUser[] = [
  {
    userId: 'demo.admin',
    firstName: 'Ada',
    lastName: 'Lindqvist',
    email: 'ada.lindqvist@example.test',
    persona: 'Administrator',
    isAdministrator: true,
    roles: [],
    canDo:
      'Reads the mail viewer (/dev/outbox) and the API description (/docs); changes the role catalog and publishes ' +
      'acknowledgement texts through the API. Administration pages (catalog, terms, help desk staff, settings, ' +
      'audit search) are planned.',
  },
  {
    userId: 'demo.helpdesk',
    firstName: 'Hector',
    lastName: 'Ruiz',
    email: 'hector.ruiz@example.test',
    persona: 'SPOT help desk',
    isAdministrator: false,
    roles: [{ role: 'help_desk' }],
    canDo:
      'Approves approver and backup approver requests, reviews new-organization forms and update requests, ' +
      'certifies approvers against the records on file and runs the certification dry run. Requests for the orphan ' +
      'Palmetto Wound Care LLC come here until it has an approver. Unlocking accounts, resetting MFA and resending ' +
      'verification from a help desk console are planned.',
  },
  {
    userId: 'demo.approver',
    firstName: approver.firstName,
    lastName: approver.lastName,
    email: approver.email,
    persona: 'Approver (OA)',
    isAdministrator: false,
    roles: [
      { role: 'approver', organization: 'sunrise' },
      { role: 'approver', organization: 'bayview' },
    ],
    canDo:
      'Approver of Sunrise Dermatology P.A. and of Bayview Family Clinic: approves their end users’ role requests, ' +
      'certifies and removes their end users, submits their update requests; has end-user access.',
  },
  {
    userId: 'demo.backup',
    firstName: backupApprover.firstName,
    lastName: backupApprover.lastName,
    email: backupApprover.email,
    persona: 'Backup approver (OBA)',
    isAdministrator: false,
    roles: [{ role: 'backup_approver', organization: 'sunrise' }],
    canDo: 'Backup approver of Sunrise Dermatology P.A.: the same powers as its approver over its end users.',
  },
  {
    userId: 'demo.enduser',
    firstName: 'Priya',
    lastName: 'Natarajan',
    email: 'priya.natarajan@example.test',
    persona: 'End user (EU)',
    isAdministrator: false,
    roles: [{ role: 'end_user', organization: 'sunrise' }],
    canDo:
      'SPOT End User of Sunrise Dermatology P.A.: sees and removes own roles in Manage My Roles, ' +
      'and can request a role in another organization.',
  },
  {
    userId: 'demo.newuser',
    firstName: 'Tomas',
    lastName: 'Okafor',
    email: 'tomas.okafor@example.test',
    persona: 'User with no roles yet',
    isAdministrator: false,
    roles: [],
    canDo:
      'Requests a role: Manage My Roles → SPOT → SPOT End User → search “Sunrise” or “Coral” → Review Request → ' +
      'Submit Role Request. The organization’s approver (demo.approver, or demo.coral for Coral Reef) decides it.',
  },
  {
    userId: 'demo.coral',
    firstName: coralApprover.firstName,
    lastName: coralApprover.lastName,
    email: coralApprover.email,
    persona: 'Approver (OA) of another organization',
    isAdministrator: false,
    roles: [{ role: 'approver', organization: 'coral' }],
    canDo: 'Approver of Coral Reef Pediatrics (USVI): decides the requests for that organization only.',
  },
];

/**
 * Someone whose role was established long enough ago to be due for annual certification when the
 * demo is loaded. Only how long ago is given: the due date follows from the role's certification
 * period, as for any grant (SPOT: one year, so a role established 335 days ago is due in 30).
 */
export interface DemoCertificationHolder {
  userId: string;
  firstName: string;
  lastName: string;
  email: string;
  role: DemoRoleCode;
  organization: DemoOrganizationKey;
  /** Calendar days before the load on which the role was established, at noon in the time zone. */
  establishedDaysAgo: number;
  /** Certified by demo.approver this many days before the load, at noon, as a past decision. */
  certifiedDaysAgo?: number;
}

/** Who certifies the past decisions of the demo: the approver of Sunrise Dermatology P.A. */
export const DEMO_PAST_CERTIFIER = 'demo.approver';

/**
 * Roles due for certification, as of the day the demo is loaded: Sunrise's end users for its
 * approver and backup approver, spread over the 60-day list window and its 30, 14 and 7-day
 * reminders, two already overdue (the sweep removes them at its next run) and two certified
 * last month; a backup approver and an end user of the orphan Palmetto for the help desk.
 */
export const DEMO_CERTIFICATION_HOLDERS: readonly DemoCertificationHolder[] = [
  holder('demo.foster', 'Nathan', 'Foster', 'end_user', 'sunrise', { establishedDaysAgo: 371 }),
  holder('demo.reyes', 'Camila', 'Reyes', 'end_user', 'sunrise', { establishedDaysAgo: 367 }),
  holder('demo.huang', 'Mei', 'Huang', 'end_user', 'sunrise', { establishedDaysAgo: 363 }),
  holder('demo.okonkwo', 'Chidi', 'Okonkwo', 'end_user', 'sunrise', { establishedDaysAgo: 359 }),
  holder('demo.larsen', 'Freya', 'Larsen', 'end_user', 'sunrise', { establishedDaysAgo: 354 }),
  holder('demo.moreau', 'Julien', 'Moreau', 'end_user', 'sunrise', { establishedDaysAgo: 342 }),
  holder('demo.silva', 'Beatriz', 'Silva', 'end_user', 'sunrise', { establishedDaysAgo: 335 }),
  holder('demo.novak', 'Petra', 'Novak', 'end_user', 'sunrise', { establishedDaysAgo: 318 }),
  holder('demo.haddad', 'Samir', 'Haddad', 'end_user', 'sunrise', { establishedDaysAgo: 380, certifiedDaysAgo: 30 }),
  holder('demo.kowalski', 'Anna', 'Kowalski', 'end_user', 'sunrise', { establishedDaysAgo: 390, certifiedDaysAgo: 30 }),
  holder('demo.tran', sunriseSecondBackup.firstName, sunriseSecondBackup.lastName, 'backup_approver', 'sunrise', {
    establishedDaysAgo: 351,
  }),
  holder('demo.pruitt', 'Dana', 'Pruitt', 'end_user', 'palmetto', { establishedDaysAgo: 356 }),
];

function holder(
  userId: string,
  firstName: string,
  lastName: string,
  role: DemoRoleCode,
  organization: DemoOrganizationKey,
  when: { establishedDaysAgo: number; certifiedDaysAgo?: number },
): DemoCertificationHolder {
  const email = `${firstName}.${lastName}@example.test`.toLowerCase();
  return { userId, firstName, lastName, email, role, organization, ...when };
}

import type { Migration } from 'kysely';
import * as foundation from './20261123T120000-foundation.js';
import * as accountCodes from './20261124T090000-account-codes.js';
import * as organizationSearch from './20261124T100000-organization-search.js';
import * as organizationForms from './20261124T110000-organization-forms.js';
import * as certification from './20261125T100000-certification.js';
import * as deviceNames from './20261130T090000-device-names.js';
import * as spanishTexts from './20261130T100000-spanish-texts.js';
import * as approverLookupIndex from './20261201T090000-approver-lookup-index.js';
import * as organizationWords from './20261202T090000-organization-words.js';
import * as oidcSigningKeys from './20261203T090000-oidc-signing-keys.js';
import * as sessionMfa from './20261203T100000-session-mfa.js';
import * as applicationSignIns from './20261204T090000-application-sign-ins.js';
import * as webhooks from './20261204T100000-webhooks.js';
import * as auditScope from './20261205T090000-audit-scope.js';
import * as helpDeskLookups from './20261206T090000-help-desk-lookups.js';
import * as programReport from './20261207T090000-program-report.js';
import * as recoveryRequests from './20261208T090000-recovery-requests.js';
import * as auditCheckpoints from './20261208T100000-audit-checkpoints.js';
import * as oidcSessionGrants from './20261209T090000-oidc-session-grants.js';

/**
 * Every migration, by name, in the order they apply. Listed explicitly (not read from the
 * directory) so the same code runs from TypeScript sources and from the compiled build.
 */
export const migrations: Record<string, Migration> = {
  '20261123T120000-foundation': foundation,
  '20261124T090000-account-codes': accountCodes,
  '20261124T100000-organization-search': organizationSearch,
  '20261124T110000-organization-forms': organizationForms,
  '20261125T100000-certification': certification,
  '20261130T090000-device-names': deviceNames,
  '20261130T100000-spanish-texts': spanishTexts,
  '20261201T090000-approver-lookup-index': approverLookupIndex,
  '20261202T090000-organization-words': organizationWords,
  '20261203T090000-oidc-signing-keys': oidcSigningKeys,
  '20261203T100000-session-mfa': sessionMfa,
  '20261204T090000-application-sign-ins': applicationSignIns,
  '20261204T100000-webhooks': webhooks,
  '20261205T090000-audit-scope': auditScope,
  '20261206T090000-help-desk-lookups': helpDeskLookups,
  '20261207T090000-program-report': programReport,
  '20261208T090000-recovery-requests': recoveryRequests,
  '20261208T100000-audit-checkpoints': auditCheckpoints,
  '20261209T090000-oidc-session-grants': oidcSessionGrants,
};

import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/*
 * The database as Kysely sees it. Columns follow the migrations: timestamps are ISO-8601 UTC
 * text, booleans are 0/1 integers, *_json columns hold JSON text. Repositories map rows to domain
 * types; nothing outside a repository should depend on these shapes.
 */
type Timestamp = string;
type Flag = Generated<number>;

export interface UsersTable {
  id: string;
  user_id: string;
  user_id_normalized: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  email: string;
  email_normalized: string;
  email_verified_at: Timestamp | null;
  phone: string | null;
  language: Generated<string>;
  password_hash: string | null;
  password_changed_at: Timestamp | null;
  status: string;
  disabled_reason: string | null;
  is_administrator: Flag;
  failed_sign_ins: Generated<number>;
  locked_until: Timestamp | null;
  last_sign_in_at: Timestamp | null;
  is_demo: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PasswordHistoryTable {
  id: string;
  user_id: string;
  password_hash: string;
  created_at: Timestamp;
}

export interface MfaFactorsTable {
  id: string;
  user_id: string;
  kind: string;
  label: string;
  secret_encrypted: string | null;
  last_used_step: number | null;
  webauthn_credential_id: string | null;
  webauthn_public_key: string | null;
  webauthn_sign_count: number | null;
  webauthn_transports: string | null;
  phone: string | null;
  confirmed_at: Timestamp | null;
  last_used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface OneTimeCodesTable {
  id: string;
  user_id: string;
  purpose: string;
  code_hash: string;
  attempts: Generated<number>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
  payload_json: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  stage: string;
  csrf_token_hash: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  idle_expires_at: Timestamp;
  absolute_expires_at: Timestamp;
  ended_at: Timestamp | null;
  end_reason: string | null;
  mfa_method: string | null;
  mfa_verified_at: Timestamp | null;
}

export interface TermsVersionsTable {
  id: string;
  version: number;
  title: string;
  title_es: Generated<string>;
  body_en: string;
  body_es: string;
  published_at: Timestamp;
  published_by: string | null;
}

export interface TermsAcceptancesTable {
  id: string;
  user_id: string;
  terms_version_id: string;
  accepted_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApplicationsTable {
  id: string;
  code: string;
  name: string;
  description: Generated<string>;
  name_es: Generated<string>;
  description_es: Generated<string>;
  help_desk_email: string | null;
  status: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RolesTable {
  id: string;
  application_id: string;
  code: string;
  name: string;
  description: Generated<string>;
  name_es: Generated<string>;
  description_es: Generated<string>;
  scope: string;
  approved_by: string;
  certified_by: string;
  kind: string;
  max_active_per_org: number | null;
  request_expiry_days: Generated<number>;
  certification_period_days: Generated<number>;
  includes_role_id: string | null;
  requestable: Flag;
  sort_order: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One row per distinct word of an organization's search name: the type-ahead's index. */
export interface OrganizationWordsTable {
  application_id: string;
  word: string;
  search_name: string;
  organization_id: string;
}

export interface OrganizationsTable {
  id: string;
  application_id: string;
  submitter_id: string;
  legal_name: string;
  search_name: string;
  tin_encrypted: string;
  tin_last_digits: string;
  group_npi: string | null;
  ptan: string | null;
  line_of_business: string | null;
  location: string | null;
  address_json: string;
  phone: string | null;
  fax: string | null;
  contact_json: string;
  approver_on_file_json: string;
  backup_approvers_on_file_json: Generated<string>;
  status: string;
  orphaned_since: Timestamp | null;
  is_demo: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrganizationFormsTable {
  id: string;
  tracking_number: string;
  application_id: string;
  kind: string;
  organization_id: string | null;
  submitted_by: string;
  status: string;
  data_json: string;
  tin_encrypted: string | null;
  tin_last_digits: string | null;
  signature_name: string;
  signed_at: Timestamp;
  review_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  issued_submitter_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoleAssignmentsTable {
  id: string;
  user_id: string;
  application_id: string;
  role_id: string;
  organization_id: string;
  status: string;
  established_at: Timestamp;
  last_certified_at: Timestamp | null;
  certification_due_at: Timestamp | null;
  request_id: string | null;
  removed_at: Timestamp | null;
  removed_by: string | null;
  removal_kind: string | null;
  removal_reason: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApplicationSignInsTable {
  user_id: string;
  application_id: string;
  last_signed_in_at: Timestamp;
}

export interface WebhookMessagesTable {
  id: string;
  subscription_id: string;
  event_type: string;
  body: string;
  status: string;
  attempts: Generated<number>;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
}

export interface WebhookAttemptsTable {
  id: string;
  message_id: string;
  attempted_at: Timestamp;
  response_status: number | null;
  error: string | null;
  duration_ms: number;
}

export interface RoleRequestsTable {
  id: string;
  tracking_number: string;
  requester_id: string;
  application_id: string;
  role_id: string;
  organization_id: string;
  reason: string;
  status: string;
  routed_to: string;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_comment: string | null;
  expires_at: Timestamp;
  language: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoleRequestRemindersTable {
  request_id: string;
  days: number;
  sent_at: Timestamp;
}

export interface AcknowledgementVersionsTable {
  id: string;
  version: number;
  text_en: string;
  text_es: string;
  published_at: Timestamp;
}

export interface CertificationDecisionsTable {
  id: string;
  assignment_id: string;
  application_id: string;
  organization_id: string;
  role_id: string;
  holder_id: string;
  certifier_id: string | null;
  outcome: string;
  acknowledgement_version: number | null;
  due_at: Timestamp;
  next_due_at: Timestamp | null;
  decided_at: Timestamp;
}

export interface CertificationRemindersTable {
  assignment_id: string;
  due_at: Timestamp;
  days: number;
  sent_at: Timestamp;
}

export interface OutboxTable {
  id: string;
  channel: string;
  recipient: string;
  template: string;
  language: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  payload_json: string | null;
  idempotency_key: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  occurred_at: Timestamp;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  /** The application the entry is about, when it is about one (the audit search's scope). */
  application_id: string | null;
  /** The organization the entry is about, when it is about one. */
  organization_id: string | null;
  prev_hash: string;
  hash: string;
}

/** The audit chain's head as it was at an instant, signed with the chain's key. */
export interface AuditCheckpointsTable {
  seq: number;
  hash: string;
  created_at: Timestamp;
  signature: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface SettingsTable {
  key: string;
  value_json: string;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface JobRunsTable {
  name: string;
  last_started_at: Timestamp | null;
  last_finished_at: Timestamp | null;
  last_status: string | null;
  last_error: string | null;
  runs: Generated<number>;
}

export interface OidcClientsTable {
  id: string;
  client_id: string;
  application_id: string;
  metadata_json: string;
  secret_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OidcPayloadsTable {
  id: string;
  type: string;
  payload_json: string;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  expires_at: Timestamp | null;
  consumed_at: Timestamp | null;
}

export interface OidcSessionGrantsTable {
  session_id: string;
  grant_id: string;
  created_at: Timestamp;
}

export interface OidcSigningKeysTable {
  kid: string;
  algorithm: string;
  private_jwk_encrypted: string;
  created_at: Timestamp;
  signs_from: Timestamp;
  retired_at: Timestamp | null;
}

export interface ScimTokensTable {
  id: string;
  application_id: string;
  token_hash: string;
  label: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface WebhookSubscriptionsTable {
  id: string;
  application_id: string;
  url: string;
  secret_encrypted: string;
  events_json: string;
  active: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A "forgot password" or "forgot user ID" request, answered and waiting to be carried out. */
export interface RecoveryRequestsTable {
  id: string;
  /** password: subject is the user ID asked about; user_id: subject is the email address. */
  kind: 'password' | 'user_id';
  subject: string;
  actor_json: string;
  created_at: string;
}

export interface DB {
  users: UsersTable;
  password_history: PasswordHistoryTable;
  mfa_factors: MfaFactorsTable;
  recovery_codes: RecoveryCodesTable;
  one_time_codes: OneTimeCodesTable;
  sessions: SessionsTable;
  terms_versions: TermsVersionsTable;
  terms_acceptances: TermsAcceptancesTable;
  applications: ApplicationsTable;
  roles: RolesTable;
  organizations: OrganizationsTable;
  organization_words: OrganizationWordsTable;
  organization_forms: OrganizationFormsTable;
  role_assignments: RoleAssignmentsTable;
  role_requests: RoleRequestsTable;
  role_request_reminders: RoleRequestRemindersTable;
  acknowledgement_versions: AcknowledgementVersionsTable;
  certification_decisions: CertificationDecisionsTable;
  certification_reminders: CertificationRemindersTable;
  outbox: OutboxTable;
  recovery_requests: RecoveryRequestsTable;
  audit_log: AuditLogTable;
  audit_checkpoints: AuditCheckpointsTable;
  counters: CountersTable;
  settings: SettingsTable;
  job_runs: JobRunsTable;
  oidc_clients: OidcClientsTable;
  oidc_payloads: OidcPayloadsTable;
  oidc_session_grants: OidcSessionGrantsTable;
  oidc_signing_keys: OidcSigningKeysTable;
  application_sign_ins: ApplicationSignInsTable;
  webhook_messages: WebhookMessagesTable;
  webhook_attempts: WebhookAttemptsTable;
  scim_tokens: ScimTokensTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
}

export type OutboxRow = Selectable<OutboxTable>;
export type NewOutboxRow = Insertable<OutboxTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type UserRow = Selectable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;

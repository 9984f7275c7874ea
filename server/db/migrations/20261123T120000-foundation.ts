import { sql, type Kysely } from 'kysely';

/*
 * The domain schema of Rolecall. Written in the portable subset both databases share:
 * identifiers are UUID text, timestamps ISO-8601 UTC text, booleans integers 0/1, JSON text.
 * This file is frozen once released: later changes go in new migrations.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema state
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await createAccounts(db);
  await createCatalog(db);
  await createOrganizations(db);
  await createRoles(db);
  await createPlatform(db);
}

export async function down(db: Db): Promise<void> {
  for (const table of [
    'webhook_subscriptions',
    'scim_tokens',
    'oidc_payloads',
    'oidc_clients',
    'job_runs',
    'settings',
    'counters',
    'audit_log',
    'outbox',
    'certification_reminders',
    'certification_decisions',
    'acknowledgement_versions',
    'role_request_reminders',
    'role_requests',
    'role_assignments',
    'organization_forms',
    'organizations',
    'roles',
    'applications',
    'terms_acceptances',
    'terms_versions',
    'sessions',
    'one_time_codes',
    'recovery_codes',
    'mfa_factors',
    'password_history',
    'users',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

async function createAccounts(db: Db): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    // Lower-cased user ID: user IDs are unique regardless of case.
    .addColumn('user_id_normalized', 'text', (c) => c.notNull().unique())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('middle_name', 'text')
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_normalized', 'text', (c) => c.notNull())
    .addColumn('email_verified_at', 'text')
    .addColumn('phone', 'text')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('password_hash', 'text')
    .addColumn('password_changed_at', 'text')
    // pending_verification | active | disabled
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('disabled_reason', 'text')
    .addColumn('is_administrator', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('last_sign_in_at', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_email_idx').on('users').column('email_normalized').execute();
  // The dormant-account sweep looks for active users by last sign-in.
  await db.schema.createIndex('users_status_last_sign_in_idx').on('users').columns(['status', 'last_sign_in_at']).execute();

  await db.schema
    .createTable('password_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('password_history_user_idx').on('password_history').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('mfa_factors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // totp | webauthn | email | sms | voice
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    // TOTP secret, encrypted with ROLECALL_SECRET_KEY.
    .addColumn('secret_encrypted', 'text')
    // The last TOTP time step accepted: a code is never accepted twice.
    .addColumn('last_used_step', 'bigint')
    .addColumn('webauthn_credential_id', 'text', (c) => c.unique())
    .addColumn('webauthn_public_key', 'text')
    .addColumn('webauthn_sign_count', 'bigint')
    .addColumn('webauthn_transports', 'text')
    .addColumn('phone', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('last_used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mfa_factors_user_idx').on('mfa_factors').column('user_id').execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recovery_codes_user_idx').on('recovery_codes').column('user_id').execute();

  // Email verification links, password-reset links, emailed sign-in codes, admin set-up links.
  await db.schema
    .createTable('one_time_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('one_time_codes_hash_idx').on('one_time_codes').column('code_hash').execute();
  await db.schema.createIndex('one_time_codes_user_idx').on('one_time_codes').columns(['user_id', 'purpose']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // SHA-256 of the cookie token: a stolen database does not yield live sessions.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // password | mfa | active: how far through sign-in this session is.
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('csrf_token_hash', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('idle_expires_at', 'text', (c) => c.notNull())
    .addColumn('absolute_expires_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('end_reason', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').columns(['user_id', 'ended_at']).execute();

  await db.schema
    .createTable('terms_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('body_es', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .execute();

  await db.schema
    .createTable('terms_acceptances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('terms_version_id', 'text', (c) => c.notNull().references('terms_versions.id'))
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema
    .createIndex('terms_acceptances_user_version_idx')
    .on('terms_acceptances')
    .columns(['user_id', 'terms_version_id'])
    .execute();
}

async function createCatalog(db: Db): Promise<void> {
  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('help_desk_email', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // organization | application
    .addColumn('scope', 'text', (c) => c.notNull())
    // Who decides requests for this role: org_approvers | help_desk | administrator
    .addColumn('approved_by', 'text', (c) => c.notNull())
    // Who certifies holders of this role: org_approvers | help_desk | none
    .addColumn('certified_by', 'text', (c) => c.notNull())
    // The organization's approvers (OA) and backup approvers (OBA) are marked by this kind:
    // end_user | approver | backup_approver | help_desk | other
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('max_active_per_org', 'integer')
    .addColumn('request_expiry_days', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('certification_period_days', 'integer', (c) => c.notNull().defaultTo(365))
    .addColumn('includes_role_id', 'text', (c) => c.references('roles.id'))
    .addColumn('requestable', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('roles_application_code_unique', ['application_id', 'code'])
    .execute();
}

async function createOrganizations(db: Db): Promise<void> {
  await db.schema
    .createTable('organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('submitter_id', 'text', (c) => c.notNull())
    .addColumn('legal_name', 'text', (c) => c.notNull())
    // Lower-cased, accent-free name for search.
    .addColumn('search_name', 'text', (c) => c.notNull())
    // TIN encrypted at rest; only the last digits are ever shown.
    .addColumn('tin_encrypted', 'text', (c) => c.notNull())
    .addColumn('tin_last_digits', 'text', (c) => c.notNull())
    .addColumn('group_npi', 'text')
    .addColumn('ptan', 'text')
    .addColumn('line_of_business', 'text')
    .addColumn('location', 'text')
    .addColumn('address_json', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('fax', 'text')
    .addColumn('contact_json', 'text', (c) => c.notNull())
    // The records on file: the approver and backup approvers named on the latest approved
    // form or update request, which the help desk certifies against.
    .addColumn('approver_on_file_json', 'text', (c) => c.notNull())
    .addColumn('backup_approvers_on_file_json', 'text', (c) => c.notNull().defaultTo('[]'))
    // active | inactive
    .addColumn('status', 'text', (c) => c.notNull())
    // Set while the organization has no active approver or backup approver.
    .addColumn('orphaned_since', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('organizations_application_submitter_unique', ['application_id', 'submitter_id'])
    .execute();
  await db.schema
    .createIndex('organizations_search_name_idx')
    .on('organizations')
    .columns(['application_id', 'status', 'search_name'])
    .execute();

  // New-organization forms and update requests: one table, told apart by kind.
  await db.schema
    .createTable('organization_forms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tracking_number', 'text', (c) => c.notNull().unique())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    // new_organization | update
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('submitted_by', 'text', (c) => c.notNull().references('users.id'))
    // submitted | returned | approved | rejected | withdrawn
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('tin_encrypted', 'text')
    .addColumn('tin_last_digits', 'text')
    .addColumn('signature_name', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('review_reason', 'text')
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('issued_submitter_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('organization_forms_queue_idx')
    .on('organization_forms')
    .columns(['application_id', 'status', 'id'])
    .execute();
  await db.schema
    .createIndex('organization_forms_submitter_idx')
    .on('organization_forms')
    .columns(['submitted_by', 'id'])
    .execute();
}

async function createRoles(db: Db): Promise<void> {
  await db.schema
    .createTable('role_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id'))
    // Empty string for application-wide roles, so uniqueness works alike in both databases.
    .addColumn('organization_id', 'text', (c) => c.notNull())
    // active | removed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('established_at', 'text', (c) => c.notNull())
    .addColumn('last_certified_at', 'text')
    .addColumn('certification_due_at', 'text')
    .addColumn('request_id', 'text')
    .addColumn('removed_at', 'text')
    .addColumn('removed_by', 'text')
    // holder | approver | help_desk | administrator | certification_revoked | certification_expired
    .addColumn('removal_kind', 'text')
    .addColumn('removal_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One active holding of a role per user and organization.
  await db.schema
    .createIndex('role_assignments_active_unique')
    .on('role_assignments')
    .columns(['user_id', 'role_id', 'organization_id'])
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();
  // The access check: does user U hold role R of app A in org O now?
  await db.schema
    .createIndex('role_assignments_access_idx')
    .on('role_assignments')
    .columns(['user_id', 'application_id', 'organization_id', 'role_id', 'status'])
    .execute();
  // Certification lists and the expiry sweep.
  await db.schema
    .createIndex('role_assignments_due_idx')
    .on('role_assignments')
    .columns(['status', 'certification_due_at', 'id'])
    .execute();
  await db.schema
    .createIndex('role_assignments_org_due_idx')
    .on('role_assignments')
    .columns(['organization_id', 'status', 'certification_due_at', 'id'])
    .execute();
  await db.schema
    .createIndex('role_assignments_org_role_idx')
    .on('role_assignments')
    .columns(['organization_id', 'role_id', 'status'])
    .execute();

  await db.schema
    .createTable('role_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // RR-2026-000123
    .addColumn('tracking_number', 'text', (c) => c.notNull().unique())
    .addColumn('requester_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // pending | approved | rejected | cancelled | expired
    .addColumn('status', 'text', (c) => c.notNull())
    // org_approvers | help_desk
    .addColumn('routed_to', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_comment', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // No duplicate pending request for the same role and organization.
  await db.schema
    .createIndex('role_requests_pending_unique')
    .on('role_requests')
    .columns(['requester_id', 'role_id', 'organization_id'])
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema
    .createIndex('role_requests_queue_idx')
    .on('role_requests')
    .columns(['organization_id', 'status', 'id'])
    .execute();
  await db.schema
    .createIndex('role_requests_app_queue_idx')
    .on('role_requests')
    .columns(['application_id', 'routed_to', 'status', 'id'])
    .execute();
  await db.schema.createIndex('role_requests_requester_idx').on('role_requests').columns(['requester_id', 'id']).execute();
  await db.schema.createIndex('role_requests_expiry_idx').on('role_requests').columns(['status', 'expires_at']).execute();

  await db.schema
    .createTable('role_request_reminders')
    .addColumn('request_id', 'text', (c) => c.notNull().references('role_requests.id'))
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('role_request_reminders_pk', ['request_id', 'days'])
    .execute();

  await db.schema
    .createTable('acknowledgement_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('text_es', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('certification_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('role_assignments.id'))
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('role_id', 'text', (c) => c.notNull())
    .addColumn('holder_id', 'text', (c) => c.notNull())
    // Null when the system removed the role because the certification expired.
    .addColumn('certifier_id', 'text')
    // certified | revoked | expired
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('acknowledgement_version', 'integer')
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('next_due_at', 'text')
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('certification_decisions_evidence_idx')
    .on('certification_decisions')
    .columns(['application_id', 'organization_id', 'decided_at'])
    .execute();
  // A due date is decided once: certify racing the expiry sweep ends with one outcome.
  await db.schema
    .createIndex('certification_decisions_once_idx')
    .on('certification_decisions')
    .columns(['assignment_id', 'due_at'])
    .unique()
    .execute();

  await db.schema
    .createTable('certification_reminders')
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('role_assignments.id'))
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('certification_reminders_pk', ['assignment_id', 'due_at', 'days'])
    .execute();
}

async function createPlatform(db: Db): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // email | sms | voice | webhook
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text')
    .addColumn('payload_json', 'text')
    // Sent as Message-ID / idempotency key, so a retried delivery can be recognised downstream.
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    // pending | sending | sent | failed | held
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_recipient_idx').on('outbox').columns(['recipient', 'id']).execute();

  await db.schema
    .createTable('audit_log')
    // Position in the hash chain: 1, 2, 3 … with no gaps.
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    // user | system | anonymous
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('request_id', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_target_idx').on('audit_log').columns(['target_type', 'target_id', 'seq']).execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'seq']).execute();
  await db.schema.createIndex('audit_log_action_idx').on('audit_log').columns(['action', 'seq']).execute();
  await db.schema.createIndex('audit_log_time_idx').on('audit_log').columns(['occurred_at']).execute();

  // Named counters for human-readable tracking numbers (RR-2026-000123).
  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('job_runs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_started_at', 'text')
    .addColumn('last_finished_at', 'text')
    .addColumn('last_status', 'text')
    .addColumn('last_error', 'text')
    .addColumn('runs', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('oidc_clients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().unique())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('metadata_json', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // oidc-provider's own state (sessions, grants, codes, tokens) in one table.
  await db.schema
    .createTable('oidc_payloads')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('grant_id', 'text')
    .addColumn('user_code', 'text')
    .addColumn('uid', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('consumed_at', 'text')
    .addPrimaryKeyConstraint('oidc_payloads_pk', ['type', 'id'])
    .execute();
  await db.schema.createIndex('oidc_payloads_grant_idx').on('oidc_payloads').column('grant_id').execute();
  await db.schema.createIndex('oidc_payloads_uid_idx').on('oidc_payloads').column('uid').execute();
  await db.schema.createIndex('oidc_payloads_expiry_idx').on('oidc_payloads').column('expires_at').execute();

  await db.schema
    .createTable('scim_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('webhook_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret_encrypted', 'text', (c) => c.notNull())
    .addColumn('events_json', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

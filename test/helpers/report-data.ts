import type { AppContext } from '../../server/context.js';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import { newId } from '../../server/shared/ids.js';

/** An application with its roles by code, as the report's rows name them. */
export interface ApplicationRoles {
  id: string;
  roles: Record<string, Role>;
}

/**
 * Rows for the program report, written as their modules store them, at the times a test needs:
 * role requests submitted and closed when said, and roles due for certification when said.
 * Each row has a person of its own, so no "one pending request" or "one holding" rule is hit.
 */
export function reportData(ctx: AppContext) {
  let people = 0;
  let requests = 0;

  async function newPerson(): Promise<string> {
    people += 1;
    const id = newId(ctx.clock.now());
    const userId = `report-person-${people}`;
    const now = ctx.clock.now().toISOString();
    await ctx.database.db
      .insertInto('users')
      .values({
        id,
        user_id: userId,
        user_id_normalized: userId,
        first_name: 'Report',
        last_name: `Person ${people}`,
        email: `${userId}@example.test`,
        email_normalized: `${userId}@example.test`,
        status: 'active',
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }

  return {
    /** A request for an end user role of `application` in `organizationId`, closed at `decidedAt` unless pending. */
    async request(
      application: ApplicationRoles,
      organizationId: string,
      createdAt: string,
      status: 'pending' | 'approved' | 'rejected' | 'cancelled' | 'expired',
      decidedAt: string | null = null,
    ): Promise<void> {
      requests += 1;
      const requester = await newPerson();
      await ctx.database.db
        .insertInto('role_requests')
        .values({
          id: newId(new Date(createdAt)),
          tracking_number: `RR-REPORT-${String(requests).padStart(6, '0')}`,
          requester_id: requester,
          application_id: application.id,
          role_id: application.roles.end_user!.id,
          organization_id: organizationId,
          reason: 'Generated for the program report',
          status,
          routed_to: 'org_approvers',
          decided_by: status === 'approved' || status === 'rejected' ? requester : null,
          decided_at: decidedAt,
          decision_comment: null,
          expires_at: '2027-06-01T00:00:00.000Z',
          language: 'en',
          created_at: createdAt,
          updated_at: decidedAt ?? createdAt,
        })
        .execute();
    },

    /** An end user's role held since 2025 (active unless said), due for certification at `dueAt`. */
    async holding(
      application: ApplicationRoles,
      organizationId: string,
      dueAt: string | null,
      options: { status?: 'active' | 'removed' } = {},
    ): Promise<void> {
      const removed = options.status === 'removed';
      await ctx.database.db
        .insertInto('role_assignments')
        .values({
          id: newId(ctx.clock.now()),
          user_id: await newPerson(),
          application_id: application.id,
          role_id: application.roles.end_user!.id,
          organization_id: organizationId,
          status: options.status ?? 'active',
          established_at: '2025-06-01T12:00:00.000Z',
          last_certified_at: null,
          certification_due_at: dueAt,
          request_id: null,
          removed_at: removed ? '2026-12-01T12:00:00.000Z' : null,
          removed_by: null,
          removal_kind: removed ? 'holder' : null,
          removal_reason: null,
          version: 1,
          created_at: '2025-06-01T12:00:00.000Z',
          updated_at: '2025-06-01T12:00:00.000Z',
        })
        .execute();
    },
  };
}

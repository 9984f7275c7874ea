import type { Database, Reader } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import type { Clock } from '../../shared/clock.js';
import type { AccountsService, User } from '../accounts/accounts.service.js';
import type { AssignmentsService } from '../assignments/assignments.service.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { ApplicationWithRoles, CatalogService } from '../catalog/catalog.service.js';
import type { Notifications } from '../notifications/notifications.service.js';
import type { Organization, OrganizationsService } from '../organizations/organizations.service.js';
import { assertFormMove } from './form-states.js';
import { FORM_ACTION_TARGETS, formActionRefusal, type FormAction, type FormStanding } from './organization-forms.policy.js';
import type { StoredForm } from './organization-forms.repository.js';

/*
 * What every part of the organization-forms service shares: its dependencies, and the facts the
 * policy needs about the caller (the applications they are help desk for, whether they hold an
 * organization's Approver role) and about the form's application; and the one check every
 * action on a form goes through.
 */

export interface OrganizationFormsDeps {
  config: { publicUrl: string; secretKey: Buffer };
  database: Database;
  clock: Clock;
  audit: AuditLog;
  notifications: Notifications;
  accounts: AccountsService;
  catalog: CatalogService;
  organizations: OrganizationsService;
  assignments: AssignmentsService;
}

export interface FormAccess {
  applicationById(db: Reader, id: string): Promise<ApplicationWithRoles>;
  /** Where `user` stands towards forms, for organization-forms.policy.ts. */
  standingOf(db: Reader, user: User): Promise<FormStanding>;
  /** Whether the person holds the organization's Approver role (not a backup's). */
  isApproverOf(db: Reader, user: User, organization: Organization): Promise<boolean>;
}

export function createFormAccess(deps: OrganizationFormsDeps): FormAccess {
  async function applicationById(db: Reader, id: string): Promise<ApplicationWithRoles> {
    const app = (await deps.catalog.listApplications(db)).find((candidate) => candidate.id === id);
    if (!app) throw new AppError('resource.not_found');
    return app;
  }

  return {
    applicationById,

    async standingOf(db, user) {
      return { userId: user.id, helpDeskApplicationIds: await deps.assignments.helpDeskApplicationIds(db, user.id) };
    },

    async isApproverOf(db, user, organization) {
      const app = await applicationById(db, organization.applicationId);
      const approverRoles = app.roles.filter((role) => role.kind === 'approver');
      for (const role of approverRoles) {
        if (await deps.assignments.holds(db, user.id, role.id, organization.id)) return true;
      }
      return false;
    },
  };
}

/**
 * Refuses an action on a form the policy does not allow now, with the error that says why: a form
 * the caller may not act on does not exist for them, a help desk member's own form is reviewed by
 * another, and a move the form's state does not allow names the state. The same policy function
 * lists the allowed actions sent with the form, so the two cannot disagree.
 */
export function assertFormAction(
  standing: FormStanding,
  form: StoredForm | undefined,
  action: FormAction,
): asserts form is StoredForm {
  if (!form) throw new AppError('resource.not_found');
  const refusal = formActionRefusal(standing, form, action);
  if (refusal === 'hidden') throw new AppError('resource.not_found');
  if (refusal === 'own') throw new AppError('organization_form.self_review');
  if (refusal === 'state') assertFormMove(form.status, FORM_ACTION_TARGETS[action]);
}

import { describe, expect, it } from 'vitest';
import { mayMoveForm } from './form-states.js';
import {
  FORM_ACTIONS,
  FORM_ACTION_TARGETS,
  formActionRefusal,
  formActions,
  mayChangeOwnForm,
  mayReadForm,
  mayReadRecords,
  mayRequestUpdate,
  mayReviewForm,
  organizationActions,
  queueApplications,
} from './organization-forms.policy.js';
import type { FormStatus } from './organization-forms.repository.js';

const form = { submittedBy: 'submitter', applicationId: 'spot' };
const submitter = { userId: 'submitter', helpDeskApplicationIds: [] };
const desk = { userId: 'desk', helpDeskApplicationIds: ['spot'] };
const otherDesk = { userId: 'other', helpDeskApplicationIds: ['elsewhere'] };
const deskMemberWhoSentIt = { userId: 'submitter', helpDeskApplicationIds: ['spot'] };

describe('who may do what with an organization form', () => {
  it('is read by its submitter and its application’s help desk only', () => {
    expect(mayReadForm(submitter, form)).toBe(true);
    expect(mayReadForm(desk, form)).toBe(true);
    expect(mayReadForm(otherDesk, form)).toBe(false);
  });

  it('is corrected, resubmitted or withdrawn by its submitter only', () => {
    expect(mayChangeOwnForm(submitter, form)).toBe(true);
    expect(mayChangeOwnForm(desk, form)).toBe(false);
  });

  it('is reviewed by the help desk, but never by the member who sent it', () => {
    expect(mayReviewForm(desk, form)).toBe(true);
    expect(mayReviewForm(deskMemberWhoSentIt, form)).toBe('own');
    expect(mayReviewForm(otherDesk, form)).toBe(false);
    expect(mayReviewForm(submitter, form)).toBe(false);
  });

  it('shows records on file to approvers and the help desk, and updates them only through an active organization’s approver', () => {
    expect(mayReadRecords(submitter, { applicationId: 'spot' }, true)).toBe(true);
    expect(mayReadRecords(desk, { applicationId: 'spot' }, false)).toBe(true);
    expect(mayReadRecords(otherDesk, { applicationId: 'spot' }, false)).toBe(false);
    expect(mayRequestUpdate({ status: 'active' }, true)).toBe(true);
    expect(mayRequestUpdate({ status: 'active' }, false)).toBe(false);
    expect(mayRequestUpdate({ status: 'awaiting_approver' }, true)).toBe(false);
  });

  it('lists what each person may do with a form in each state', () => {
    const at = (status: FormStatus) => ({ ...form, status });
    expect(formActions(submitter, at('submitted'))).toEqual(['withdraw']);
    expect(formActions(submitter, at('returned'))).toEqual(['resubmit', 'withdraw']);
    expect(formActions(desk, at('submitted'))).toEqual(['approve', 'return', 'reject']);
    expect(formActions(desk, at('returned'))).toEqual([]);
    // A help desk member's own form: theirs to withdraw, another member's to review.
    expect(formActions(deskMemberWhoSentIt, at('submitted'))).toEqual(['withdraw']);
    expect(formActions(otherDesk, at('submitted'))).toEqual([]);
    for (const done of ['approved', 'rejected', 'withdrawn'] as const) {
      for (const who of [submitter, desk, deskMemberWhoSentIt, otherDesk]) expect(formActions(who, at(done))).toEqual([]);
    }
  });

  it('refuses an action for the reason the service answers', () => {
    const submitted = { ...form, status: 'submitted' as const };
    expect(formActionRefusal(otherDesk, submitted, 'approve')).toBe('hidden');
    expect(formActionRefusal(desk, submitted, 'withdraw')).toBe('hidden');
    expect(formActionRefusal(deskMemberWhoSentIt, submitted, 'approve')).toBe('own');
    expect(formActionRefusal(submitter, submitted, 'resubmit')).toBe('state');
    expect(formActionRefusal(desk, { ...form, status: 'rejected' }, 'reject')).toBe('state');
  });

  it('lists an action exactly when both the caller’s standing and the form’s state allow it', () => {
    const statuses: FormStatus[] = ['submitted', 'returned', 'approved', 'rejected', 'withdrawn'];
    for (const who of [submitter, desk, deskMemberWhoSentIt, otherDesk]) {
      for (const status of statuses) {
        const listed = formActions(who, { ...form, status });
        for (const action of FORM_ACTIONS) {
          const byWho =
            action === 'resubmit' || action === 'withdraw' ? mayChangeOwnForm(who, form) : mayReviewForm(who, form) === true;
          const expected = byWho && mayMoveForm(status, FORM_ACTION_TARGETS[action]);
          expect(listed.includes(action), `${who.userId} ${action} a ${status} form`).toBe(expected);
        }
      }
    }
  });

  it('lists a records update for an active organization’s approver only', () => {
    expect(organizationActions({ status: 'active' }, true)).toEqual(['request_update']);
    expect(organizationActions({ status: 'active' }, false)).toEqual([]);
    expect(organizationActions({ status: 'awaiting_approver' }, true)).toEqual([]);
  });
});

describe('the queue of forms to review', () => {
  it('is the help desk’s, for the applications they are help desk for, and nobody else’s', () => {
    expect(queueApplications(desk)).toEqual(['spot']);
    expect(queueApplications(otherDesk)).toEqual(['elsewhere']);
    expect(queueApplications(submitter)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { mayChangeOwnForm, mayReadForm, mayReadRecords, mayRequestUpdate, mayReviewForm } from './organization-forms.policy.js';

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
});

import { describe, expect, it } from 'vitest';
import { assertFormMove, mayMoveForm } from './form-states.js';
import type { FormStatus } from './organization-forms.repository.js';

const statuses: FormStatus[] = ['submitted', 'returned', 'approved', 'rejected', 'withdrawn'];

function refusal(from: FormStatus, to: FormStatus): string | undefined {
  try {
    assertFormMove(from, to);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('organization form states', () => {
  it('lets the help desk decide a submitted form, the submitter resubmit a returned one, and withdraw either', () => {
    const allowed = statuses.flatMap((from) => statuses.filter((to) => mayMoveForm(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual([
      'submitted→returned',
      'submitted→approved',
      'submitted→rejected',
      'submitted→withdrawn',
      'returned→submitted',
      'returned→withdrawn',
    ]);
  });

  it('says why a move is refused: only a returned form is sent again; anything else was reviewed already', () => {
    expect(refusal('submitted', 'submitted')).toBe('organization_form.not_returned');
    expect(refusal('approved', 'submitted')).toBe('organization_form.not_returned');
    expect(refusal('returned', 'approved')).toBe('organization_form.already_reviewed');
    expect(refusal('approved', 'withdrawn')).toBe('organization_form.already_reviewed');
    expect(refusal('withdrawn', 'rejected')).toBe('organization_form.already_reviewed');
    expect(refusal('returned', 'withdrawn')).toBeUndefined();
  });
});

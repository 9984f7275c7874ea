import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../components/ErrorAlert';
import { FormCheckError } from '../../components/form-errors';
import { valueAt, withValueAt, type FieldProblems, type Problem } from './form-values';

/** One form's values, the problems found with them, and the error shown above it. */
export interface FormModel<T> {
  idPrefix: string;
  values: T;
  set: (path: string, value: unknown) => void;
  replace: (update: (values: T) => T) => void;
  problems: FieldProblems;
  /** Changes the problems shown, e.g. when the entry they were found in is removed. */
  updateProblems: (update: (problems: FieldProblems) => FieldProblems) => void;
  /** The id of a field's input, from its path: "address/zip" → "prefix-address-zip". */
  idOf: (path: string) => string;
  /** The words for a field's problem, or nothing when it has none. */
  errorOf: (path: string, label: string) => string | undefined;
  /** What the alert above the form says: the browser's check, or the server's refusal. */
  formError: unknown;
  /** The fields to fix, in the order the form shows them, for the alert to link to. */
  problemList: () => FieldProblem[];
  /** Marks the fields found wrong (or clears them); the alert says to check them. */
  showProblems: (problems: FieldProblems) => boolean;
  /** The server refused: its named fields are marked, or its message shown. */
  showServerError: (error: unknown, problems: FieldProblems) => void;
  clearErrors: () => void;
}

export function useProblemText(): (problem: Problem, label: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (problem: Problem, label: string) => {
      const field = { field: label };
      const words: Record<Problem, () => string> = {
        required: () => t('form.required', field),
        choose: () => t('organizations.problems.choose', field),
        invalid: () => t('form.invalid', field),
        tooShort: () => t('organizations.problems.tooShort', field),
        tooLong: () => t('organizations.problems.tooLong', field),
        tin: () => t('organizations.problems.tin'),
        npi: () => t('organizations.problems.npi'),
        npiCheckDigit: () => t('organizations.problems.npiCheckDigit'),
        ptan: () => t('organizations.problems.ptan'),
        state: () => t('organizations.problems.state'),
        zip: () => t('organizations.problems.zip'),
        phone: () => t('organizations.problems.phone'),
        email: () => t('organizations.problems.email'),
        distinct: () => t('organizations.problems.distinct'),
        attest: () => t('organizations.problems.attest'),
      };
      return words[problem]();
    },
    [t],
  );
}

export function useFormModel<T>(idPrefix: string, initial: T | (() => T)): FormModel<T> {
  const [values, setValues] = useState<T>(initial);
  // Each field's label, as it last rendered, in the order the form shows them: what the
  // alert's links are called.
  const labels = useRef(new Map<string, string>());
  const [problems, setProblems] = useState<FieldProblems>({});
  // Kept in state, not rebuilt at each render, so the alert takes focus once per submit only.
  const [formError, setFormError] = useState<unknown>(null);
  const problemText = useProblemText();

  const set = useCallback((path: string, value: unknown) => setValues((previous) => withValueAt(previous, path, value)), []);
  const idOf = useCallback((path: string) => `${idPrefix}-${path.replaceAll('/', '-')}`, [idPrefix]);

  return {
    idPrefix,
    values,
    set,
    replace: setValues,
    problems,
    updateProblems: setProblems,
    idOf,
    errorOf: (path, label) => {
      labels.current.set(path, label);
      const problem = problems[path];
      return problem ? problemText(problem, label) : undefined;
    },
    formError,
    problemList: () =>
      [...labels.current].flatMap(([path, label]) => {
        const problem = problems[path];
        return problem ? [{ fieldId: idOf(path), message: problemText(problem, label) }] : [];
      }),
    showProblems: (found) => {
      setProblems(found);
      const any = Object.keys(found).length > 0;
      setFormError(any ? new FormCheckError() : null);
      return any;
    },
    showServerError: (error, found) => {
      setProblems(found);
      setFormError(Object.keys(found).length > 0 ? new FormCheckError() : error);
    },
    clearErrors: () => {
      setProblems({});
      setFormError(null);
    },
  };
}

/** Whether a path names a field the values hold: a field the server names that this form shows. */
export function holdsField(values: unknown): (path: string) => boolean {
  return (path) => valueAt(values, path) !== undefined;
}

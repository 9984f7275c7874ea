import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../components/ErrorAlert';
import { FormCheckError } from '../../components/form-errors';

/** What is wrong with a field: left empty, or not what the server accepts. */
export type FieldFault = 'missing' | 'invalid';

export interface AdminFormSpec<Draft, Field extends keyof Draft & string, Body, Created> {
  empty: Draft;
  /** Each field, in the order the error summary lists them, with the element its link focuses. */
  problemTargets: Record<Field, string>;
  /** The words for each field's fault: "missing" is found by the browser, "invalid" by it or by the server. */
  faultKeys: Record<Field, Record<FieldFault, ParseKeys>>;
  /** What the browser can tell before sending. */
  check: (draft: Draft) => Partial<Record<Field, FieldFault>>;
  /** The request, from a draft the check found nothing wrong with. */
  toBody: (draft: Draft) => Body;
  send: (body: Body) => Promise<Created>;
  /** The field the server refused, if it named one of the form's. */
  refusedField: (error: unknown) => Field | undefined;
  /** The list the new item joins, read again once it is made. */
  listKey: QueryKey;
  onCreated: (created: Created) => void;
}

/**
 * The state of an administrator's "add one" form: the draft, the browser's check, the request and
 * the server's refusal, each fault shown under its field and in the summary of the error alert.
 */
export function useAdminForm<Draft, Field extends keyof Draft & string, Body, Created>(
  spec: AdminFormSpec<Draft, Field, Body, Created>,
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(spec.empty);
  // Which fields failed the browser's check, not the messages: the words follow a change of language.
  const [faults, setFaults] = useState<Partial<Record<Field, FieldFault>>>({});
  const request = useMutation({
    mutationFn: spec.send,
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: spec.listKey });
      spec.onCreated(created);
    },
  });

  const refused = spec.refusedField(request.error);
  const allFaults: Partial<Record<Field, FieldFault>> =
    refused && !faults[refused] ? { ...faults, [refused]: 'invalid' } : faults;
  const errorOf = (field: Field): string | undefined => {
    const fault = allFaults[field];
    if (!fault) return undefined;
    const key: ParseKeys = spec.faultKeys[field][fault];
    return t(key);
  };
  const problems: FieldProblem[] = (Object.keys(spec.problemTargets) as Field[])
    .filter((field) => allFaults[field])
    .map((field) => ({ fieldId: spec.problemTargets[field], message: errorOf(field) ?? '' }));
  const hasFaults = Object.keys(faults).length > 0;
  // One alert per failed check: a new one at each render would take the focus back while typing.
  const checkAlert = useMemo(() => (hasFaults ? new FormCheckError() : undefined), [hasFaults]);

  const set =
    <Name extends Field>(field: Name) =>
    (value: Draft[Name]) =>
      setDraft((previous) => ({ ...previous, [field]: value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = spec.check(draft);
    setFaults(found);
    if (Object.keys(found).length > 0) {
      // The server's answer to an earlier try no longer describes the form.
      request.reset();
      return;
    }
    request.mutate(spec.toBody(draft));
  };

  return {
    draft,
    set,
    errorOf,
    onSubmit,
    pending: request.isPending,
    /** What the form's ErrorAlert shows. */
    alert: {
      error: checkAlert ?? request.error,
      // A refused field is named below in the page's language, which the server's words may not follow.
      message: refused ? t('errors.checkFields') : undefined,
      problems,
    },
  };
}

import { Alert, Button, ErrorMessage, Form, FormGroup, Label, Select } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { clearDraft, loadDraft, saveDraft } from '../../components/form-drafts';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCheckError } from '../../components/form-errors';
import { DetailFields } from './DetailFields';
import { RequiredNote } from './Fields';
import {
  checkOrganization,
  checkSignature,
  organizationBody,
  serverProblems,
  type FieldProblems,
  type OrganizationValues,
  type SignatureValues,
} from './form-values';
import { OrganizationFields } from './OrganizationFields';
import { maxBackupApprovers, type Application, type NewOrganization, type OrganizationForm } from './organizations-api';
import { SignatureFields } from './SignatureFields';
import { holdsField, useFormModel } from './use-form-model';

export type NewFormValues = OrganizationValues & SignatureValues & { applicationCode: string };

interface Props {
  idPrefix: string;
  initial: NewFormValues;
  /** The applications to choose from; without them the form keeps the one it was sent for. */
  applications?: Application[];
  /** A returned form is corrected with its TIN typed again: the TIN is never shown. */
  retypeTin?: boolean;
  /** Keeps what is typed as a draft under this key (see form-drafts), the TIN left out. */
  draftKey?: string;
  submitLabel: string;
  send: (body: { applicationCode: string; organization: NewOrganization; signatureName: string }) => Promise<OrganizationForm>;
  onSent: (form: OrganizationForm) => void;
}

/** The new organization form, blank or pre-filled for correction. */
export function NewOrganizationEditor({
  idPrefix,
  initial,
  applications,
  retypeTin,
  draftKey,
  submitLabel,
  send,
  onSent,
}: Props) {
  const { t } = useTranslation();
  const [restored] = useState(() => (draftKey ? loadDraft<NewFormValues>(draftKey) : undefined));
  const form = useFormModel<NewFormValues>(idPrefix, () => ({ ...initial, ...restored, tin: '' }));
  const [untouched] = useState(() => JSON.stringify(withoutTin({ ...initial, ...restored })));
  useEffect(() => {
    if (!draftKey) return;
    // A form nobody has typed in yet is no draft.
    const kept = withoutTin(form.values);
    if (JSON.stringify(kept) === untouched && !restored) clearDraft(draftKey);
    else saveDraft(draftKey, kept);
  }, [draftKey, form.values, untouched, restored]);
  const submit = useMutation({
    mutationFn: send,
    onSuccess: (sent) => {
      if (draftKey) clearDraft(draftKey);
      onSent(sent);
    },
    onError: (error) => form.showServerError(error, serverProblems(error, holdsField(form.values))),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: FieldProblems = { ...checkOrganization(form.values), ...checkSignature(form.values) };
    if (applications && !form.values.applicationCode) problems.applicationCode = 'choose';
    if (form.showProblems(problems)) return;
    submit.mutate({
      applicationCode: form.values.applicationCode,
      organization: organizationBody(form.values),
      signatureName: form.values.signatureName.trim(),
    });
  };

  const applicationId = form.idOf('applicationCode');
  const applicationError = form.errorOf('applicationCode', t('organizations.fields.application'));
  return (
    <>
      <ErrorAlert error={form.formError} problems={form.formError instanceof FormCheckError ? form.problemList() : undefined} />
      {restored ? (
        <Alert type="info" headingLevel="h2" slim>
          {t('organizations.new.draftRestored')}
        </Alert>
      ) : null}
      <Form onSubmit={onSubmit} noValidate large className="maxw-full">
        <RequiredNote />
        {applications ? (
          <FormGroup error={Boolean(applicationError)}>
            <Label htmlFor={applicationId} error={Boolean(applicationError)}>
              {t('organizations.fields.application')}
            </Label>
            {applicationError ? <ErrorMessage id={`${applicationId}-error`}>{applicationError}</ErrorMessage> : null}
            <Select
              id={applicationId}
              name="applicationCode"
              value={form.values.applicationCode}
              onChange={(event) => form.set('applicationCode', event.target.value)}
              validationStatus={applicationError ? 'error' : undefined}
              aria-describedby={applicationError ? `${applicationId}-error` : undefined}
              required
            >
              <option value="">{t('organizations.fields.chooseApplication')}</option>
              {applications.map((application) => (
                <option key={application.id} value={application.code}>
                  {application.name}
                </option>
              ))}
            </Select>
          </FormGroup>
        ) : null}
        <OrganizationFields form={form} retypeTin={retypeTin} />
        <DetailFields
          form={form}
          approverLegend={t('organizations.fields.proposedApprover')}
          maxBackupApprovers={maxBackupApprovers}
        />
        <SignatureFields form={form} />
        <Button type="submit" className="margin-top-4" disabled={submit.isPending}>
          {submit.isPending ? t('organizations.form.sending') : submitLabel}
        </Button>
      </Form>
    </>
  );
}

/** The TIN is never kept in the browser: it is typed again after a sign-out. */
function withoutTin(values: NewFormValues): Omit<NewFormValues, 'tin'> {
  const { tin: _tin, ...kept } = values;
  return kept;
}

import { Button, Form } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCheckError } from '../../components/form-errors';
import { DetailFields } from './DetailFields';
import { RequiredNote } from './Fields';
import {
  checkDetails,
  checkSignature,
  detailsBody,
  serverProblems,
  type DetailValues,
  type SignatureValues,
} from './form-values';
import { maxBackupApprovers, type OrganizationDetails, type OrganizationForm } from './organizations-api';
import { SignatureFields } from './SignatureFields';
import { holdsField, useFormModel } from './use-form-model';

export type DetailFormValues = DetailValues & SignatureValues;

interface Props {
  idPrefix: string;
  initial: DetailFormValues;
  submitLabel: string;
  send: (body: { changes: OrganizationDetails; signatureName: string }) => Promise<OrganizationForm>;
  onSent: (form: OrganizationForm) => void;
}

/** An update request: the records on file to change, pre-filled, and the signature. */
export function DetailsEditor({ idPrefix, initial, submitLabel, send, onSent }: Props) {
  const { t } = useTranslation();
  const form = useFormModel<DetailFormValues>(idPrefix, initial);
  const submit = useMutation({
    mutationFn: send,
    onSuccess: onSent,
    onError: (error) => form.showServerError(error, serverProblems(error, holdsField(form.values))),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.showProblems({ ...checkDetails(form.values), ...checkSignature(form.values) })) return;
    submit.mutate({ changes: detailsBody(form.values), signatureName: form.values.signatureName.trim() });
  };

  return (
    <>
      <ErrorAlert error={form.formError} problems={form.formError instanceof FormCheckError ? form.problemList() : undefined} />
      <Form onSubmit={onSubmit} noValidate large className="maxw-full">
        <RequiredNote />
        <DetailFields form={form} approverLegend={t('organizations.fields.approver')} maxBackupApprovers={maxBackupApprovers} />
        <SignatureFields form={form} />
        <Button type="submit" className="margin-top-4" disabled={submit.isPending}>
          {submit.isPending ? t('organizations.form.sending') : submitLabel}
        </Button>
      </Form>
    </>
  );
}

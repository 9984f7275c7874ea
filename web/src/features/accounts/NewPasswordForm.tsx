import { Button, Form } from '@trussworks/react-uswds';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCheckError } from '../../components/form-errors';
import { isBadLink } from './link-error';
import { NewPasswordFields } from './NewPasswordFields';
import { passwordViolations, type PasswordRule } from './password-rules';

interface Props {
  idPrefix: string;
  submitLabel: string;
  pending: boolean;
  /** The server's refusal, if any: its rule violations are marked under the field. */
  error: unknown;
  onSubmit: (password: string) => void;
  /** Fields asked before the new password, e.g. the current one. */
  before?: ReactNode;
}

/** A new password twice, checked to match before it is sent. */
export function NewPasswordForm({ idPrefix, submitLabel, pending, error, onSubmit, before }: Props) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [checkError, setCheckError] = useState<FormCheckError | null>(null);
  const [checkViolations, setCheckViolations] = useState<PasswordRule[]>([]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const empty: PasswordRule[] = password === '' ? ['length'] : [];
    setCheckViolations(empty);
    setMismatch(password !== confirm);
    if (password !== confirm || empty.length > 0) {
      setCheckError(new FormCheckError());
      return;
    }
    setCheckError(null);
    onSubmit(password);
  };

  return (
    <>
      <ErrorAlert error={checkError ?? error} message={!checkError && isBadLink(error) ? t('links.invalid') : undefined} />
      <Form onSubmit={submit} noValidate large>
        {before}
        <NewPasswordFields
          idPrefix={idPrefix}
          password={password}
          confirm={confirm}
          onPasswordChange={setPassword}
          onConfirmChange={setConfirm}
          violations={checkError ? checkViolations : passwordViolations(error)}
          mismatch={mismatch}
        />
        <Button type="submit" disabled={pending}>
          {pending ? t('common.saving') : submitLabel}
        </Button>
      </Form>
    </>
  );
}

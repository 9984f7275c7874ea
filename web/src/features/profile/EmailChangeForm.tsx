import { Button, Form } from '@trussworks/react-uswds';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCheckError } from '../../components/form-errors';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TextField } from '../../components/TextField';
import { profileQueryKey, requestEmailChange, type Profile } from './profile-api';

/** A new email address takes effect only once the link sent to it is opened. */
export function EmailChangeForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  // Kept as a flag, not words, so the message follows a change of language.
  const [checkFailed, setCheckFailed] = useState(false);
  const checkError = checkFailed ? t('form.required', { field: t('profile.newEmail') }) : undefined;
  // One alert per failed check: a new one at each render would take the focus back while typing.
  const checkAlert = useMemo(() => (checkFailed ? new FormCheckError() : undefined), [checkFailed]);
  const change = useMutation({
    mutationFn: requestEmailChange,
    onSuccess: ({ pendingEmail }) => {
      queryClient.setQueryData<Profile>(profileQueryKey, (previous) => (previous ? { ...previous, pendingEmail } : previous));
      setEmail('');
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!email.trim()) {
      setCheckFailed(true);
      return;
    }
    setCheckFailed(false);
    change.mutate(email.trim());
  };

  return (
    <>
      <p>
        {t('profile.currentEmail')} <strong>{profile.email}</strong>
      </p>
      {change.isSuccess ? (
        <SuccessAlert message={t('profile.emailSent', { email: change.data.pendingEmail })} />
      ) : profile.pendingEmail ? (
        <p className="rc-pending-email">{t('profile.emailPending', { email: profile.pendingEmail })}</p>
      ) : null}
      <ErrorAlert error={checkAlert ?? change.error} />
      <Form onSubmit={onSubmit} noValidate large>
        <TextField
          id="profile-new-email"
          name="email"
          type="email"
          autoComplete="email"
          label={t('profile.newEmail')}
          hint={t('profile.newEmailHint')}
          value={email}
          onValueChange={setEmail}
          error={checkError}
        />
        <Button type="submit" outline disabled={change.isPending}>
          {t('profile.changeEmail')}
        </Button>
      </Form>
    </>
  );
}

import { Button, Form } from '@trussworks/react-uswds';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFieldCheck } from '../../components/use-field-check';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TextField } from '../../components/TextField';
import { profileQueryKey, requestEmailChange, type Profile } from './profile-api';

/** A new email address takes effect only once the link sent to it is opened. */
export function EmailChangeForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const check = useFieldCheck(t('form.required', { field: t('profile.newEmail') }));
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
      check.fail();
      return;
    }
    check.clear();
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
      <ErrorAlert error={check.alert ?? change.error} />
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
          error={check.error}
        />
        <Button type="submit" outline disabled={change.isPending}>
          {t('profile.changeEmail')}
        </Button>
      </Form>
    </>
  );
}

import { Button, Form, FormGroup, Label, Select } from '@trussworks/react-uswds';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCheckError, invalidFields } from '../../components/form-errors';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TextField } from '../../components/TextField';
import { changeLanguage } from '../../i18n/i18n';
import type { Language } from '../session/session-api';
import { profileQueryKey, updateProfile, type Profile } from './profile-api';

type Field = 'firstName' | 'middleName' | 'lastName' | 'phone';

/** Names, phone and language. Saving a language also switches the pages to it. */
export function ProfileDetailsForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({
    firstName: profile.firstName,
    middleName: profile.middleName ?? '',
    lastName: profile.lastName,
    phone: profile.phone ?? '',
  });
  const [language, setLanguage] = useState<Language>(profile.language);
  // The fields found empty, not their messages: the words follow a change of language.
  const [missing, setMissing] = useState<Partial<Record<'firstName' | 'lastName', true>>>({});
  const save = useMutation({
    mutationFn: updateProfile,
    onSuccess: async (saved) => {
      queryClient.setQueryData(profileQueryKey, saved);
      await changeLanguage(saved.language);
    },
  });

  const labels: Record<Field, string> = {
    firstName: t('register.firstName'),
    middleName: t('register.middleName'),
    lastName: t('register.lastName'),
    phone: t('register.phone'),
  };
  const serverFields = invalidFields(save.error);
  const checkErrors: Partial<Record<Field, string>> = {
    ...(missing.firstName ? { firstName: t('register.required.firstName') } : {}),
    ...(missing.lastName ? { lastName: t('register.required.lastName') } : {}),
  };
  const fieldError = (field: Field) =>
    checkErrors[field] ?? (serverFields[field] ? t('form.invalid', { field: labels[field] }) : undefined);
  const set = (field: Field) => (value: string) => setValues((previous) => ({ ...previous, [field]: value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = {
      ...(values.firstName.trim() ? {} : { firstName: true as const }),
      ...(values.lastName.trim() ? {} : { lastName: true as const }),
    };
    setMissing(found);
    if (Object.keys(found).length > 0) return;
    save.mutate({
      firstName: values.firstName.trim(),
      middleName: values.middleName.trim() || null,
      lastName: values.lastName.trim(),
      phone: values.phone.trim() || null,
      language,
    });
  };

  const hasCheckErrors = Object.keys(missing).length > 0;
  // One alert per failed check: a new one at each render would take the focus back while typing.
  const checkAlert = useMemo(() => (hasCheckErrors ? new FormCheckError() : undefined), [hasCheckErrors]);
  return (
    <>
      {save.isSuccess && !save.isPending ? <SuccessAlert message={t('profile.saved')} /> : null}
      <ErrorAlert error={checkAlert ?? save.error} />
      <Form onSubmit={onSubmit} noValidate large>
        <TextField
          id="profile-first-name"
          name="firstName"
          autoComplete="given-name"
          label={labels.firstName}
          value={values.firstName}
          onValueChange={set('firstName')}
          error={fieldError('firstName')}
        />
        <TextField
          id="profile-middle-name"
          name="middleName"
          autoComplete="additional-name"
          optional
          label={labels.middleName}
          value={values.middleName}
          onValueChange={set('middleName')}
          error={fieldError('middleName')}
        />
        <TextField
          id="profile-last-name"
          name="lastName"
          autoComplete="family-name"
          label={labels.lastName}
          value={values.lastName}
          onValueChange={set('lastName')}
          error={fieldError('lastName')}
        />
        <TextField
          id="profile-phone"
          name="phone"
          type="tel"
          autoComplete="tel"
          optional
          label={labels.phone}
          value={values.phone}
          onValueChange={set('phone')}
          error={fieldError('phone')}
        />
        <FormGroup>
          <Label htmlFor="profile-language">{t('profile.language')}</Label>
          <Select
            id="profile-language"
            name="language"
            value={language}
            onChange={(event) => setLanguage(event.target.value === 'es' ? 'es' : 'en')}
          >
            <option value="en" lang="en">
              English
            </option>
            <option value="es" lang="es">
              Español
            </option>
          </Select>
        </FormGroup>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('profile.save')}
        </Button>
      </Form>
    </>
  );
}

import { Button, Form } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { hasErrorCode } from '../../api/client';
import { ErrorAlert, type FieldProblem } from '../../components/ErrorAlert';
import { FormCheckError, invalidFields } from '../../components/form-errors';
import { TextField } from '../../components/TextField';
import { usePageTitle } from '../../components/use-page-title';
import { stagePath } from '../session/return-path';
import type { Language } from '../session/session-api';
import { useSession } from '../session/use-session';
import { register } from './accounts-api';
import { NewPasswordFields } from './NewPasswordFields';
import { passwordViolations } from './password-rules';

type Field = 'firstName' | 'middleName' | 'lastName' | 'email' | 'phone' | 'userId';
type Values = Record<Field, string>;
const required: readonly Field[] = ['firstName', 'lastName', 'email', 'userId'];
const userIdPattern = /^[A-Za-z0-9._@-]{1,74}$/;
type Checked = Field | 'password' | 'confirm';
type CheckProblem = 'required' | 'userIdInvalid' | 'mismatch';

export function RegisterPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('register.title'));
  const navigate = useNavigate();
  const [values, setValues] = useState<Values>({ firstName: '', middleName: '', lastName: '', email: '', phone: '', userId: '' });
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  // What the browser found, kept as kinds of problem (not words) so the words follow the language.
  const [checkProblems, setCheckProblems] = useState<Partial<Record<Checked, CheckProblem>>>({});
  const session = useSession();
  const [formError, setFormError] = useState<unknown>(null);

  const submit = useMutation({
    mutationFn: register,
    onSuccess: ({ email }) => void navigate('/register/check-email', { state: { email } }),
    onError: setFormError,
  });

  const labels: Record<Field, string> = {
    firstName: t('register.firstName'),
    middleName: t('register.middleName'),
    lastName: t('register.lastName'),
    email: t('register.email'),
    phone: t('register.phone'),
    userId: t('register.userId'),
  };

  // What the server said about each field, after what the browser found before sending.
  const serverFields = invalidFields(submit.error);
  const fieldError = (field: Field): string | undefined => {
    if (checkErrors[field]) return checkErrors[field];
    if (field === 'userId' && hasErrorCode(submit.error, 'registration.user_id_taken')) return t('register.userIdTaken');
    const rule = serverFields[field];
    if (!rule) return undefined;
    return rule === 'minLength' || rule === 'required' ? requiredMessages[field] : t('form.invalid', { field: labels[field] });
  };

  // Messages that read as a person would say them: "Enter your first name".
  const requiredMessages: Record<Checked, string> = {
    firstName: t('register.required.firstName'),
    middleName: '',
    lastName: t('register.required.lastName'),
    email: t('register.required.email'),
    phone: '',
    userId: t('register.required.userId'),
    password: t('register.required.password'),
    confirm: t('register.required.confirm'),
  };
  const checkErrors: Partial<Record<Checked, string>> = Object.fromEntries(
    Object.entries(checkProblems).map(([field, problem]) => [
      field,
      problem === 'required'
        ? requiredMessages[field as Checked]
        : problem === 'userIdInvalid'
          ? t('register.userIdInvalid')
          : t('password.mismatch'),
    ]),
  );

  const set = (field: Field) => (value: string) => setValues((previous) => ({ ...previous, [field]: value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: Partial<Record<Checked, CheckProblem>> = {};
    for (const field of required) {
      if (!values[field].trim()) errors[field] = 'required';
    }
    if (!errors.userId && !userIdPattern.test(values.userId.trim())) errors.userId = 'userIdInvalid';
    if (!password) errors.password = 'required';
    if (!confirm) errors.confirm = 'required';
    else if (password !== confirm) errors.confirm = 'mismatch';
    setCheckProblems(errors);
    if (Object.keys(errors).length > 0) {
      submit.reset();
      setFormError(new FormCheckError());
      return;
    }
    setFormError(null);
    const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
    submit.mutate({
      firstName: values.firstName.trim(),
      middleName: optional(values.middleName),
      lastName: values.lastName.trim(),
      email: values.email.trim(),
      phone: optional(values.phone),
      userId: values.userId.trim(),
      password,
      language: (i18n.resolvedLanguage === 'es' ? 'es' : 'en') satisfies Language,
    });
  };

  const field = (name: Field, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      id={`register-${name}`}
      name={name}
      label={labels[name]}
      value={values[name]}
      onValueChange={set(name)}
      error={fieldError(name)}
      {...extra}
    />
  );

  // Signed in already, or half-way: there is nothing to register.
  const current = session.data?.session;
  if (current) return <Navigate to={stagePath(current, '/')} replace />;

  return (
    <div className="rc-page">
      <h1>{t('register.title')}</h1>
      <p className="usa-intro">{t('register.intro')}</p>
      <ErrorAlert error={formError} problems={formError instanceof FormCheckError ? problemsOf(checkErrors) : undefined} />
      <Form onSubmit={onSubmit} noValidate large>
        {field('firstName', { autoComplete: 'given-name' })}
        {field('middleName', { autoComplete: 'additional-name', optional: true })}
        {field('lastName', { autoComplete: 'family-name' })}
        {field('email', { type: 'email', autoComplete: 'email', hint: t('register.emailHint') })}
        {field('phone', { type: 'tel', autoComplete: 'tel', optional: true })}
        {field('userId', {
          autoComplete: 'username',
          autoCapitalize: 'none',
          spellCheck: false,
          maxLength: 74,
          hint: t('register.userIdHint'),
        })}
        <NewPasswordFields
          idPrefix="register"
          label={t('register.password')}
          password={password}
          confirm={confirm}
          onPasswordChange={setPassword}
          onConfirmChange={setConfirm}
          violations={passwordViolations(submit.error)}
          mismatch={false}
          passwordError={checkErrors.password}
          confirmError={checkErrors.confirm}
        />
        <Button type="submit" disabled={submit.isPending}>
          {submit.isPending ? t('register.submitting') : t('register.submit')}
        </Button>
      </Form>
      <p>
        {t('register.haveAccount')}{' '}
        <Link className="usa-link" to="/sign-in">
          {t('register.signIn')}
        </Link>
      </p>
    </div>
  );
}

/** The summary's links, in the order of the form. */
const fieldOrder = ['firstName', 'middleName', 'lastName', 'email', 'phone', 'userId', 'password', 'confirm'] as const;

function problemsOf(errors: Partial<Record<(typeof fieldOrder)[number], string>>): FieldProblem[] {
  return fieldOrder.flatMap((field) => {
    const message = errors[field];
    return message ? [{ fieldId: `register-${field}`, message }] : [];
  });
}

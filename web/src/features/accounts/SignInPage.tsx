import { Button, Checkbox, ErrorMessage, Form, FormGroup } from '@trussworks/react-uswds';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasErrorCode } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCheckError } from '../../components/form-errors';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { TextField } from '../../components/TextField';
import { usePageTitle } from '../../components/use-page-title';
import { GoTo } from '../session/GoTo';
import { stagePath } from '../session/return-path';
import { useReturnPath } from '../session/use-return-path';
import { useSession } from '../session/use-session';
import { fetchCurrentTerms, signIn, termsQueryKey } from './accounts-api';
import { SignInNotice } from './SignInNotice';
import { TermsBox } from './TermsBox';

type Field = 'userId' | 'password' | 'acceptTerms';

export function SignInPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('signIn.title'));
  const returnTo = useReturnPath();
  const session = useSession();
  // The terms are in the page's language: asking again when it changes.
  const terms = useQuery({
    queryKey: [...termsQueryKey, i18n.resolvedLanguage],
    queryFn: ({ signal }) => fetchCurrentTerms(signal),
  });
  const [userId, setUserId] = useState('');
  const [password, setPassword] = useState('');
  const [acceptTerms, setAcceptTerms] = useState(false);
  // The fields found missing, not their messages: the words follow a change of language.
  const [missing, setMissing] = useState<Partial<Record<Field, true>>>({});
  const missingMessages: Record<Field, string> = {
    userId: t('signIn.userIdRequired'),
    password: t('signIn.passwordRequired'),
    acceptTerms: t('signIn.termsRequired'),
  };
  const fieldErrors: Partial<Record<Field, string>> = Object.fromEntries(
    (Object.keys(missing) as Field[]).map((field) => [field, missingMessages[field]]),
  );
  const [formError, setFormError] = useState<unknown>(null);

  const submit = useMutation({
    mutationFn: signIn,
    onError: (error) => {
      setFormError(error);
      if (hasErrorCode(error, 'sign_in.terms_outdated')) {
        // Someone published new terms since this page loaded: show them, to be agreed to again.
        setAcceptTerms(false);
        void terms.refetch();
      }
      if (hasErrorCode(error, 'sign_in.failed')) setPassword('');
    },
  });

  // Signed in already, or half-way: go on from where this session stands.
  const current = session.data?.session;
  if (current) return <GoTo to={stagePath(current, returnTo)} />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: Partial<Record<Field, true>> = {};
    if (!userId.trim()) errors.userId = true;
    if (!password) errors.password = true;
    if (!acceptTerms) errors.acceptTerms = true;
    setMissing(errors);
    if (Object.keys(errors).length > 0) {
      setFormError(new FormCheckError());
      return;
    }
    setFormError(null);
    submit.mutate({ userId: userId.trim(), password, acceptTerms, termsVersion: terms.data?.version });
  };

  return (
    <div className="rc-page">
      <h1>{t('signIn.title')}</h1>
      <SignInNotice />
      <ErrorAlert error={formError} />
      <Form onSubmit={onSubmit} noValidate large>
        <TextField
          id="sign-in-user-id"
          name="userId"
          label={t('signIn.userId')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={userId}
          onValueChange={setUserId}
          error={fieldErrors.userId}
        />
        <TextField
          id="sign-in-password"
          name="password"
          type="password"
          label={t('signIn.password')}
          autoComplete="current-password"
          value={password}
          onValueChange={setPassword}
          error={fieldErrors.password}
        />
        {terms.isPending ? (
          <LoadingStatus label={t('signIn.termsLoading')} />
        ) : terms.isError ? (
          <PageError onRetry={() => void terms.refetch()} />
        ) : (
          <TermsBox terms={terms.data} />
        )}
        <FormGroup error={Boolean(fieldErrors.acceptTerms)}>
          {fieldErrors.acceptTerms ? <ErrorMessage id="sign-in-terms-error">{fieldErrors.acceptTerms}</ErrorMessage> : null}
          <Checkbox
            id="sign-in-accept-terms"
            name="acceptTerms"
            label={t('signIn.acceptTerms')}
            checked={acceptTerms}
            onChange={(event) => setAcceptTerms(event.target.checked)}
            aria-invalid={fieldErrors.acceptTerms ? true : undefined}
            aria-describedby={fieldErrors.acceptTerms ? 'sign-in-terms-error' : undefined}
          />
        </FormGroup>
        <Button type="submit" disabled={submit.isPending || terms.isPending}>
          {submit.isPending ? t('signIn.submitting') : t('signIn.submit')}
        </Button>
      </Form>
      <ul className="usa-list usa-list--unstyled rc-link-list">
        <li>
          <Link className="usa-link" to="/forgot-user-id">
            {t('signIn.forgotUserId')}
          </Link>
        </li>
        <li>
          <Link className="usa-link" to="/forgot-password">
            {t('signIn.forgotPassword')}
          </Link>
        </li>
        <li>
          <Link className="usa-link" to="/register">
            {t('signIn.register')}
          </Link>
        </li>
      </ul>
    </div>
  );
}

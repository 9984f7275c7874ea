import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/TextField';
import { PasswordRules } from './PasswordRules';
import type { PasswordRule } from './password-rules';

interface Props {
  idPrefix: string;
  password: string;
  confirm: string;
  onPasswordChange: (value: string) => void;
  onConfirmChange: (value: string) => void;
  violations: readonly PasswordRule[];
  /** The confirmation differs from the password (checked before sending). */
  mismatch: boolean;
  label?: string;
  /** What the browser found before sending: an empty password or confirmation. */
  passwordError?: string;
  confirmError?: string;
}

/** A new password, its rules listed under it, and the same password again. */
export function NewPasswordFields({
  idPrefix,
  password,
  confirm,
  onPasswordChange,
  onConfirmChange,
  violations,
  mismatch,
  label,
  passwordError,
  confirmError,
}: Props) {
  const { t } = useTranslation();
  const rulesId = `${idPrefix}-rules`;
  return (
    <>
      <TextField
        id={`${idPrefix}-password`}
        name="password"
        type="password"
        autoComplete="new-password"
        label={label ?? t('password.new')}
        value={password}
        onValueChange={onPasswordChange}
        error={passwordError ?? (violations.length > 0 ? t('password.rejectedField') : undefined)}
        describedBy={rulesId}
      />
      <PasswordRules id={rulesId} violations={violations} />
      <TextField
        id={`${idPrefix}-confirm`}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        label={t('password.confirm')}
        value={confirm}
        onValueChange={onConfirmChange}
        error={confirmError ?? (mismatch ? t('password.mismatch') : undefined)}
      />
    </>
  );
}

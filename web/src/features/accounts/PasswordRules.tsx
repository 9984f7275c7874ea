import { useTranslation } from 'react-i18next';
import { passwordRules, type PasswordRule } from './password-rules';

const ruleKeys = {
  length: 'password.rules.length',
  uppercase: 'password.rules.uppercase',
  lowercase: 'password.rules.lowercase',
  digit: 'password.rules.digit',
  contains_user_id: 'password.rules.containsUserId',
  contains_name: 'password.rules.containsName',
  reused: 'password.rules.reused',
  common: 'password.rules.common',
} as const satisfies Record<PasswordRule, string>;

/**
 * The password rules under a password field. After the server refused a password, each rule it
 * broke says so in words (not only in colour), so the field's description tells what to fix.
 */
export function PasswordRules({ id, violations }: { id: string; violations: readonly PasswordRule[] }) {
  const { t } = useTranslation();
  return (
    <div id={id} className="rc-password-rules">
      <p className="usa-hint rc-password-rules__intro">{t('password.rules.intro')}</p>
      <ul className="rc-password-rules__list">
        {passwordRules.map((rule) => {
          const failed = violations.includes(rule);
          return (
            <li
              key={rule}
              className={failed ? 'rc-password-rules__rule rc-password-rules__rule--failed' : 'rc-password-rules__rule'}
              data-rule={rule}
            >
              {failed ? <strong>{t('password.rules.notMet')} </strong> : null}
              {t(ruleKeys[rule])}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

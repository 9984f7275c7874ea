import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePageTitle } from '../../components/use-page-title';
import { setUpAccount } from './accounts-api';
import { NewPasswordForm } from './NewPasswordForm';
import { useToken } from './use-token';

/** An administrator's first set-up, from the link `rolecall admin create` prints: `/set-up?token=…`. */
export function SetUpPage() {
  const { t } = useTranslation();
  usePageTitle(t('setUp.title'));
  const token = useToken();
  const navigate = useNavigate();
  const setUp = useMutation({
    mutationFn: (password: string) => setUpAccount(token, password),
    onSuccess: () => void navigate('/sign-in', { state: { notice: 'setUp' } }),
  });

  return (
    <div className="rc-page">
      <h1>{t('setUp.title')}</h1>
      {token ? (
        <>
          <p className="usa-intro">{t('setUp.intro')}</p>
          <NewPasswordForm
            idPrefix="set-up"
            submitLabel={t('setUp.submit')}
            pending={setUp.isPending}
            error={setUp.error}
            onSubmit={(password) => setUp.mutate(password)}
          />
        </>
      ) : (
        <p>{t('links.missingToken')}</p>
      )}
    </div>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { SuccessAlert } from '../../components/SuccessAlert';
import { usePageTitle } from '../../components/use-page-title';
import { AddDevice } from './AddDevice';
import { factorName } from './factor-kinds';
import { FactorTable } from './FactorTable';
import { factorsQueryKey, type EnrollmentDone, type Factor } from './mfa-api';
import { RecoveryCodesSection } from './RecoveryCodesSection';
import { RemoveFactor } from './RemoveFactor';
import { useFactors } from './use-factors';

type Notice = { kind: 'added' | 'removed'; label: string };

/** "Manage MFA and recovery devices": the devices, the recovery codes, and adding another device. */
export function ManageMfaPage() {
  const { t } = useTranslation();
  usePageTitle(t('manageMfa.title'));
  const queryClient = useQueryClient();
  const factors = useFactors();
  const [removing, setRemoving] = useState<Factor | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  // A new AddDevice (fresh state) after each device added.
  const [addKey, setAddKey] = useState(0);
  const reload = () => void queryClient.invalidateQueries({ queryKey: factorsQueryKey });

  const onAdded = (done: EnrollmentDone) => {
    setNotice({ kind: 'added', label: factorName(done.factor, t) });
    setAddKey((key) => key + 1);
    reload();
  };

  return (
    <div className="rc-page">
      <h1>{t('manageMfa.title')}</h1>
      <p className="usa-intro">{t('manageMfa.intro')}</p>
      {notice ? (
        <SuccessAlert
          message={
            notice.kind === 'added'
              ? t('manageMfa.addedNotice', { label: notice.label })
              : t('manageMfa.removed', { label: notice.label })
          }
        />
      ) : null}
      <section aria-labelledby="devices-heading" className="rc-section">
        <h2 id="devices-heading">{t('manageMfa.devicesHeading')}</h2>
        {factors.isPending ? (
          <LoadingStatus />
        ) : factors.isError ? (
          <PageError onRetry={() => void factors.refetch()} />
        ) : (
          <>
            <FactorTable factors={factors.data.factors} onRemove={setRemoving} />
            {removing ? (
              <RemoveFactor
                key={removing.id}
                factor={removing}
                onCancel={() => setRemoving(undefined)}
                onRemoved={() => {
                  setNotice({ kind: 'removed', label: factorName(removing, t) });
                  setRemoving(undefined);
                  reload();
                }}
              />
            ) : null}
          </>
        )}
      </section>
      {factors.isSuccess ? <RecoveryCodesSection remaining={factors.data.recoveryCodesRemaining} onChanged={reload} /> : null}
      <section className="rc-section">
        <AddDevice key={addKey} headingLevel={2} onDone={onAdded} />
      </section>
      <p>
        <Link className="usa-link" to="/profile">
          {t('links.backToProfile')}
        </Link>
      </p>
    </div>
  );
}

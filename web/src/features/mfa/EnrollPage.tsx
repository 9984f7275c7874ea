import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { usePageTitle } from '../../components/use-page-title';
import { GoTo, useGoTo } from '../session/GoTo';
import { stagePath } from '../session/return-path';
import { useReturnPath } from '../session/use-return-path';
import { useSession } from '../session/use-session';
import { AddDevice } from './AddDevice';
import type { EnrollmentDone } from './mfa-api';
import { RecoveryCodesPanel } from './RecoveryCodesPanel';
import { useStepHeading } from './use-step-heading';

/**
 * First sign-in without an MFA device (stage `enroll`): add one, then save the recovery codes
 * that come with it. Confirming the device makes the session `active`; the codes stay on screen
 * until the person continues.
 */
export function EnrollPage() {
  const { t } = useTranslation();
  const returnTo = useReturnPath();
  const goTo = useGoTo();
  const session = useSession();
  const [codes, setCodes] = useState<string[] | undefined>();
  const enrolling = useRef(false);
  const headingRef = useStepHeading(codes ? 'codes' : 'add');
  const title = codes ? t('recoveryCodes.title') : t('enroll.title');
  usePageTitle(title);

  if (session.isPending) return <LoadingStatus />;
  if (session.isError) return <PageError onRetry={() => void session.refetch()} />;
  const current = session.data.session;
  if (current?.stage === 'enroll') enrolling.current = true;
  // Only a session that is enrolling belongs here; one that just finished stays to see its codes.
  if (current?.stage !== 'enroll' && !(current?.stage === 'active' && enrolling.current)) {
    return <GoTo to={stagePath(current, returnTo)} />;
  }

  const onDone = (done: EnrollmentDone) => {
    if (done.recoveryCodes && done.recoveryCodes.length > 0) setCodes(done.recoveryCodes);
    else goTo(returnTo);
  };

  return (
    <div className="rc-page">
      <h1 ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      {codes ? (
        <RecoveryCodesPanel codes={codes} onContinue={() => goTo(returnTo)} />
      ) : (
        <>
          <p className="usa-intro">{t('enroll.intro')}</p>
          <AddDevice headingLevel={2} onDone={onDone} />
        </>
      )}
    </div>
  );
}

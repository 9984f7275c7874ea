import { Button, ButtonGroup, Modal, ModalFooter, ModalHeading, type ModalRef } from '@trussworks/react-uswds';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SessionCountdown } from './SessionCountdown';
import {
  fetchSession,
  refreshSession,
  serverNow,
  sessionQueryKey,
  signOut as endSession,
  type SessionState,
} from './session-api';
import { forgetSession, useSignOut } from './use-sign-out';
import { useSession } from './use-session';

type Phase = 'quiet' | 'warning';

/**
 * The idle-timeout warning: opens when the server's `warnAt` is reached, counts down to
 * `idleExpiresAt`, and then signs the person out. The times come from the server's answer (reading
 * the session does not extend it), checked again with the server before acting on them.
 */
export function SessionTimeout() {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const modalRef = useRef<ModalRef>(null);
  const [phase, setPhase] = useState<Phase>('quiet');
  const [now, setNow] = useState(() => Date.now());
  const signOut = useSignOut();
  const stay = useMutation({ mutationFn: refreshSession });

  const state = session.data;
  const active = state?.session?.stage === 'active' ? state.session : null;
  const warnAt = active ? Date.parse(active.warnAt) : undefined;
  const endsAt = active ? Date.parse(active.idleExpiresAt) : undefined;
  const offset = state?.serverOffsetMs ?? 0;

  // Before warning or signing out, ask the server again: activity in another tab, or any
  // request since the last reading, may have moved the times.
  const recheck = useRef<() => Promise<SessionState>>(undefined);
  recheck.current = () =>
    queryClient.fetchQuery({
      queryKey: sessionQueryKey,
      queryFn: ({ signal }) => fetchSession(queryClient.getQueryData<SessionState>(sessionQueryKey), signal),
      staleTime: 0,
    });

  useEffect(() => {
    if (warnAt === undefined || endsAt === undefined) {
      setPhase('quiet');
      return;
    }
    const untilWarn = warnAt - (Date.now() + offset);
    if (untilWarn <= 0) {
      setPhase('warning');
      return;
    }
    setPhase('quiet');
    const timer = window.setTimeout(() => {
      void recheck.current?.().then((fresh) => {
        const s = fresh.session;
        if (s?.stage === 'active' && Date.parse(s.warnAt) <= serverNow(fresh)) setPhase('warning');
      });
    }, untilWarn);
    return () => window.clearTimeout(timer);
  }, [warnAt, endsAt, offset]);

  // The countdown ticks every second while the warning is open.
  useEffect(() => {
    if (phase !== 'warning') return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [phase]);

  useEffect(() => {
    modalRef.current?.toggleModal(undefined, phase === 'warning');
  }, [phase]);

  const remaining = endsAt === undefined ? 0 : endsAt - (now + offset);
  const expired = phase === 'warning' && remaining <= 0;

  useEffect(() => {
    if (!expired) return;
    let cancelled = false;
    void (async () => {
      const fresh = await recheck.current?.().catch(() => undefined);
      if (cancelled) return;
      const s = fresh?.session;
      if (fresh && s?.stage === 'active' && Date.parse(s.idleExpiresAt) > serverNow(fresh)) return;
      // The server may keep a slower clock than this page's estimate: end the session there too.
      if (s) await endSession().catch(() => undefined);
      forgetSession(queryClient, 'timedOut', () => void navigate('/sign-in'));
    })();
    return () => {
      cancelled = true;
    };
  }, [expired, queryClient, navigate]);

  const busy = stay.isPending || signOut.isPending;
  return (
    <Modal
      ref={modalRef}
      id="session-timeout"
      aria-labelledby="session-timeout-heading"
      aria-describedby="session-timeout-description"
      forceAction
    >
      <ModalHeading id="session-timeout-heading">{t('session.timeoutHeading')}</ModalHeading>
      {endsAt !== undefined ? (
        <SessionCountdown
          descriptionId="session-timeout-description"
          endsAt={new Date(endsAt - offset)}
          remainingMs={remaining}
        />
      ) : null}
      {stay.isError ? <p className="usa-error-message">{t('session.stayFailed')}</p> : null}
      <ModalFooter>
        <ButtonGroup>
          <Button type="button" data-focus disabled={busy} onClick={() => stay.mutate()}>
            {t('session.staySignedIn')}
          </Button>
          <Button type="button" outline disabled={busy} onClick={() => signOut.mutate('signedOut')}>
            {t('session.signOut')}
          </Button>
        </ButtonGroup>
      </ModalFooter>
    </Modal>
  );
}

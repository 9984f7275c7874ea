import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { hasErrorCode } from '../../api/client';
import {
  acknowledgementKey,
  certificationListKey,
  certificationsKey,
  decide,
  fetchAcknowledgement,
  type DecisionResult,
  type Outcome,
  type Target,
} from './certifications-api';

/** A Certify or Revoke someone pressed: what it applies to, in words for the confirmation. */
export interface DecisionRequest {
  outcome: Outcome;
  target: Target;
  /** What it decides, in words for the confirmation, e.g. "SPOT End User of Jordan Diaz". */
  summary: string;
  /** Whole-list actions are confirmed first; for one row, a selection or one user, the ticked box is the confirmation. */
  confirm: boolean;
}

// The server refuses the whole batch when the list moved under the certifier (someone else or
// the sweep decided an item, or it is no longer due): the list is read again so it shows what is left.
const staleCodes = ['certification.already_decided', 'certification.not_due', 'resource.not_found'];

/**
 * One certification decision at a time: the versioned "I acknowledge" text, the tick it needs,
 * the confirmation step, and one request to the server, which decides the batch in one transaction.
 */
export function useDecision(onDecided: (result: DecisionResult, request: DecisionRequest) => void) {
  const queryClient = useQueryClient();
  const acknowledgement = useQuery({ queryKey: acknowledgementKey, queryFn: ({ signal }) => fetchAcknowledgement(signal) });
  const [acknowledged, setAcknowledgedState] = useState(false);
  const [missingAcknowledgement, setMissingAcknowledgement] = useState(false);
  const [confirming, setConfirming] = useState<DecisionRequest | undefined>();
  const checkboxRef = useRef<HTMLInputElement>(null);

  const mutation = useMutation({
    mutationFn: (request: DecisionRequest) => {
      const version = acknowledgement.data?.version;
      if (version === undefined) throw new Error('The acknowledgement is not loaded yet.');
      return decide(request.outcome, version, request.target);
    },
    onSuccess: async (result, request) => {
      setConfirming(undefined);
      // Each decision is acknowledged on its own: the box is ticked again for the next one.
      setAcknowledgedState(false);
      // The list is read again from its first page, so decided rows are gone before the notice
      // shows; a user's details are read again only when opened again (they may have no role left).
      await Promise.all([
        queryClient.resetQueries({ queryKey: certificationListKey }),
        queryClient.invalidateQueries({ queryKey: [...certificationsKey, 'summary'] }),
        queryClient.invalidateQueries({ queryKey: [...certificationsKey, 'holder'], refetchType: 'none' }),
      ]);
      onDecided(result, request);
    },
    onError: (error) => {
      setConfirming(undefined);
      if (hasErrorCode(error, 'certification.acknowledgement_outdated')) {
        setAcknowledgedState(false);
        void queryClient.invalidateQueries({ queryKey: acknowledgementKey });
      } else if (staleCodes.some((code) => hasErrorCode(error, code))) {
        void queryClient.invalidateQueries({ queryKey: certificationListKey });
        void queryClient.invalidateQueries({ queryKey: [...certificationsKey, 'holder'] });
      }
    },
  });

  const setAcknowledged = (value: boolean) => {
    setAcknowledgedState(value);
    if (value) setMissingAcknowledgement(false);
  };

  /** Certify or Revoke pressed: the box must be ticked; whole-list actions ask first. */
  const request = (decision: DecisionRequest) => {
    mutation.reset();
    if (!acknowledged || acknowledgement.data === undefined) {
      setMissingAcknowledgement(true);
      setConfirming(undefined);
      checkboxRef.current?.focus();
      return;
    }
    if (decision.confirm) setConfirming(decision);
    else mutation.mutate(decision);
  };

  return {
    acknowledgement,
    acknowledged,
    setAcknowledged,
    missingAcknowledgement,
    checkboxRef,
    confirming,
    confirm: () => {
      if (confirming) mutation.mutate(confirming);
    },
    cancel: () => setConfirming(undefined),
    request,
    mutation,
    outdated: hasErrorCode(mutation.error, 'certification.acknowledgement_outdated'),
  };
}

export type Decision = ReturnType<typeof useDecision>;

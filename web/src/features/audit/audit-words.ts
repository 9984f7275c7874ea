import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/*
 * The actions people look for most often, in words. The code is what the search matches and what
 * stays the same from one release to the next: the page always shows it, with these words beside
 * it when there are some. An action not listed here is shown by its code alone.
 */
const actionLabelKeys = {
  'account.registered': 'audit.actions.accountRegistered',
  'account.locked': 'audit.actions.accountLocked',
  'account.unlocked': 'audit.actions.accountUnlocked',
  'account.disabled': 'audit.actions.accountDisabled',
  'account.enabled': 'audit.actions.accountEnabled',
  'sign_in.succeeded': 'audit.actions.signInSucceeded',
  'sign_in.failed': 'audit.actions.signInFailed',
  'session.ended': 'audit.actions.sessionEnded',
  'application.signed_in': 'audit.actions.applicationSignedIn',
  'password.changed': 'audit.actions.passwordChanged',
  'password.reset': 'audit.actions.passwordReset',
  'mfa.factor_added': 'audit.actions.mfaFactorAdded',
  'mfa.factor_removed': 'audit.actions.mfaFactorRemoved',
  'role.granted': 'audit.actions.roleGranted',
  'role.removed': 'audit.actions.roleRemoved',
  'role_request.submitted': 'audit.actions.roleRequestSubmitted',
  'role_request.approved': 'audit.actions.roleRequestApproved',
  'role_request.rejected': 'audit.actions.roleRequestRejected',
  'role_request.cancelled': 'audit.actions.roleRequestCancelled',
  'certification.certified': 'audit.actions.certificationCertified',
  'certification.revoked': 'audit.actions.certificationRevoked',
  'organization.created': 'audit.actions.organizationCreated',
  'organization_form.submitted': 'audit.actions.organizationFormSubmitted',
} as const;

type KnownAction = keyof typeof actionLabelKeys;

/** The action codes the search form suggests as one types, in the order above. */
export const knownActions = Object.keys(actionLabelKeys) as KnownAction[];

function isKnownAction(code: string): code is KnownAction {
  return Object.hasOwn(actionLabelKeys, code);
}

/** An action's words in the page's language; undefined for an action shown by its code alone. */
export function useActionLabel(): (code: string) => string | undefined {
  const { t } = useTranslation();
  return useCallback((code: string) => (isKnownAction(code) ? t(actionLabelKeys[code]) : undefined), [t]);
}

const actorKindKeys = {
  system: 'audit.actorKinds.system',
  cli: 'audit.actorKinds.cli',
  anonymous: 'audit.actorKinds.anonymous',
  user: 'audit.actorKinds.user',
} as const;

/** Who acted when no person is named: Rolecall itself, the command line, someone not signed in. */
export function useActorKindLabel(): (kind: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (kind: string) => (Object.hasOwn(actorKindKeys, kind) ? t(actorKindKeys[kind as keyof typeof actorKindKeys]) : kind),
    [t],
  );
}

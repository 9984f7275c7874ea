/**
 * Drafts of long forms, kept in this browser tab (sessionStorage) so that an idle sign-out does
 * not lose what someone typed: signing in again in the same tab brings it back. A draft is the
 * person's own (its key names them), leaves with the tab, and is dropped when they sign out on
 * purpose or send the form. Secrets are never put in one: the caller leaves them out.
 */
const prefix = 'rolecall.draft.';

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    // Storage turned off: forms still work, without drafts.
    return undefined;
  }
}

export function loadDraft<T>(key: string): Partial<T> | undefined {
  const text = storage()?.getItem(prefix + key);
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Partial<T>) : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(key: string, values: object): void {
  try {
    storage()?.setItem(prefix + key, JSON.stringify(values));
  } catch {
    // A full storage keeps no draft; the form itself is unaffected.
  }
}

export function clearDraft(key: string): void {
  storage()?.removeItem(prefix + key);
}

/** Every draft in this tab, when the person signs out on purpose. */
export function clearAllDrafts(): void {
  const store = storage();
  if (!store) return;
  const keys = Array.from({ length: store.length }, (_, index) => store.key(index)).filter(
    (key): key is string => key !== null && key.startsWith(prefix),
  );
  for (const key of keys) store.removeItem(key);
}

import type { ClientKind } from './clients-api';

export const clientKinds: readonly ClientKind[] = ['web', 'service'];

/** Each kind in words: what the client does, never the server's code for it. */
export const clientKindKeys = {
  web: 'clients.kinds.web',
  service: 'clients.kinds.service',
} as const satisfies Record<ClientKind, string>;

export const clientKindDescriptionKeys = {
  web: 'clients.kindDescriptions.web',
  service: 'clients.kindDescriptions.service',
} as const satisfies Record<ClientKind, string>;

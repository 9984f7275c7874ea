import { hasErrorCode } from '../../api/client';

/**
 * The form field the server refused: its own check (`invalidCode`, e.g. `webhook.invalid`) names
 * it in `details.field`; a request its schema refused names it in a path such as
 * `body/redirectUris/0`.
 */
export function refusedField<Field extends string>(
  error: unknown,
  invalidCode: string,
  fields: readonly Field[],
): Field | undefined {
  if (hasErrorCode(error, invalidCode)) {
    const field = error.details?.field;
    return fields.find((known) => known === field);
  }
  if (hasErrorCode(error, 'request.invalid')) {
    const named = error.details?.fields;
    if (!Array.isArray(named)) return undefined;
    for (const item of named as unknown[]) {
      const path = typeof item === 'object' && item !== null ? (item as { field?: unknown }).field : undefined;
      if (typeof path !== 'string') continue;
      const found = fields.find((known) => path.split('/').includes(known));
      if (found) return found;
    }
    return undefined;
  }
  return undefined;
}

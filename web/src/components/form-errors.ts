import { isApiError } from '../api/client';

/** A form the browser refused to send: the fields marked say why. */
export class FormCheckError extends Error {
  constructor() {
    super('Some fields need attention.');
    this.name = 'FormCheckError';
  }
}

/** Which rule each named field broke, from a `request.invalid` answer's `details.fields`. */
export function invalidFields(error: unknown): Record<string, string> {
  if (!isApiError(error) || error.code !== 'request.invalid') return {};
  const fields = error.details?.fields;
  const byField: Record<string, string> = {};
  if (!Array.isArray(fields)) {
    // `{ field: 'email', reason }` names one field.
    const one = error.details?.field;
    if (typeof one === 'string') byField[one] = String(error.details?.reason ?? 'invalid');
    return byField;
  }
  for (const item of fields as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { field, rule } = item as { field?: unknown; rule?: unknown };
    if (typeof field !== 'string') continue;
    // `body/email` or `body/phone`: the last segment is the field's name.
    const name = field.split('/').filter(Boolean).pop();
    if (name && !(name in byField)) byField[name] = typeof rule === 'string' ? rule : 'invalid';
  }
  return byField;
}

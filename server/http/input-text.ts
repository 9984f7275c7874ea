import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

/**
 * Control characters are refused in every text a request carries — path parameters, query
 * strings, JSON bodies, object keys included — before any schema or service sees them. A NUL
 * cannot be stored in PostgreSQL text and would be stored as-is in SQLite, from where it would
 * reach emails and the audit log; the others have no place in names, addresses or reasons.
 * Tab, line feed and carriage return stay allowed: comments and reasons span lines.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

/** The path (e.g. `body/contact/name`) of the first text holding a control character, if any. */
export function findControlCharacter(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return hasControlCharacter(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findControlCharacter(item, `${path}/${index}`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (hasControlCharacter(key)) return `${path}/${key.replace(CONTROL_CHARACTER, '?')}`;
      const found = findControlCharacter(item, `${path}/${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** Refuses, with `request.invalid` naming the field, any request whose input holds a control character. */
export function registerInputTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const field =
      findControlCharacter(request.params, 'params') ??
      findControlCharacter(request.query, 'querystring') ??
      findControlCharacter(request.body, 'body');
    if (field) {
      throw new AppError('request.invalid', {
        fields: [{ field, rule: 'control_characters', message: 'must not contain control characters' }],
      });
    }
  });
}

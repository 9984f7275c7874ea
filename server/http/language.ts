import type { FastifyRequest } from 'fastify';
import type { Language } from './errors.js';

/** The caller's language for messages: Spanish when they prefer it, English otherwise. */
export function requestLanguage(request: FastifyRequest): Language {
  return preferredLanguage(request.headers['accept-language']);
}

/** The language an Accept-Language header prefers of Rolecall's two; English when neither. */
export function preferredLanguage(header: string | string[] | undefined): Language {
  if (typeof header !== 'string') return 'en';
  const preferred = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((param) => param.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    // q=0 means "not acceptable", not a weak preference.
    .filter((entry) => entry.q > 0 && (entry.tag.startsWith('en') || entry.tag.startsWith('es')))
    .sort((a, b) => b.q - a.q)[0];
  return preferred?.tag.startsWith('es') ? 'es' : 'en';
}

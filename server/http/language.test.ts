import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { requestLanguage } from './language.js';

function requestWith(acceptLanguage: string | undefined): FastifyRequest {
  const headers: Record<string, string> = {};
  if (acceptLanguage !== undefined) headers['accept-language'] = acceptLanguage;
  return { headers } as unknown as FastifyRequest;
}

describe('requestLanguage', () => {
  it('picks Spanish for a Spanish browser', () => {
    expect(requestLanguage(requestWith('es-US,es;q=0.9'))).toBe('es');
  });

  it('picks English when there is no Accept-Language header', () => {
    expect(requestLanguage(requestWith(undefined))).toBe('en');
  });

  it('picks English for an empty header', () => {
    expect(requestLanguage(requestWith(''))).toBe('en');
  });

  it('picks English for a language it does not have', () => {
    expect(requestLanguage(requestWith('fr-FR'))).toBe('en');
    expect(requestLanguage(requestWith('*'))).toBe('en');
  });

  it('picks Spanish when Spanish is preferred over a language it does not have', () => {
    expect(requestLanguage(requestWith('fr-FR, es;q=0.5'))).toBe('es');
  });

  it('respects q-values over the order of the list', () => {
    expect(requestLanguage(requestWith('en;q=0.4, es;q=0.8'))).toBe('es');
    expect(requestLanguage(requestWith('es;q=0.2, en'))).toBe('en');
    expect(requestLanguage(requestWith('fr, en-GB;q=0.3, es-MX;q=0.7'))).toBe('es');
  });

  it('keeps the listed order when q-values are equal', () => {
    expect(requestLanguage(requestWith('es, en'))).toBe('es');
    expect(requestLanguage(requestWith('en, es'))).toBe('en');
  });

  it('ignores case and whitespace', () => {
    expect(requestLanguage(requestWith('ES-mx'))).toBe('es');
    expect(requestLanguage(requestWith('  en ;q=0.1 ,  es ; q=0.9 '))).toBe('es');
  });

  it('picks English for an English browser', () => {
    expect(requestLanguage(requestWith('en-US,en;q=0.9,es;q=0.8'))).toBe('en');
  });

  it('treats q=0 as "not acceptable"', () => {
    expect(requestLanguage(requestWith('fr, es;q=0'))).toBe('en');
  });
});

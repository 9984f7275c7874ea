import { describe, expect, it } from 'vitest';
import { includesId } from './id-lookup.js';

describe('includesId', () => {
  it('answers as includes() does for short and long lists', () => {
    for (const size of [0, 1, 16, 17, 1000]) {
      const ids = Array.from({ length: size }, (_, index) => `org-${index}`);
      for (const probe of ['org-0', `org-${size - 1}`, `org-${size}`, 'other']) {
        expect(includesId(ids, probe)).toBe(ids.includes(probe));
      }
    }
  });

  it('keeps answering for the same list asked many times', () => {
    const ids = Array.from({ length: 100 }, (_, index) => `org-${index}`);
    expect(includesId(ids, 'org-99')).toBe(true);
    expect(includesId(ids, 'org-99')).toBe(true);
    expect(includesId(ids, 'org-100')).toBe(false);
  });
});

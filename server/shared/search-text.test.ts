import { describe, expect, it } from 'vitest';
import { searchText, searchWords } from './search-text.js';

describe('searchText', () => {
  it('lower-cases, strips accents and turns punctuation into single spaces', () => {
    expect(searchText('Clínica  Santa-María, P.A.')).toBe('clinica santa maria p a');
    expect(searchText('  ÑANDÚ Health  ')).toBe('nandu health');
  });

  it('keeps digits and letters of any script', () => {
    expect(searchText('Clinic #7 (Ñ)')).toBe('clinic 7 n');
  });
});

describe('searchWords', () => {
  it('answers each word once, normalized', () => {
    expect(searchWords('Santa santa MARÍA')).toEqual(['santa', 'maria']);
    expect(searchWords(' %_ ')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.js';

describe('evidence CSV cells', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(toCsv(['plain', 'a,b', 'say "hi"', 'two\nlines'])).toBe('plain,"a,b","say ""hi""","two\nlines"');
  });

  it('keeps formulas from running in a spreadsheet', () => {
    expect(csvCell('=HYPERLINK("http://evil.test")')).toBe(`"'=HYPERLINK(""http://evil.test"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('Bayside Pediatrics')).toBe('Bayside Pediatrics');
    expect(csvCell('2026-03-02T15:00:00.000Z')).toBe('2026-03-02T15:00:00.000Z');
  });
});

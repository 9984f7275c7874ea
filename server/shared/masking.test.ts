import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone } from './masking.js';

describe('masking', () => {
  it('shows the first letter and the domain of an email address', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j•••@example.com');
    expect(maskEmail('J@example.com')).toBe('J•••@example.com');
  });

  it('never shows more of the local part than its first letter', () => {
    const masked = maskEmail('secretive.person@example.com');
    expect(masked).not.toContain('ecretive');
    expect(masked).not.toContain('person');
  });

  it('uses the last @ for addresses with a quoted @ in the local part', () => {
    expect(maskEmail('"a@b"@example.com')).toBe('"•••@example.com');
  });

  it('hides everything when there is no local part', () => {
    expect(maskEmail('no-at-sign')).toBe('•••');
    expect(maskEmail('@example.com')).toBe('•••');
  });

  it('shows only the last four digits of a phone number, whatever its punctuation', () => {
    expect(maskPhone('+1 410 555 0142')).toBe('•••0142');
    expect(maskPhone('(410) 555-0142')).toBe('•••0142');
    expect(maskPhone('+1.410.555.0142')).not.toContain('410');
  });
});

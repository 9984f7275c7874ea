import { describe, expect, it } from 'vitest';
import { breachedPasswordCounts } from './common-passwords.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordViolations, type PasswordViolation } from './password-policy.js';

const owner = { userId: 'mkestrel', firstName: 'Dana', lastName: 'Whitfield' };
/** 15 characters, every class, no name, not on the list. */
const FIFTEEN = 'Rk4vTq9mWz2LpYb';

const violations = (password: string, who = owner): PasswordViolation[] => [...passwordViolations(password, who)].sort();
const only = (...rules: PasswordViolation[]) => [...rules].sort();

describe('the password policy', () => {
  it('allows 15 to 60 characters and refuses 14 and 61', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(15);
    expect(PASSWORD_MAX_LENGTH).toBe(60);
    expect(FIFTEEN).toHaveLength(15);
    expect(violations(FIFTEEN)).toEqual([]);
    expect(violations(FIFTEEN.slice(0, 14))).toEqual(only('length'));
    const sixty = FIFTEEN.repeat(4);
    expect(sixty).toHaveLength(60);
    expect(violations(sixty)).toEqual([]);
    expect(violations(`${sixty}x`)).toEqual(only('length'));
  });

  it('counts characters, not UTF-16 units', () => {
    // 14 characters, 15 UTF-16 units: still too short.
    expect(violations('Rk4vTq9mWz2Lp\u{1F600}')).toEqual(only('length'));
    // 15 characters, 16 units: long enough.
    expect(violations('Rk4vTq9mWz2LpY\u{1F600}')).toEqual([]);
  });

  it('needs an upper-case letter', () => {
    expect(violations(FIFTEEN.toLowerCase())).toEqual(only('uppercase'));
  });

  it('needs a lower-case letter', () => {
    expect(violations(FIFTEEN.toUpperCase())).toEqual(only('lowercase'));
  });

  it('needs a digit', () => {
    expect(violations('RkxvTqamWzeLpYbQ')).toEqual(only('digit'));
  });

  it('refuses the user ID in any case', () => {
    expect(violations('Rk4vmkestrelq9Wz')).toEqual(only('contains_user_id'));
    expect(violations('Rk4vMKESTRELq9Wz')).toEqual(only('contains_user_id'));
    expect(violations('Rk4vMkEsTrElq9Wz')).toEqual(only('contains_user_id'));
  });

  it('refuses the first name and the last name in any case', () => {
    expect(violations('Rk4vdAnAq9mWz2Lp')).toEqual(only('contains_name'));
    expect(violations('Rk4vWHITFIELDq9m')).toEqual(only('contains_name'));
    expect(violations('Rk4vwhitfieldQ9m')).toEqual(only('contains_name'));
  });

  it('refuses a password on the shipped list, also once leading and trailing digits and symbols are removed', () => {
    expect(breachedPasswordCounts().common).toBeGreaterThan(40_000);
    // "passwordpassword" is on the list; "password" too.
    expect(violations('Passwordpassword1')).toEqual(only('common'));
    expect(violations('Password123456789')).toEqual(only('common'));
    expect(violations('!!Password123456789!!')).toEqual(only('common'));
    expect(violations('PASSWORDpassword1')).toEqual(only('common'));
  });

  it('refuses a long password seen in breaches, which the length rule alone lets through', () => {
    // The million-password list's entries of 15 characters or more: the ones a password here could be.
    expect(breachedPasswordCounts().long).toBeGreaterThan(9_000);
    expect(violations('Mailcreated5240')).toEqual(only('common'));
    expect(violations('PolniyPizdec0211')).toEqual(only('common'));
    // Matched in any case: the list has it in lower case.
    expect(violations('Q1w2e3r4t5y6u7i8')).toEqual(only('common'));
    expect(violations('Mailcreated5241')).toEqual([]);
  });

  it('does not refuse a password merely because it contains common words', () => {
    // "violet", "harbor" and "lantern" are each on the list; the whole is not.
    expect(violations('Violet-Harbor-Lantern-42')).toEqual([]);
  });

  it('reports every rule a password breaks at once', () => {
    // "dana": short, no upper case, no digit, the first name, and on the list.
    expect(violations('dana')).toEqual(only('length', 'uppercase', 'digit', 'contains_name', 'common'));
    expect(violations('mkestrel')).toEqual(only('length', 'uppercase', 'digit', 'contains_user_id'));
  });
});

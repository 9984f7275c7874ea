import { describe, expect, it } from 'vitest';
import { InvalidFilter, parseFilter } from './scim-filter.js';

describe('SCIM filters', () => {
  it('reads an attribute expression with each operator and kind of value', () => {
    expect(parseFilter('userName eq "bjensen"')).toEqual({ kind: 'compare', path: 'userName', operator: 'eq', value: 'bjensen' });
    expect(parseFilter('title pr')).toEqual({ kind: 'present', path: 'title' });
    expect(parseFilter('active EQ true')).toEqual({ kind: 'compare', path: 'active', operator: 'eq', value: true });
    expect(parseFilter('x ne null')).toEqual({ kind: 'compare', path: 'x', operator: 'ne', value: null });
    expect(parseFilter('n ge -1.5e2')).toEqual({ kind: 'compare', path: 'n', operator: 'ge', value: -150 });
    expect(parseFilter('name.familyName co "O\\"Malley \\u00e9"')).toEqual({
      kind: 'compare',
      path: 'name.familyName',
      operator: 'co',
      value: 'O"Malley é',
    });
    expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"')).toMatchObject({
      path: 'urn:ietf:params:scim:schemas:core:2.0:User:userName',
      operator: 'sw',
    });
  });

  it('binds not before and, and and before or, and follows parentheses', () => {
    const a = { kind: 'present', path: 'a' };
    const b = { kind: 'present', path: 'b' };
    const c = { kind: 'present', path: 'c' };
    expect(parseFilter('a pr or b pr and c pr')).toEqual({ kind: 'or', left: a, right: { kind: 'and', left: b, right: c } });
    expect(parseFilter('(a pr or b pr) and c pr')).toEqual({ kind: 'and', left: { kind: 'or', left: a, right: b }, right: c });
    expect(parseFilter('not (a pr) and b pr')).toEqual({ kind: 'and', left: { kind: 'not', filter: a }, right: b });
    expect(parseFilter('a pr AND b pr OR c pr')).toEqual({ kind: 'or', left: { kind: 'and', left: a, right: b }, right: c });
  });

  it('refuses what it cannot read, saying where', () => {
    const refusals: [string, RegExp][] = [
      ['', /empty/],
      ['userName', /expected an operator .* at the end/],
      ['userName eq', /expected a value/],
      ['userName like "a"', /"like" is not an operator/],
      ['userName eq "a" b', /unexpected "b" at position 17/],
      ['not userName pr', /expected "\(" after "not"/],
      ['(a pr', /expected "\)" at the end/],
      ['emails[type eq "work"]', /value paths/],
      ['a eq "open', /not closed/],
      ['a eq "bad \\x escape"', /not a valid JSON string/],
      ['a eq yes', /expected a value/],
      [`a eq "${'x'.repeat(2_001)}"`, /longer than/],
      [`${'('.repeat(20)}a pr${')'.repeat(20)}`, /nests deeper/],
    ];
    for (const [filter, message] of refusals) {
      expect(() => parseFilter(filter), filter).toThrow(InvalidFilter);
      expect(() => parseFilter(filter), filter).toThrow(message);
    }
  });
});

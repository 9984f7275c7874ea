import { describe, expect, it } from 'vitest';
import { isId, newId } from './ids.js';

describe('newId', () => {
  it('is a UUID in the canonical lower-case form', () => {
    expect(newId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('is version 7 with the RFC 9562 variant, every time', () => {
    for (let i = 0; i < 200; i++) {
      const id = newId();
      expect(id[14]).toBe('7');
      expect(['8', '9', 'a', 'b']).toContain(id[19]);
    }
  });

  it('carries the Unix time in milliseconds in its first 48 bits', () => {
    const now = new Date('2026-07-15T12:34:56.789Z');
    const id = newId(now);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(now.getTime());
  });

  it('is accepted by isId', () => {
    expect(isId(newId())).toBe(true);
    expect(isId(newId(new Date(0)))).toBe(true);
  });

  it('sorts ids made at later milliseconds after earlier ones', () => {
    const instants = [
      0,
      1,
      255,
      256,
      65_535,
      65_536,
      Date.parse('2026-01-01T00:00:00.000Z'),
      Date.parse('2026-01-01T00:00:00.001Z'),
      Date.parse('2099-12-31T23:59:59.999Z'),
    ];
    const ids = instants.map((ms) => newId(new Date(ms)));
    expect([...ids].reverse().sort()).toEqual(ids);
    for (let i = 0; i + 1 < ids.length; i++) expect(ids[i]! < ids[i + 1]!).toBe(true);
  });

  it('sorts by time whatever the random part', () => {
    const earlier = new Date('2026-07-15T12:00:00.000Z');
    const later = new Date('2026-07-15T12:00:00.001Z');
    for (let i = 0; i < 200; i++) expect(newId(earlier) < newId(later)).toBe(true);
  });

  it('sorts ids made in the same millisecond in the order they were made (at least 2,048 of them)', () => {
    for (let run = 0; run < 20; run++) {
      const now = new Date(Date.parse('2031-02-03T04:05:06.000Z') + run);
      const ids = Array.from({ length: 2048 }, () => newId(now));
      expect([...ids].sort()).toEqual(ids);
    }
  });

  it('makes 10,000 different ids, even in the same millisecond', () => {
    const now = new Date('2026-07-15T12:00:00.000Z');
    const ids = new Set(Array.from({ length: 10_000 }, () => newId(now)));
    expect(ids.size).toBe(10_000);
  });
});

describe('isId', () => {
  it.each([
    '',
    'not-an-id',
    '0190f3c4-5d6e-7f80-9a1b-2c3d4e5f6a7',
    '0190f3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b0',
    '0190f3c45d6e7f809a1b2c3d4e5f6a7b',
    '0190f3c4-5d6e-7f80-9a1b-2c3d4e5f6a7g',
    '{0190f3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b}',
    ' 0190f3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b',
    '0190f3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b\n',
    "0190f3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b' OR '1'='1",
  ])('rejects %j', (value) => {
    expect(isId(value)).toBe(false);
  });

  it('accepts a well-formed UUID', () => {
    expect(isId('0190f3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b')).toBe(true);
  });
});

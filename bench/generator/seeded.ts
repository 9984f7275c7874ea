/*
 * Seeded randomness for the benchmark data: the same seed gives the same database, so a
 * benchmark figure can be reproduced and two runs compared on identical rows. Nothing here reads
 * Math.random or the clock.
 */

/** splitmix32's finalizer: spreads one 32-bit value over all bits, to derive independent seeds. */
export function mix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A 32-bit hash of a name (FNV-1a), so each stream of values has its own seed. */
function hashName(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * sfc32: small, fast, and good enough for test data. Each purpose (users, organizations, the
 * timeline…) gets its own stream, named, so adding a draw to one table does not shift another.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: string, index = 0) {
    const base = mix32(mix32(seed >>> 0) ^ hashName(stream)) ^ mix32(index + 0x632be5ab);
    this.a = mix32(base);
    this.b = mix32(this.a ^ 0x1b873593);
    this.c = mix32(this.b ^ 0xcc9e2d51);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** The next unsigned 32-bit value. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next() / 4_294_967_296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** An integer in [from, to). */
  between(from: number, to: number): number {
    return from + this.int(to - from);
  }

  pick<T>(values: readonly T[]): T {
    return values[this.int(values.length)] as T;
  }

  /** `count` decimal digits, leading zeros kept. */
  digits(count: number): string {
    let out = '';
    while (out.length < count) out += String(this.next() % 1_000_000_000).padStart(9, '0');
    return out.slice(0, count);
  }

  hex8(): string {
    return this.next().toString(16).padStart(8, '0');
  }

  bytes(count: number): Buffer {
    const out = Buffer.alloc(count);
    for (let i = 0; i < count; i += 4) {
      const value = this.next();
      for (let j = 0; j < 4 && i + j < count; j++) out[i + j] = (value >>> (8 * j)) & 0xff;
    }
    return out;
  }
}

/** The values from..to-1 in a seeded order (Fisher–Yates), as a compact array. */
export function permutation(random: Random, from: number, to: number): Int32Array {
  const out = new Int32Array(to - from);
  for (let i = 0; i < out.length; i++) out[i] = from + i;
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const swap = out[i] as number;
    out[i] = out[j] as number;
    out[j] = swap;
  }
  return out;
}

/**
 * A UUIDv7 as server/shared/ids.ts makes them (48-bit millisecond time, version 7, 12 bits that
 * count up within a millisecond, the RFC 9562 variant, random bits), with the random part drawn
 * from `random`. Ids made in time order therefore sort in that order, as keyset pages expect.
 */
export function uuidv7(ms: number, random: Random, sequence: number = random.int(0x800)): string {
  const time = ms.toString(16).padStart(12, '0');
  const variant = (0x8 | (random.next() & 0x3)).toString(16);
  const tail = random.hex8() + random.hex8();
  return (
    `${time.slice(0, 8)}-${time.slice(8, 12)}-7${sequence.toString(16).padStart(3, '0')}-` +
    `${variant}${tail.slice(0, 3)}-${tail.slice(3, 15)}`
  );
}

/** Ids for rows made one after another in time order: a millisecond seen twice counts up, as newId() does. */
export function idSequence(random: Random): (ms: number) => string {
  let lastMs = -1;
  let sequence = 0;
  return (ms) => {
    if (ms === lastMs && sequence < 0xfff) sequence += 1;
    else sequence = random.int(0x800);
    lastMs = ms;
    return uuidv7(ms, random, sequence);
  };
}

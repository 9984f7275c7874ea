import { randomFillSync } from 'node:crypto';

/**
 * Random bytes drawn from the CSPRNG a few kilobytes at a time, as crypto.randomUUID() does:
 * one system call per 256 ids instead of one per id, which a batch of thousands of audit entries
 * and emails felt.
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let poolOffset = POOL_BYTES;

function random16(): Buffer {
  if (poolOffset + 16 > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = Buffer.from(pool.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  return bytes;
}

/** The counter of each recent millisecond: ids of two clocks (a test's and the real one) may interleave. */
const counters = new Map<number, number>();
const REMEMBERED_MILLISECONDS = 64;

/**
 * A UUID version 7: time-ordered, so rows inserted later sort later and keyset pagination by id
 * follows creation order, while still unguessable in its random part. Ids made in the same
 * millisecond by this process count up in the 12 bits after the time (RFC 9562, method 1), so
 * they too sort in the order they were made: a test clock that stands still relies on it.
 */
export function newId(now: Date = new Date()): string {
  const bytes = random16();
  const time = now.getTime();
  // A new millisecond starts its counter at a random point in the lower half, leaving room to count.
  const previous = counters.get(time);
  const sequence = previous !== undefined && previous < 0xfff ? previous + 1 : bytes.readUInt16BE(6) & 0x7ff;
  counters.delete(time);
  counters.set(time, sequence);
  if (counters.size > REMEMBERED_MILLISECONDS) counters.delete(counters.keys().next().value as number);
  const ms = BigInt(time);
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isId(value: string): boolean {
  return UUID.test(value);
}

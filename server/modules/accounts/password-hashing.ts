import { hash, verify } from '@node-rs/argon2';

/*
 * argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane). The algorithm is
 * argon2id by default; the options object does not name it because @node-rs/argon2 exports it
 * as a const enum.
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a fixed hash of a random password and answers false: run for unknown user IDs
 * so that they take as long to refuse as a wrong password does.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
  await verifyPassword(await dummyHash, password);
  return false;
}

import { hashPassword, verifyPassword } from '../../server/modules/accounts/password-hashing.js';

/**
 * Raw argon2id verifies per second with the server's own parameters, as many at once as the
 * sign-in benchmark keeps in flight: the ceiling of any password sign-in on these cores. Run
 * while the server is idle, so both use the same cores in turn.
 */
export async function rawArgon2VerifiesPerSecond(seconds: number, concurrency: number): Promise<number> {
  const password = 'Bench-Harbor-Lantern-2026';
  const stored = await hashPassword(password);
  let verified = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        if (!(await verifyPassword(stored, password))) throw new Error('argon2id refused its own hash');
        verified += 1;
      }
    }),
  );
  return verified / ((performance.now() - started) / 1000);
}

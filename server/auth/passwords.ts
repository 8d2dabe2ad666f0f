// argon2id with OWASP's recommended cost (19 MiB, 2 passes), through @node-rs/argon2's prebuilt
// binaries. (The `argon2` package's prebuilt linux-x64 binary crashed on load on Debian 12.)
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { countStep } from '../platform/workCounts.ts';

// Algorithm is a const enum, usable here only as a type: 2 is Argon2id.
const ARGON2ID: Algorithm = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  countStep('argon2.hash');
  return hash(password, OPTIONS);
}

// Verifying against this when there is no account takes as long as a real check, so timing
// does not reveal whether an email is registered.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(
  passwordHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  countStep('argon2.verify');
  if (!passwordHash) {
    await verify(await (dummyHash ??= hash('not-a-real-password', OPTIONS)), password).catch(
      () => false,
    );
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

import { createHash, randomBytes } from 'node:crypto';

/** A random, URL-safe secret (sessions, email links, invitations). */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** What the database stores instead of a secret. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

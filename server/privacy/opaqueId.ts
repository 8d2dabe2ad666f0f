// Ids composed of other ids (a person's, a channel's…) without showing them: an HMAC of the
// parts under the server's ID_SECRET. Deterministic, so "once per key" upserts stay idempotent,
// yet an id others see (a report's, a notification's) cannot be mapped back to a person, and an
// erased person's id does not live on inside the ids of documents that stay.
import { createHmac } from 'node:crypto';

/** Development and tests only: config.ts requires ID_SECRET in production. */
export const DEVELOPMENT_ID_SECRET = 'rinnalla-development-id-secret-not-for-production';

let secret = DEVELOPMENT_ID_SECRET;

/** Set once at start-up (createApp), before any id is made. */
export function setIdSecret(value: string): void {
  secret = value;
}

/** 43 url-safe characters standing for the parts. */
export function hmacOf(...parts: unknown[]): string {
  // JSON keeps the parts apart: ("a:b", "c") and ("a", "b:c") give different ids.
  return createHmac('sha256', secret)
    .update(JSON.stringify(parts.map(String)))
    .digest('base64url');
}

/** `<kind>:<hmac>`: the kind stays readable, the parts do not. */
export function opaqueId(kind: string, ...parts: unknown[]): string {
  return `${kind}:${hmacOf(kind, ...parts)}`;
}

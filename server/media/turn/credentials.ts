// Short-lived TURN credentials in the TURN REST-API scheme (draft-uberti-behave-turn-rest, what
// coturn's `use-auth-secret` checks): username `<expiry unix seconds>:<opaque id>`, password
// base64(HMAC-SHA1(shared secret, username)). Nothing is stored: coturn recomputes the HMAC
// with the same secret and refuses a username whose expiry has passed.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IceServer } from '../../protocol/media.ts';

export interface TurnService {
  /** coturn's URLs, e.g. `turn:203.0.113.10:3478?transport=udp`. */
  urls: string[];
  /** ICE servers for one admitted participant; `id` is opaque (never a person's id). */
  iceServers(id: string): IceServer[];
}

export interface TurnCredential {
  username: string;
  credential: string;
  /** Unix seconds after which coturn refuses it. */
  expiresAt: number;
}

/** One hour: enough to join and reconnect; an ICE restart fetches fresh ones (media handlers). */
export const DEFAULT_TURN_TTL_SECONDS = 3600;

export function turnCredential(
  secret: string,
  id: string,
  ttlSeconds: number = DEFAULT_TURN_TTL_SECONDS,
  nowMs: number = Date.now(),
): TurnCredential {
  const expiresAt = Math.floor(nowMs / 1000) + ttlSeconds;
  // A colon would split the username where coturn reads the expiry.
  const username = `${expiresAt}:${id.replace(/:/g, '')}`;
  return { username, credential: sign(secret, username), expiresAt };
}

function sign(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}

/** What coturn does with a credential: the HMAC matches and the expiry has not passed. */
export function verifyTurnCredential(
  secret: string,
  username: string,
  credential: string,
  nowMs: number = Date.now(),
): boolean {
  const expiry = Number(username.split(':')[0]);
  if (!Number.isInteger(expiry) || expiry * 1000 <= nowMs) return false;
  const expected = Buffer.from(sign(secret, username));
  const given = Buffer.from(credential);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function turnService(
  urls: string[],
  secret: string,
  ttlSeconds: number = DEFAULT_TURN_TTL_SECONDS,
): TurnService {
  return {
    urls,
    iceServers(id) {
      const { username, credential } = turnCredential(secret, id, ttlSeconds);
      return [{ urls, username, credential }];
    },
  };
}

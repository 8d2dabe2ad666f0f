// Creating, resolving and ending sessions, and the cookie that carries them.
import { parse as parseCookies, serialize } from 'cookie';
import type { Response } from 'express';
import type { Actor, SignedInActor } from '../access/actor.ts';
import type { Role } from '../protocol/api.ts';
import type { LanguageCode } from '../protocol/languages.ts';
import { Person } from '../people/person.model.ts';
import { LoginSession } from './loginSession.model.ts';
import { hashToken, newToken } from './tokens.ts';

const IDLE_LIFETIME_MS = 14 * 24 * 3600 * 1000;
const ABSOLUTE_LIFETIME_MS = 60 * 24 * 3600 * 1000;
/** Sliding expiry is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 3600 * 1000;

export interface CookiePolicy {
  secure: boolean;
}

export function cookieName({ secure }: CookiePolicy): string {
  // __Host- binds the cookie to this exact origin over HTTPS.
  return secure ? '__Host-rinnalla_sid' : 'rinnalla_sid';
}

export async function startSession(
  res: Response,
  personId: string,
  policy: CookiePolicy,
): Promise<{ csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken(24);
  const now = new Date();
  await LoginSession.create({
    _id: hashToken(token),
    personId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + IDLE_LIFETIME_MS),
  });
  res.append(
    'Set-Cookie',
    serialize(cookieName(policy), token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: policy.secure,
      path: '/',
      maxAge: ABSOLUTE_LIFETIME_MS / 1000,
    }),
  );
  return { csrfToken };
}

export function clearSessionCookie(res: Response, policy: CookiePolicy): void {
  res.append(
    'Set-Cookie',
    serialize(cookieName(policy), '', {
      httpOnly: true,
      sameSite: 'lax',
      secure: policy.secure,
      path: '/',
      maxAge: 0,
    }),
  );
}

/** The stored session id a Cookie header names (not yet checked to be live). */
export function sessionIdOfCookie(
  cookieHeader: string | undefined,
  policy: CookiePolicy,
): string | undefined {
  const token = cookieHeader ? parseCookies(cookieHeader)[cookieName(policy)] : undefined;
  return token && token.length <= 100 ? hashToken(token) : undefined;
}

/** The actor behind a Cookie header; anonymous when there is no live session. */
export async function resolveActor(
  cookieHeader: string | undefined,
  lang: LanguageCode,
  policy: CookiePolicy,
): Promise<Actor> {
  const sessionId = sessionIdOfCookie(cookieHeader, policy);
  if (!sessionId) return { kind: 'anonymous', lang };
  return (await actorOfSession(sessionId, lang))?.actor ?? { kind: 'anonymous', lang };
}

/**
 * The person behind a stored session id and when that session ends, or null when it has ended
 * (signed out, expired, the person erased). Sockets ask again whenever access may have changed.
 */
export async function actorOfSession(
  sessionId: string,
  lang: LanguageCode,
): Promise<{ actor: SignedInActor; endsAt: Date } | null> {
  const now = new Date();
  // By `_id` alone, the expiry checked here: on FerretDB any other condition in the filter makes
  // it read every session stored (on every request and handshake).
  const session = await LoginSession.findById(sessionId).lean();
  const absoluteEnd = session ? session.createdAt.getTime() + ABSOLUTE_LIFETIME_MS : 0;
  if (!session) return null;
  if (session.expiresAt <= now || now.getTime() > absoluteEnd) {
    // Ended: gone from the database too (FerretDB keeps no TTL promise).
    await LoginSession.deleteOne({ _id: session._id });
    return null;
  }
  const person = await Person.findById(session.personId, {
    roles: 1,
    organisationId: 1,
    pause: 1,
  }).lean();
  if (!person) return null;
  let expiresAt = session.expiresAt;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    expiresAt = new Date(now.getTime() + IDLE_LIFETIME_MS);
    await LoginSession.updateOne({ _id: session._id }, { lastSeenAt: now, expiresAt });
  }
  const actor: SignedInActor = {
    kind: 'person',
    personId: String(person._id),
    roles: person.roles as Role[],
    organisationId: person.organisationId ? String(person.organisationId) : null,
    paused: !!person.pause?.since,
    sessionId: String(session._id),
    csrfToken: session.csrfToken,
    lang,
  };
  return { actor, endsAt: new Date(Math.min(expiresAt.getTime(), absoluteEnd)) };
}

export async function endSession(sessionId: string): Promise<void> {
  await LoginSession.deleteOne({ _id: sessionId });
}

export async function endAllSessions(personId: string): Promise<void> {
  await LoginSession.deleteMany({ personId });
}

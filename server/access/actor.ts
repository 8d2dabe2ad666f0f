// Who is asking: resolved from the session cookie on every request and socket, never from
// anything the client claims about itself.
import type { LanguageCode } from '../protocol/languages.ts';
import type { Role } from '../protocol/api.ts';

export interface SignedInActor {
  kind: 'person';
  personId: string;
  roles: readonly Role[];
  organisationId: string | null;
  /** A facilitator on a pause they set themself: they run no family group meanwhile. */
  paused: boolean;
  sessionId: string;
  csrfToken: string;
  lang: LanguageCode;
}

export interface AnonymousActor {
  kind: 'anonymous';
  lang: LanguageCode;
}

export type Actor = SignedInActor | AnonymousActor;

export function isSignedIn(actor: Actor): actor is SignedInActor {
  return actor.kind === 'person';
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return isSignedIn(actor) && roles.some((role) => actor.roles.includes(role));
}

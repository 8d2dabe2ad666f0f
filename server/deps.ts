// What the domain features get from the app: configuration, logging, email, and a way to
// reach sockets (to end a person's live connections when their sessions end).
import type { Logger } from 'pino';
import type { CookiePolicy } from './auth/sessions.ts';
import type { Config } from './config.ts';
import type { Mailer } from './mail/mailer.ts';

export interface Connections {
  /** Disconnects every socket of this person (sign out everywhere, erasure, role change). */
  dropPerson(personId: string): void;
  /** Disconnects the sockets of one session (sign out). */
  dropSession(sessionId: string): void;
}

export interface FeatureDeps {
  config: Config;
  log: Logger;
  mailer: Mailer;
  cookies: CookiePolicy;
  connections: Connections;
}

/** A link into the client, for emails. */
export function appLink(config: Config, path: string, query: Record<string, string> = {}): string {
  const url = new URL(path, config.publicUrl);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}

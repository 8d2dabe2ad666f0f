// What the domain features get from the app: configuration, logging, email, and a way to
// reach sockets (to end a person's live connections when their sessions end).
import type { Logger } from 'pino';
import type { CookiePolicy } from './auth/sessions.ts';
import type { Config } from './config.ts';
import type { Mailer } from './mail/mailer.ts';
import type { AccessChangeReason } from './protocol/access.ts';

/**
 * Live connections after a change that may take access away (stored first): every socket of
 * the person — or of the one sign-in session — is asked about again (realtime/accessWatch.ts).
 * Sockets of ended sessions are closed; others keep only what they may still have.
 */
export interface Connections {
  dropPerson(personId: string, reason?: AccessChangeReason): void;
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

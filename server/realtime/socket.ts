import type { Server, Socket } from 'socket.io';
import type { Actor } from '../access/actor.ts';
import type { LanguageCode } from '../protocol/languages.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../protocol/socket.ts';

export interface SocketData {
  lang: LanguageCode;
  /** Resolved from the session cookie at the handshake, and again when access changes. */
  actor: Actor;
  /** When the sign-in session ends (the socket is re-checked then). */
  sessionEndsAt?: Date;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, {}, SocketData>;
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, {}, SocketData>;

/** A feature's socket handlers, registered on each new connection. */
export type RealtimeFeature = (socket: RealtimeSocket) => void;

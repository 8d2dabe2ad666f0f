// The typed Socket.IO client and a promise-based request that unwraps the server's ack.
import i18next from 'i18next';
import { io, type Socket } from 'socket.io-client';
import { isLanguage } from '../../../server/protocol/languages.ts';
import type { AppError } from '../../../server/protocol/ack.ts';
import type {
  ClientToServerEvents,
  HandshakeAuth,
  RequestName,
  RequestPayload,
  ResponseOf,
  ServerToClientEvents,
} from '../../../server/protocol/socket.ts';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export class RequestFailed extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

export function connectSocket(auth: HandshakeAuth, url?: string, autoConnect = true): ClientSocket {
  const options = { auth: { ...auth }, transports: ['websocket', 'polling'], autoConnect };
  const socket: ClientSocket = url ? io(url, options) : io(options);
  // A language chosen in the UI follows into the open socket (texts the server makes for it
  // afterwards come in it) and into its handshake on a reconnect; a closed socket stops following.
  const follow = (lang: string) => {
    if (!isLanguage(lang)) return;
    (socket.auth as HandshakeAuth).lang = lang;
    if (socket.connected) void request(socket, 'session:language', { lang }).catch(() => undefined);
    else if (!socket.active) i18next.off('languageChanged', follow);
  };
  i18next.on('languageChanged', follow);
  return socket;
}

export async function request<N extends RequestName>(
  socket: ClientSocket,
  name: N,
  payload: RequestPayload<N>,
  timeoutMs = 10_000,
): Promise<ResponseOf<N>> {
  // The typed emit cannot be expressed generically over N; the contract holds by construction.
  const emit = socket.timeout(timeoutMs).emitWithAck as unknown as (
    event: N,
    body: RequestPayload<N>,
  ) => Promise<{ ok: true; data: ResponseOf<N> } | { ok: false; error: AppError }>;
  const result = await emit.call(socket.timeout(timeoutMs), name, payload);
  if (!result.ok) throw new RequestFailed(result.error);
  return result.data;
}

// The typed Socket.IO client; requests over it are in socketRequest.ts (re-exported here).
import i18next from 'i18next';
import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import { isLanguage } from '../../../server/protocol/languages.ts';
import type { HandshakeAuth } from '../../../server/protocol/socket.ts';
import { request, type ClientSocket } from './socketRequest.ts';

export { request, RequestFailed, type ClientSocket } from './socketRequest.ts';

export function connectSocket(
  auth: HandshakeAuth,
  url?: string,
  autoConnect = true,
  extra: Partial<ManagerOptions & SocketOptions> = {},
): ClientSocket {
  const options = {
    auth: { ...auth },
    transports: ['websocket', 'polling'],
    autoConnect,
    ...extra,
  };
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

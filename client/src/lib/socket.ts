// The typed Socket.IO client; requests over it are in socketRequest.ts (re-exported here).
import { io } from 'socket.io-client';
import type { HandshakeAuth } from '../../../server/protocol/socket.ts';
import type { ClientSocket } from './socketRequest.ts';

export { request, RequestFailed, type ClientSocket } from './socketRequest.ts';

export function connectSocket(auth: HandshakeAuth, url?: string, autoConnect = true): ClientSocket {
  const options = { auth: { ...auth }, transports: ['websocket', 'polling'], autoConnect };
  return url ? io(url, options) : io(options);
}

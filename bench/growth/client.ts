// How the growth bench talks to the server: as a signed-in browser would, over HTTP (cookie and
// CSRF token) and Socket.IO (the cookie at the handshake). 127.0.0.1 only.
import { io, type Socket } from 'socket.io-client';
import type { SignedIn } from './seed.ts';

export const REQUEST_LIMIT_MS = 60_000;

export async function api(
  url: string,
  who: SignedIn,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`${url}/api${path}`, {
    method,
    headers: {
      cookie: who.cookie,
      origin: url,
      'x-csrf-token': who.csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(REQUEST_LIMIT_MS),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : null;
}

export function connect(url: string, who: SignedIn): Promise<Socket> {
  const socket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie: who.cookie, origin: url },
    auth: { lang: 'fi' },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** A request over the socket; resolves to its data, throws its error. */
export async function ask<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const ack = (await socket.timeout(REQUEST_LIMIT_MS).emitWithAck(event, payload)) as
    { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

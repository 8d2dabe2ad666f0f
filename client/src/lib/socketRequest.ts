// A promise-based request over the Socket.IO connection that unwraps the server's ack. Apart from
// socket.ts (which brings socket.io-client itself): a page can hold these before it connects.
import type { Socket } from 'socket.io-client';
import type { AppError } from '../../../server/protocol/ack.ts';
import type {
  ClientToServerEvents,
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

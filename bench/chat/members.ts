// A seeded member of a chat group and, once connected, their socket.
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/protocol/socket.ts';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Member {
  index: number;
  group: number;
  channelId: string;
  cookie: string;
  socket?: ClientSocket;
}

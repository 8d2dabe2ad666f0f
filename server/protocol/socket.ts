// The whole Socket.IO contract in one place: request names → payload schema and response type.
// The server validates with the schemas; the client gets the types (and may reuse the schemas).
import type { z } from 'zod';
import type { AccessEvents } from './access.ts';
import type { AlongsideEvents } from './alongside.ts';
import { breakoutSchemas, type BreakoutEvents, type BreakoutResponses } from './breakouts.ts';
import type { Ack } from './ack.ts';
import { chatSchemas, type ChatEvents, type ChatResponses } from './chat.ts';
import { groupEventSchemas, type GroupEventResponses, type GroupEvents } from './groupEvents.ts';
import { liveSchemas, type LiveEvents, type LiveResponses } from './live.ts';
import { mediaSchemas, type MediaResponses } from './media.ts';
import {
  roomToolsSocketSchemas,
  type RoomToolsEvents,
  type RoomToolsResponses,
} from './roomTools.ts';
import { socketLanguageSchemas, type SocketLanguageResponses } from './socketLanguage.ts';

export const requestSchemas = {
  ...mediaSchemas,
  ...liveSchemas,
  ...breakoutSchemas,
  ...roomToolsSocketSchemas,
  ...chatSchemas,
  ...groupEventSchemas,
  ...socketLanguageSchemas,
} as const;

export type RequestName = keyof typeof requestSchemas;
export type RequestPayload<N extends RequestName> = z.input<(typeof requestSchemas)[N]>;
export type Responses = MediaResponses &
  LiveResponses &
  BreakoutResponses &
  RoomToolsResponses &
  ChatResponses &
  GroupEventResponses &
  SocketLanguageResponses;
export type ResponseOf<N extends RequestName> = Responses[N];

export type ClientToServerEvents = {
  [N in RequestName]: (
    payload: RequestPayload<N>,
    ack: (result: Ack<ResponseOf<N>>) => void,
  ) => void;
};

/** Pushed by the server; a feature adds its events here. */
export interface ServerToClientEvents
  extends
    LiveEvents,
    BreakoutEvents,
    RoomToolsEvents,
    ChatEvents,
    AccessEvents,
    GroupEvents,
    AlongsideEvents {
  'media:producerClosed': (payload: { producerId: string }) => void;
}

/** What the client says about itself when connecting (Socket.IO `auth`). */
export interface HandshakeAuth {
  lang?: string;
}

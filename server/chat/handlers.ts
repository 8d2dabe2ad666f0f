// The chat on a socket: small per-feature request handlers sharing one context.
import type { Logger } from 'pino';
import type { RealtimeFeature } from '../realtime/socket.ts';
import { chatContext, rateLimiter } from './requests/context.ts';
import { editingRequests } from './requests/editing.ts';
import { messagingRequests } from './requests/messaging.ts';
import { readingRequests } from './requests/reading.ts';
import { sharingRequests } from './requests/sharing.ts';

export interface ChatOptions {
  /** Messages one person may send per minute (a burst of a third of it at once). */
  perMinute: number;
}

export function chatFeature(log: Logger, options: ChatOptions): RealtimeFeature {
  const allow = rateLimiter(options.perMinute);
  return (socket) => {
    const ctx = chatContext(socket, log, allow);
    messagingRequests(ctx);
    editingRequests(ctx);
    readingRequests(ctx);
    sharingRequests(ctx);
  };
}

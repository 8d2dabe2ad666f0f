// What the chat's request handlers share: the socket, its person, the rate limit, the rooms.
import type { Logger } from 'pino';
import type { SignedInActor } from '../../access/actor.ts';
import type { RealtimeSocket } from '../../realtime/socket.ts';
import { Person } from '../../people/person.model.ts';
import { toView, type MessageDoc } from '../message.model.ts';

export interface ChatContext {
  socket: RealtimeSocket;
  log: Logger;
  actor: () => SignedInActor;
  /** The person's display name as senders are shown (looked up once per socket). */
  myName: () => Promise<string>;
  /** Takes one message from the person's rate budget; false when it is spent. */
  allow: (personId: string) => boolean;
}

/** Everyone subscribed to a channel; moderators also join the second room (hidden texts). */
export const readersRoom = (channelId: string) => `chat:${channelId}`;
export const moderatorsRoom = (channelId: string) => `chatmod:${channelId}`;
export const personRoom = (personId: string) => `person:${personId}`;

export function chatContext(
  socket: RealtimeSocket,
  log: Logger,
  allow: (personId: string) => boolean,
): ChatContext {
  const actor = () => socket.data.actor as SignedInActor;
  let name: Promise<string> | null = null;
  const myName = () =>
    (name ??= Person.findById(actor().personId, { displayName: 1 })
      .lean()
      .then((p) => p?.displayName ?? ''));
  return { socket, log, actor, myName, allow };
}

/** An edit, delete or hide for everyone subscribed; hidden text only for moderators. */
export function broadcastUpdate(ctx: ChatContext, message: MessageDoc): void {
  const key = message.channelId;
  const nsp = ctx.socket.nsp;
  if (!message.hidden) {
    nsp.to(readersRoom(key)).emit('chat:updated', toView(message));
    return;
  }
  nsp.to(readersRoom(key)).except(moderatorsRoom(key)).emit('chat:updated', toView(message));
  nsp.to(moderatorsRoom(key)).emit('chat:updated', toView(message, true));
}

/** A token bucket per person, shared by all their sockets in this process. */
export function rateLimiter(perMinute: number) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const burst = Math.max(1, Math.ceil(perMinute / 3));
  return (personId: string): boolean => {
    const now = Date.now();
    const bucket = buckets.get(personId) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 60_000) * perMinute);
    bucket.at = now;
    buckets.set(personId, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
}

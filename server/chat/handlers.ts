// Chat requests on a socket: subscribe to channels, send (acknowledged once stored), catch up.
import type { Logger } from 'pino';
import type { SignedInActor } from '../access/actor.ts';
import { RequestError } from '../errors.ts';
import { Person } from '../people/person.model.ts';
import { handle } from '../realtime/handle.ts';
import type { RealtimeFeature, RealtimeSocket } from '../realtime/socket.ts';
import { checkChannel } from './channels.ts';
import { senderKey } from './message.model.ts';
import { append, lastSeq, messagesAfter } from './store.ts';

export interface ChatOptions {
  /** Messages one person may send per minute (a burst of a third of it at once). */
  perMinute: number;
}

/** A token bucket per person, shared by all their sockets in this process. */
function rateLimiter(perMinute: number) {
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

const room = (channelKey: string) => `chat:${channelKey}`;

export function chatFeature(log: Logger, options: ChatOptions): RealtimeFeature {
  const allow = rateLimiter(options.perMinute);
  return (socket: RealtimeSocket) => {
    const actor = () => socket.data.actor as SignedInActor;

    handle(socket, log, 'chat:subscribe', async ({ channelIds }) => {
      const channels = [];
      for (const channel of channelIds) {
        await checkChannel(actor(), channel, 'chat.read');
        await socket.join(room(channel.key));
        channels.push({
          channelId: channel.key,
          lastSeq: await lastSeq(channel.key),
          myKey: senderKey(channel.key, actor().personId),
        });
      }
      return { channels };
    });

    handle(socket, log, 'chat:send', async ({ channelId, clientId, text }) => {
      if (!allow(actor().personId)) throw new RequestError('rateLimited', 429);
      await checkChannel(actor(), channelId, 'chat.post');
      const person = await Person.findById(actor().personId, { displayName: 1 }).lean();
      const { message, fresh } = await append(
        channelId.key,
        { personId: actor().personId, name: person?.displayName ?? '' },
        clientId,
        text,
      );
      if (fresh) socket.nsp.to(room(channelId.key)).emit('chat:message', message);
      return message;
    });

    handle(socket, log, 'chat:sync', async ({ channelId, afterSeq, limit }) => {
      await checkChannel(actor(), channelId, 'chat.read');
      const messages = await messagesAfter(channelId.key, afterSeq, limit);
      return { messages, lastSeq: await lastSeq(channelId.key) };
    });
  };
}

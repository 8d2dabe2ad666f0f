// The 500 clients: connecting and subscribing them, timing each delivery they receive, and
// waiting for an idle server.
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import type { ChatMessage } from '../../server/protocol/chat.ts';
import { clientIdFor, inFlight, takeClientNumber } from './inFlight.ts';
import type { ClientSocket, Member } from './members.ts';
import { REQUEST_TIMEOUT_MS } from './settings.ts';

const CONNECT_CONCURRENCY = 20;
const CONNECT_LIMIT_MS = 180_000; // all 500 (measured 20–125 s, depending on other load)

function connect(url: string, member: Member): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, {
    transports: ['websocket'],
    forceNew: true, // one connection per person, not one shared manager
    reconnection: false,
    timeout: REQUEST_TIMEOUT_MS,
    extraHeaders: { cookie: member.cookie },
    auth: { lang: 'fi' },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(new Error(`client ${member.index} could not connect: ${error.message}`));
    });
  });
}

export async function connectAll(url: string, members: Member[]): Promise<void> {
  let next = 0;
  let done = 0;
  const deadline = performance.now() + CONNECT_LIMIT_MS;
  const worker = async () => {
    while (next < members.length) {
      if (performance.now() > deadline)
        throw new Error(
          `connecting took over ${CONNECT_LIMIT_MS / 1000} s (${done} of ${members.length})`,
        );
      const member = members[next++]!;
      member.socket = await connect(url, member);
      const ack = await member.socket
        .timeout(REQUEST_TIMEOUT_MS)
        .emitWithAck('chat:subscribe', { channelIds: [member.channelId] });
      if (!ack.ok) throw new Error(`chat:subscribe failed: ${JSON.stringify(ack.error)}`);
      const receiver = member.index;
      member.socket.on('chat:message', (message: ChatMessage) => {
        const received = performance.now();
        const outgoing = inFlight.get(message.clientId);
        if (!outgoing || outgoing.sender === receiver) return; // not ours, or one's own echo
        if (outgoing.counted) outgoing.run.latencies.push(received - outgoing.at);
      });
      done += 1;
      if (done % 100 === 0) console.log(`    connecting clients ${done}/${members.length}`);
    }
  };
  await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, worker));
}

/**
 * Waits until the server is idle: after connecting 500 clients (presence and the like, some
 * of it not awaited by the handshake) and between runs. Single sends until two in a row are
 * acknowledged within 100 ms, or `limitMs`. Their deliveries are not counted anywhere.
 */
export async function settle(members: Member[], limitMs: number): Promise<number> {
  const started = performance.now();
  let fast = 0;
  while (fast < 2 && performance.now() - started < limitMs) {
    const number = takeClientNumber();
    const sender = members[number % members.length]!;
    const clientId = clientIdFor('settle', number);
    const sentAt = performance.now();
    const ack = await sender
      .socket!.timeout(REQUEST_TIMEOUT_MS)
      .emitWithAck('chat:send', { channelId: sender.channelId, clientId, text: 'valmis?' });
    if (!ack.ok) throw new Error(`chat:send failed: ${JSON.stringify(ack.error)}`);
    fast = performance.now() - sentAt < 100 ? fast + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return performance.now() - started;
}

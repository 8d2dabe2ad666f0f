// Where a join's time goes: milestones read from a page's probe timeline (its signalling
// messages in and out, getUserMedia calls, peer connections, first frames), as milliseconds
// after the join started. Rinnalla speaks Socket.IO (`42<id>["name",…]` out, `43<id>[…]` acks
// in); the demo speaks protoo (`{"request":true,"id":…,"method":…}`, `{"response":true,"id":…}`).
import type { ProbeResult } from './probe.ts';
import type { ComparedSystem } from './rooms.ts';

interface Request {
  name: string;
  sentAt: number;
  answeredAt: number | null;
  /** Sent by the server (a protoo request such as newConsumer) rather than by the page. */
  fromServer: boolean;
  text: string;
}

function requestsOf(probe: ProbeResult): Request[] {
  const requests = new Map<string, Request>();
  for (const { at, out, text } of probe.messages) {
    const socketIo = /^42(\d+)\["([^"]+)"/.exec(text);
    const socketIoAck = /^43(\d+)\[/.exec(text);
    const protoo = /"request":true,"id":(\d+),"method":"([^"]+)"/.exec(text);
    const protooAnswer = /"response":true,"id":(\d+)/.exec(text);
    const asked = socketIo && out ? socketIo : protoo;
    if (asked?.[1] && asked[2]) {
      const fromServer = !out;
      requests.set(`${fromServer}:${asked[1]}`, {
        name: asked[2],
        sentAt: at,
        answeredAt: null,
        fromServer,
        text,
      });
    }
    const answer = (!out && socketIoAck) || protooAnswer;
    const request = answer?.[1] ? requests.get(`${out}:${answer[1]}`) : undefined;
    if (request && request.answeredAt === null) request.answeredAt = at;
  }
  return [...requests.values()];
}

export type Milestones = Record<string, number | null>;

/** Not a milestone: how long the page's main thread was busy in tasks over 50 ms meanwhile. */
export const BLOCKED = 'page main thread blocked in long tasks between join and first frame';

/** Milliseconds after the join started at which each step was reached (null: not seen). */
export function milestones(system: ComparedSystem['name'], probe: ProbeResult): Milestones {
  const start = probe.joinAt ?? NaN;
  const since = (at: number | null | undefined) =>
    at === null || at === undefined ? null : Math.round(at - start);
  const requests = requestsOf(probe).filter((r) => r.sentAt >= start);
  const find = (name: string, n = 0, where: (text: string) => boolean = () => true) =>
    requests.filter((r) => r.name === name && where(r.text))[n];
  const inbound = (prefix: string) =>
    probe.messages.find((m) => !m.out && m.at >= start && m.text.startsWith(prefix))?.at;
  const media = probe.media.filter((m) => m.start >= start);
  const receiving = probe.connections.find((c) => c.connected !== null && !c.sends);
  const sending = probe.connections.find((c) => c.sends);
  const firstFrame = probe.firstFrames[0] ?? Infinity;
  const blocked = probe.longTasks
    .filter((t) => t.start >= start && t.start < firstFrame)
    .reduce((sum, t) => sum + t.duration, 0);
  const common = {
    [BLOCKED]: Math.round(blocked),
    'camera and microphone open': since(media.length ? Math.max(...media.map((m) => m.end)) : null),
    'send connection up (ICE+DTLS)': since(sending?.connected),
    'receive connection up (ICE+DTLS)': since(receiving?.connected),
    'first remote frame': since(probe.firstFrames[0]),
  };
  if (system === 'rinnalla') {
    const direction = (d: string) => (text: string) => text.includes(`"direction":"${d}"`);
    return {
      'socket open': since(inbound('[open]')),
      'socket.io connected': since(inbound('40')),
      'live:join answered': since(find('live:join')?.answeredAt),
      'media:capabilities answered': since(find('media:capabilities')?.answeredAt),
      'device loaded (send transport asked)': since(
        find('media:createTransport', 0, direction('send'))?.sentAt,
      ),
      'send transport answered': since(
        find('media:createTransport', 0, direction('send'))?.answeredAt,
      ),
      'microphone produce answered': since(find('media:produce', 0)?.answeredAt),
      'camera produce answered': since(find('media:produce', 1)?.answeredAt),
      'receive transport answered': since(
        find('media:createTransport', 0, direction('recv'))?.answeredAt,
      ),
      'first media:consume asked': since(find('media:consume')?.sentAt),
      'first media:consume answered': since(find('media:consume')?.answeredAt),
      'first media:resumeConsumer answered': since(find('media:resumeConsumer')?.answeredAt),
      ...common,
    };
  }
  const producing = (yes: boolean) => (text: string) => text.includes(`"producing":${yes}`);
  return {
    'socket open': since(inbound('[open]')),
    'getRouterRtpCapabilities answered': since(find('getRouterRtpCapabilities')?.answeredAt),
    'send transport answered': since(find('createWebRtcTransport', 0, producing(true))?.answeredAt),
    'receive transport answered': since(
      find('createWebRtcTransport', 0, producing(false))?.answeredAt,
    ),
    'join answered': since(find('join')?.answeredAt),
    'first newConsumer received': since(find('newConsumer')?.sentAt),
    'first newConsumer answered': since(find('newConsumer')?.answeredAt),
    'microphone produce answered': since(find('produce', 0)?.answeredAt),
    'camera produce answered': since(find('produce', 1)?.answeredAt),
    ...common,
  };
}

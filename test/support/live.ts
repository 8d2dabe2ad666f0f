// Building blocks for live-session tests: a group whose session is open now with enrolled
// families, and sockets signed in as someone.
import { io as connect, type Socket } from 'socket.io-client';
import type { EnrolmentInfo, GroupDetail } from '../../server/protocol/groups.ts';
import type { Ack } from '../../server/protocol/ack.ts';
import { createGroup, createStaff, weekdayOf, type GroupBody, type GroupStaff } from './groups.ts';
import { createPerson, signedInClient, type TestPerson } from './people.ts';

export interface LiveGroup {
  staff: GroupStaff;
  group: GroupDetail;
  sessionId: string;
  families: TestPerson[];
}

/** A local date (YYYY-MM-DD) or time (HH:MM) in Helsinki. */
export const helsinki = (date: Date, part: 'date' | 'time') =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Helsinki',
    ...(part === 'date'
      ? { year: 'numeric', month: '2-digit', day: '2-digit' }
      : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  }).format(date);

/** A group whose first session starts `startsInMinutes` from now, with enrolled families. */
export async function liveGroup(
  url: string,
  options: { families?: number; startsInMinutes?: number; group?: Partial<GroupBody> } = {},
): Promise<LiveGroup> {
  const staff = await createStaff(url);
  const start = new Date(Date.now() + (options.startsInMinutes ?? 2) * 60_000);
  const startDate = helsinki(start, 'date');
  const group = await createGroup(staff, {
    schedule: {
      frequency: 'weekly',
      weekday: weekdayOf(startDate),
      startDate,
      startTime: helsinki(start, 'time'),
      durationMinutes: 90,
      count: 2,
    },
    ...options.group,
  });
  const sessionId = group.nextSessions[0]?.id;
  if (!sessionId) throw new Error('the group has no upcoming session');
  const families: TestPerson[] = [];
  for (let i = 0; i < (options.families ?? 2); i += 1) {
    const family = await createPerson({ roles: ['family'], displayName: `Perhe ${i + 1}` });
    const client = await signedInClient(url, family);
    const res = await client.post<EnrolmentInfo>(`/groups/${group.id}/enrolments`, {
      acceptRules: group.rulesVersion,
    });
    if (res.body.status !== 'confirmed') throw new Error(`not enrolled: ${res.status}`);
    families.push(family);
  }
  return { staff, group, sessionId, families };
}

export type TestSocket = Socket;

/** A Socket.IO client signed in as this person, connected (`beforeConnect` runs in between). */
export async function liveSocket(
  url: string,
  person: TestPerson,
  beforeConnect?: () => Promise<void>,
): Promise<TestSocket> {
  const client = await signedInClient(url, person);
  await beforeConnect?.();
  const socket = connect(url, {
    transports: ['websocket'],
    extraHeaders: { cookie: client.cookie ?? '' },
    auth: { lang: 'en' },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Sends a request and returns the server's ack as is. */
export async function ask<T = unknown>(
  socket: TestSocket,
  name: string,
  payload: unknown,
): Promise<Ack<T>> {
  return (await socket.timeout(10_000).emitWithAck(name, payload)) as Ack<T>;
}

/** Like ask(), but the request must succeed. */
export async function must<T = unknown>(
  socket: TestSocket,
  name: string,
  payload: unknown,
): Promise<T> {
  const ack = await ask<T>(socket, name, payload);
  if (!ack.ok) throw new Error(`${name} failed: ${JSON.stringify(ack.error)}`);
  return ack.data;
}

/** Records every event (name and payload) a socket receives. */
export function recordEvents(socket: TestSocket): { name: string; payload: unknown }[] {
  const events: { name: string; payload: unknown }[] = [];
  socket.onAny((name: string, payload: unknown) => events.push({ name, payload }));
  return events;
}

/** RTP parameters of an opus microphone with this SSRC (nothing is actually sent). */
const opus = (ssrc: number) => ({
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
  encodings: [{ ssrc }],
});

/** An admitted socket produces a microphone, as a browser would; returns the producer's id. */
export async function sendMicrophone(socket: TestSocket, ssrc: number): Promise<string> {
  const send = await must<{ id: string }>(socket, 'media:createTransport', { direction: 'send' });
  const { producerId } = await must<{ producerId: string }>(socket, 'media:produce', {
    transportId: send.id,
    kind: 'audio',
    source: 'microphone',
    rtpParameters: opus(ssrc),
  });
  return producerId;
}

/** A receiving transport for an admitted socket; returns a consume(producerId) request. */
export async function receiverOf(
  socket: TestSocket,
): Promise<(producerId: string) => Promise<Ack<{ id: string }>>> {
  const { routerRtpCapabilities } = await must<{ routerRtpCapabilities: object }>(
    socket,
    'media:capabilities',
    {},
  );
  const recv = await must<{ id: string }>(socket, 'media:createTransport', { direction: 'recv' });
  return (producerId: string) =>
    ask<{ id: string }>(socket, 'media:consume', {
      transportId: recv.id,
      producerId,
      rtpCapabilities: routerRtpCapabilities,
    });
}

// [privacy-1] The walk: every REST route a role can reach (read from the permission matrix) with
// real ids of the seeded world, socket requests and events, emails; and what a finding is.
import mongoose from 'mongoose';
import { io as connect } from 'socket.io-client';
import { allowed, expectedRoutes } from './accessMatrix.ts';
import type { Role } from '../../server/protocol/api.ts';
import { FIELDS, type Field, type World, type WorldFamily } from './privacyWorld.ts';
import { ApiClient, type TestPerson } from './people.ts';

export type Viewer = Role | 'signed-out';
export const VIEWERS: Viewer[] = [
  'signed-out',
  'partner',
  'family',
  'facilitator',
  'trainer',
  'coordinator',
];

/** One thing a viewer received: where from, and its text. */
export interface Seen {
  where: string;
  text: string;
}

/** Who walks as each role: group A's family, facilitator and trainer; the world's others. */
export function viewerPerson(world: World, viewer: Viewer): TestPerson | undefined {
  switch (viewer) {
    case 'family':
      return world.families.a1.person;
    case 'facilitator':
      return world.staffA.facilitator;
    case 'trainer':
      return world.staffA.trainer;
    case 'coordinator':
      return world.coordinator;
    case 'partner':
      return world.partner;
    default:
      return undefined;
  }
}

/**
 * What each viewer may see of each family (anything not listed is a leak):
 * - a family sees their own (but not the facilitator's report on the session), and a group-mate's
 *   name and group-chat messages (not their id, email or anything else);
 * - group A's facilitator sees their families' names, ids, the group chat, the direct messages
 *   sent to the facilitators, and the report they wrote — not emails, appointments or requests;
 * - group A's trainer (who supervises the facilitator) sees the families' names, ids, the group's
 *   chat (the trainer reads it: server/chat/channels.ts) and the facilitator's report;
 * - a coordinator runs the service: every family's name, email, id and walk-alongside request;
 * - a partner sees only the reference they wrote for the family they referred; signed out, nothing;
 * - activity()'s subject also co-facilitates a public group, so their name and id are public.
 * Never to anyone but the family: appointments (not shared), another family's direct messages.
 */
export function mayView(world: World, viewer: Viewer, family: WorldFamily): Set<Field> {
  const { a1, a2, b1, s } = world.families;
  // activity()'s subject also co-facilitates a public group: as a volunteer their name and id
  // are on its page for anyone. Everything else of theirs as a family stays theirs.
  if (family === s && viewer !== 'coordinator') return new Set<Field>(['name', 'id']);
  const ofA = family === a1 || family === a2;
  switch (viewer) {
    case 'family':
      // Their own, but not what the facilitator wrote about the session (staff read reports).
      if (family === a1) return new Set<Field>(FIELDS.filter((f) => f !== 'report'));
      return new Set<Field>(family === a2 ? ['name', 'message'] : []);
    case 'facilitator':
      return new Set<Field>(ofA ? ['name', 'id', 'message', 'direct', 'report'] : []);
    case 'trainer':
      return new Set<Field>(ofA ? ['name', 'id', 'message', 'report'] : []);
    case 'coordinator':
      return new Set<Field>(['name', 'email', 'id', 'request']);
    case 'partner':
      return new Set<Field>(family === b1 ? ['referral'] : []);
    default:
      return new Set();
  }
}

/** Every marker of a family the viewer may see that is in what they received (for the log). */
export function allowedSeen(world: World, viewer: Viewer, seen: Seen[]): string[] {
  const out: string[] = [];
  for (const family of Object.values(world.families)) {
    const may = mayView(world, viewer, family);
    for (const [field, marker] of Object.entries(family.marks) as [Field, string][])
      if (may.has(field) && seen.some((s) => s.text.includes(marker)))
        out.push(`${family.key}.${field}`);
  }
  return out;
}

/** Every marker of a family the viewer may not see, found in what they received. */
export function findings(world: World, viewer: Viewer, seen: Seen[]): string[] {
  const found: string[] = [];
  for (const family of Object.values(world.families)) {
    const may = mayView(world, viewer, family);
    for (const [field, marker] of Object.entries(family.marks) as [Field, string][]) {
      if (may.has(field)) continue;
      const where = seen.filter((s) => s.text.includes(marker)).map((s) => s.where);
      if (where.length)
        found.push(`${viewer} saw ${family.key}.${field} in ${[...new Set(where)].join(', ')}`);
    }
  }
  return found;
}

const NO_SUCH_ID = '0123456789abcdef01234567';
const NO_SUCH_TOKEN = 'not-a-real-token-but-well-formed';
/** Calls that end the walker's own session or account: walked by other tests. */
const SKIP = new Set(['POST /auth/sign-out', 'POST /auth/sign-out-everywhere', 'DELETE /me']);

async function ids(collection: string, filter: object = {}): Promise<string[]> {
  const docs = await mongoose.connection.collection(collection).find(filter).toArray();
  return docs.map((d) => String(d._id));
}

/**
 * The real ids each path parameter takes, by the route's resource: one in the walking roles'
 * reach (group A and its people), ones outside it (group B, activity()'s subject), a missing one.
 */
export async function candidates(
  world: World,
): Promise<(route: string, param: string) => string[]> {
  const { a1, b1, s } = world.families;
  const oid = (id: string) => new mongoose.Types.ObjectId(id);
  const families = [a1, b1, s].map((f) => oid(f.person.id));
  const groups = [world.groupA, world.groupB, world.act.family];
  const pool = {
    groups: groups.map((g) => g.group.id),
    sessions: groups.map((g) => g.sessionId),
    people: [
      ...[a1, b1, s].map((f) => f.person.id),
      world.staffA.facilitator.id,
      world.staffB.facilitator.id,
    ],
    enrolments: await ids('enrolments', { personId: { $in: families } }),
    reports: await ids('session_reports'),
    alerts: await ids('safeguarding_alerts'),
    requests: await ids('alongside_requests', { familyId: { $in: families } }),
    pairings: await ids('alongside_pairings'),
    appointments: await ids('alongside_appointments', { familyId: { $in: families } }),
    referrals: await ids('referrals'),
    modules: await ids('training_modules'),
    applications: await ids('volunteer_applications'),
    organisations: await ids('organisations'),
  };
  return (route, param) => {
    if (param === 'token' || param === 'file') return [NO_SUCH_TOKEN];
    const resource = route.split('/')[1] ?? '';
    const byParam: Record<string, string[]> = {
      sessionId: pool.sessions,
      enrolmentId: pool.enrolments,
      personId: pool.people,
      moduleId: pool.modules,
    };
    const byResource: Record<string, string[]> = {
      groups: pool.groups,
      tables: pool.groups,
      meetings: pool.groups,
      people: pool.people,
      reports: pool.reports,
      alerts: pool.alerts,
      'training/trainees': pool.people,
      recruitment: pool.applications,
      partners: pool.organisations,
      me: pool.referrals,
    };
    const alongside = route.includes('/requests/')
      ? pool.requests
      : route.includes('/pairings/')
        ? pool.pairings
        : pool.appointments;
    const list =
      byParam[param] ??
      (resource === 'alongside'
        ? alongside
        : route.startsWith('/training/modules')
          ? pool.modules
          : byResource[resource]);
    return [...(list ?? []), NO_SUCH_ID];
  };
}

/** Every concrete path of a route pattern, each parameter through its candidates. */
export function expand(route: string, ids: (route: string, param: string) => string[]): string[] {
  const match = /:(\w+)/.exec(route);
  if (!match) return [route];
  return ids(route, match[1]!).flatMap((id) =>
    expand(route.slice(0, match.index) + id + route.slice(match.index + match[0].length), ids),
  );
}

/** The REST walk: reads first (every id), then writes with an empty body (every id). */
export async function walkApi(
  url: string,
  viewer: Viewer,
  person: TestPerson | undefined,
  idsFor: (route: string, param: string) => string[],
  methods: 'reads' | 'writes',
): Promise<{ seen: Seen[]; calls: number; ok: number }> {
  const client = new ApiClient(url);
  if (person) await client.signIn(person);
  const seen: Seen[] = [];
  let calls = 0;
  let ok = 0;
  for (const [key, audience] of Object.entries(expectedRoutes)) {
    if (SKIP.has(key) || !allowed(audience, viewer)) continue;
    const [method = 'GET', route = ''] = key.split(' ');
    if ((method === 'GET') !== (methods === 'reads')) continue;
    for (const path of expand(route, idsFor)) {
      const res = await client.request(method, path, method === 'GET' ? undefined : {});
      calls += 1;
      if (res.status < 300) ok += 1;
      const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
      seen.push({ where: `${method} ${path} (${res.status})`, text });
    }
  }
  return { seen, calls, ok };
}

/** Socket requests a member makes on every channel and group of the world, and every event. */
export async function walkSocket(url: string, person: TestPerson, world: World): Promise<Seen[]> {
  const client = await new ApiClient(url).signIn(person);
  const socket = connect(url, {
    transports: ['websocket'],
    extraHeaders: { cookie: client.cookie ?? '' },
    auth: { lang: 'fi' },
  });
  const seen: Seen[] = [];
  socket.onAny((name: string, payload: unknown) =>
    seen.push({ where: `socket event ${name}`, text: JSON.stringify(payload) }),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const groups = [world.groupA, world.groupB, world.act.family, world.act.run].map(
    (g) => g.group.id,
  );
  const channels = [...groups.map((g) => `group:${g}`), ...world.directChannels];
  const requests: [string, unknown][] = [
    ['chat:conversations', {}],
    ...channels.flatMap((channelId): [string, unknown][] => [
      ['chat:history', { channelId }],
      ['chat:sync', { channelId, afterSeq: 0 }],
      ['chat:subscribe', { channelIds: [channelId] }],
    ]),
    ...groups.flatMap((groupId): [string, unknown][] => [
      ['presence:watch', { groupId }],
      ['group:watch', { groupIds: [groupId] }],
    ]),
  ];
  try {
    for (const [name, payload] of requests) {
      const ack: unknown = await socket.timeout(20_000).emitWithAck(name, payload);
      seen.push({
        where: `socket ack ${name} ${JSON.stringify(payload)}`,
        text: JSON.stringify(ack),
      });
    }
    await new Promise((r) => setTimeout(r, 200));
  } finally {
    socket.disconnect();
  }
  return seen;
}

/** The emails in the test mail sink (the outbox) addressed to the person. */
export async function mailTo(person: TestPerson): Promise<Seen[]> {
  const mails = await mongoose.connection
    .collection('outbox_messages')
    .find({ to: person.email })
    .toArray();
  return mails.map((m) => ({ where: `email ${String(m.template)}`, text: JSON.stringify(m) }));
}

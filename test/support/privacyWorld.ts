// [privacy-1] A realistic world to look for leaks in: two groups with their own staff, families in
// and outside each viewer's reach, and the activity() subject who has one of every record. Every
// family field holds a marker string found nowhere else, so a walk can search what it collected.
import { randomBytes } from 'node:crypto';
import { Person } from '../../server/people/person.model.ts';
import { Referral } from '../../server/referrals/referral.model.ts';
import type { ChatMessage, ConversationSummary } from '../../server/protocol/chat.ts';
import type { GroupDetail } from '../../server/protocol/groups.ts';
import { activity, type Activity } from './activity.ts';
import { createStaff, helsinkiDay, type GroupStaff } from './groups.ts';
import { liveSocket, must, type TestSocket } from './live.ts';
import { createOrganisation, createPerson, signedInClient, type TestPerson } from './people.ts';
import { enrolFamilies, groupStartingIn, reportBody } from './supervision.ts';

/** What of a family the walk looks for (attendance and report rows carry the family's id). */
export const FIELDS = [
  'name',
  'email',
  'id',
  'message',
  'direct',
  'report',
  'appointment',
  'request',
  'referral',
] as const;
export type Field = (typeof FIELDS)[number];

export interface WorldFamily {
  key: string;
  person: TestPerson;
  /** The marker (or value) of each field: a string that appears nowhere but in that field. */
  marks: Partial<Record<Field, string>>;
}

export interface World {
  tag: string;
  staffA: GroupStaff;
  staffB: GroupStaff;
  coordinator: TestPerson;
  partner: TestPerson;
  groupA: { group: GroupDetail; sessionId: string };
  groupB: { group: GroupDetail; sessionId: string };
  /** a1 (the walking family) and a2 in group A, b1 in group B, s: activity()'s subject. */
  families: Record<'a1' | 'a2' | 'b1' | 's', WorldFamily>;
  act: Activity;
  /** The families' direct conversations with their facilitators. */
  directChannels: string[];
  sockets: TestSocket[];
}

function ok<T extends { status: number; body: unknown }>(res: T, what: string): T {
  if (res.status >= 400) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

export async function seedWorld(url: string): Promise<World> {
  const tag = randomBytes(3).toString('hex');
  const mark = (key: string, field: Field) => `PRIV${tag}${key}${field}X`;
  const sockets: TestSocket[] = [];
  const open = async (person: TestPerson) => {
    const socket = await liveSocket(url, person);
    sockets.push(socket);
    return socket;
  };
  const act = await activity(url);
  sockets.push(...act.sockets);
  const staffA = await createStaff(url);
  const staffB = await createStaff(url);
  const coordinator = await createPerson({ roles: ['coordinator'] });
  const partnerOrg = await createOrganisation('partner');
  const partner = await createPerson({ roles: ['partner'], organisationId: partnerOrg });

  // Group A's session began ten minutes ago and runs on: attendance, a report, a live room.
  const groupA = await groupStartingIn(staffA, -10, { observationAllowed: true });
  const groupB = await groupStartingIn(staffB, -10);
  const family = async (key: string, group: GroupDetail): Promise<WorldFamily> => {
    const [person] = await enrolFamilies(url, group, [mark(key, 'name')]);
    const email = `${mark(key, 'email').toLowerCase()}@test.rinnalla.fi`;
    await Person.updateOne({ _id: person!.id }, { email });
    person!.email = email;
    return { key, person: person!, marks: { name: person!.displayName, email, id: person!.id } };
  };
  const a1 = await family('a1', groupA.group);
  const a2 = await family('a2', groupA.group);
  const b1 = await family('b1', groupB.group);

  let n = 0;
  const directChannels: string[] = [];
  const say = async (f: WorldFamily, channelId: string, field: 'message' | 'direct') => {
    f.marks[field] = mark(f.key, field);
    await must<ChatMessage>(await open(f.person), 'chat:send', {
      channelId,
      clientId: `priv-${tag}-${(n += 1)}`,
      text: `Hei ${f.marks[field]}`,
    });
  };
  for (const [f, g] of [
    [a1, groupA],
    [a2, groupA],
    [b1, groupB],
  ] as const) {
    await say(f, `group:${g.group.id}`, 'message');
    const socket = await open(f.person);
    const direct = await must<ConversationSummary>(socket, 'chat:openDirect', {
      groupId: g.group.id,
      with: 'facilitators',
    });
    directChannels.push(direct.channelId);
    await say(f, direct.channelId, 'direct');
  }

  // Attendance and a report with a concern naming the family's situation (the report's text).
  const report = async (staff: GroupStaff, g: typeof groupA, fs: WorldFamily[]) => {
    const client = await signedInClient(url, staff.facilitator);
    const attendance = fs.map((f) => ({ personId: f.person.id, present: true }));
    ok(await client.put(`/sessions/${g.sessionId}/attendance`, { entries: attendance }), 'att');
    for (const f of fs) f.marks.report = mark(f.key, 'report');
    ok(
      await client.post(`/sessions/${g.sessionId}/report`, {
        ...reportBody({
          safeguarding: true,
          concern: fs.map((f) => `Huoli ${f.marks.report}`).join(' '),
          notes: `Muistiinpano ${fs.map((f) => f.marks.report).join(' ')}`,
        }),
        attendance,
      }),
      'report',
    );
  };
  await report(staffA, groupA, [a1, a2]);
  await report(staffB, groupB, [b1]);

  // Each family's own appointment, and a walk-alongside request in their own words.
  for (const f of [a1, a2, b1]) {
    const client = await signedInClient(url, f.person);
    f.marks.appointment = mark(f.key, 'appointment');
    ok(
      await client.post('/alongside/appointments', {
        what: `Neuvola ${f.marks.appointment}`,
        date: helsinkiDay(5),
        time: '10:00',
        where: `Katu ${f.marks.appointment}`,
        shared: false,
      }),
      'appointment',
    );
    f.marks.request = mark(f.key, 'request');
    ok(
      await client.post('/alongside/requests', {
        help: `Apua ${f.marks.request}`,
        helpLang: 'fi',
        languages: ['fi'],
      }),
      'request',
    );
  }

  // The partner referred b1 (who consented to the partner seeing the stages); a2 was referred
  // by another organisation. A reference is the partner's own case number, never a name.
  const referral = async (f: WorldFamily, organisationId: string) => {
    f.marks.referral = mark(f.key, 'referral');
    const now = new Date();
    await Referral.create({
      tokenHash: randomBytes(16).toString('hex'),
      organisationId,
      reference: f.marks.referral,
      language: 'fi',
      status: 'signed-up',
      familyId: f.person.id,
      openedAt: now,
      signedUpAt: now,
      consent: { state: 'given', version: 'v1', stages: ['opened', 'enrolled'], at: now },
      expiresAt: new Date(now.getTime() + 86_400_000),
    });
  };
  await referral(b1, partnerOrg);
  await referral(a2, await createOrganisation('partner'));

  // activity()'s subject: a family (and volunteer) far from every viewer here; its texts carry
  // activity()'s own tag (the subject is named `Saana-<tag>`).
  const actTag = act.subject.displayName.replace('Saana-', '');
  const s: WorldFamily = {
    key: 's',
    person: act.subject,
    marks: {
      name: act.subject.displayName,
      email: act.subject.email,
      id: act.subject.id,
      message: 'Voisiko ohjaaja kertoa lisää?',
      appointment: `Neuvola ${actTag}`,
      request: `Kela-hakemus ${actTag}`,
      referral: `K-${actTag}`,
    },
  };
  return {
    tag,
    staffA,
    staffB,
    coordinator,
    partner,
    groupA,
    groupB,
    families: { a1, a2, b1, s },
    act,
    directChannels,
    sockets,
  };
}

// Every route of client/src/app/App.tsx, as each role can open it, with the data that makes its
// page more than an empty state: a group with an enrolled family and a chat message, a session
// open now, a started session with a safeguarding report (so an alert), a training module, a
// volunteer application, a partnership table, a referral. For tests that walk the whole product
// (the [reach-2] accessibility test); a route a role cannot open is left out of its list.
import type { AlertInfo } from '../../server/protocol/supervision.ts';
import type { TableDetail } from '../../server/protocol/partnership.ts';
import type { Role } from '../../server/protocol/api.ts';
import { Person } from '../../server/people/person.model.ts';
import { TrainingModule } from '../../server/training/module.model.ts';
import { createStaff, helsinkiDay, inHelsinki, weekdayOf } from '../support/groups.ts';
import { liveSocket, must } from '../support/live.ts';
import {
  ApiClient,
  createOrganisation,
  createPerson,
  signedInClient,
  type TestPerson,
} from '../support/people.ts';
import { enrolFamilies, groupStartingIn, reportBody } from '../support/supervision.ts';

export type Walker = Role | 'visitor';

/** A page to open: its path, and (optionally) what shows that its content has arrived. */
export interface RouteVisit {
  path: string;
  ready?: string;
  /** Where the app takes this role instead (a partner's home is their referrals). */
  lands?: string;
  /** The live room: press Join on the session page and wait for the room. */
  join?: boolean;
}

export interface Seeded {
  people: Record<Role, TestPerson>;
  /** The group open now: its chat has a message by another family. */
  groupId: string;
  routes: Record<Walker, RouteVisit[]>;
}

function ok<T extends { status: number; body: unknown }>(res: T, what: string): T {
  if (res.status >= 400) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** Seeds one of everything and lists, per role, every route that role can open. */
export async function seedEveryRoute(url: string): Promise<Seeded> {
  const staff = await createStaff(url);
  const { facilitator, trainer } = staff;
  await Person.updateOne({ _id: facilitator.id }, { displayName: 'Fatima Ohjaaja' });
  await Person.updateOne({ _id: trainer.id }, { displayName: 'Tuula Kouluttaja' });
  const coordinator = await createPerson({
    roles: ['coordinator'],
    displayName: 'Kaisa Koordinaattori',
  });
  const organisationId = await createOrganisation('partner', 'Monikulttuurinen yhdistys');
  const partner = await createPerson({
    roles: ['partner'],
    organisationId,
    displayName: 'Pirjo Kumppani',
  });

  // A group whose first session opens now (its page has "join now"; the live room is there).
  const live = await groupStartingIn(staff, 2, { observationAllowed: true });
  // Two families: one writes in the group's chat, the other may report the message.
  const [family, writer] = await enrolFamilies(url, live.group, ['Amina Perhe', 'Bijan Perhe']);
  const groupChannel = `group:${live.group.id}`;
  const socket = await liveSocket(url, writer!);
  await must(socket, 'chat:send', {
    channelId: groupChannel,
    clientId: `every-route-${Date.now()}`,
    text: 'Hei kaikki, nähdään tiistaina!',
  });
  socket.close();

  // A session that began, reported with a concern: a report to read, an alert to open.
  const started = await groupStartingIn(staff, -15);
  await enrolFamilies(url, started.group, ['Ville Perhe']);
  const asFacilitator = await signedInClient(url, facilitator);
  const reported = await groupStartingIn(staff, -30);
  const filed = ok(
    await asFacilitator.post<{ id: string }>(`/sessions/${reported.sessionId}/report`, {
      ...reportBody({ safeguarding: true, concern: 'Perhe tarvitsee tukea asumiseen.' }),
    }),
    'report',
  );
  const asTrainer = await signedInClient(url, trainer);
  const [alert] = ok(await asTrainer.get<AlertInfo[]>('/alerts'), 'alerts').body;

  const module = await TrainingModule.create({
    order: 1,
    required: true,
    published: true,
    content: [{ lang: 'fi', title: 'Luottamuksellisuus', body: 'Mitä ryhmässä puhutaan.' }],
    quiz: {
      passMark: 100,
      maxAttempts: 2,
      questions: [
        {
          id: 'q1',
          prompt: [{ lang: 'fi', text: 'Saako ryhmän asioista kertoa muille?' }],
          options: [
            { id: 'a', text: [{ lang: 'fi', text: 'Ei' }] },
            { id: 'b', text: [{ lang: 'fi', text: 'Kyllä' }] },
          ],
          correct: ['a'],
        },
      ],
    },
    reflection: { prompt: [{ lang: 'fi', text: 'Miten toimit, jos joku kertoo huolesta?' }] },
  });

  const applied = ok(
    await new ApiClient(url).post<{ id: string }>('/volunteer-applications', {
      name: 'Leila Hakija',
      email: `leila.${Date.now()}@example.fi`,
      languagesSpoken: ['fi', 'fa'],
      region: 'lappi',
      motivation: 'Haluan tukea muita kahden kulttuurin perheitä.',
      availability: 'Arki-illat',
      language: 'fi',
      consent: true,
    }),
    'application',
  );

  const tableStart = new Date(Date.now() + 3 * 86_400_000);
  const table = ok(
    await staff.coordinator.post<TableDetail>('/tables', {
      title: [{ lang: 'fi', text: 'Kumppanuuspöytä, Uusimaa' }],
      memberIds: [partner.id],
      sessionLanguages: ['fi'],
      schedule: {
        frequency: 'weekly',
        weekday: weekdayOf(helsinkiDay(3)),
        startDate: helsinkiDay(3),
        startTime: inHelsinki(tableStart),
        durationMinutes: 90,
        count: 2,
      },
    }),
    'table',
  ).body;
  const asPartner = await signedInClient(url, partner);
  ok(
    await asPartner.post('/referrals', {
      reference: 'ASIAKAS-1',
      language: 'fa',
      familyConsented: true,
    }),
    'referral',
  );

  const group = (id: string) => `/groups/${id}`;
  const session = `/sessions/${live.sessionId}`;
  // What every signed-in person can open (the directory is for every role too).
  const everyone = (extra: RouteVisit[], home: RouteVisit = { path: '/' }): RouteVisit[] => [
    home,
    { path: '/groups', ready: 'article.group-card' },
    { path: group(live.group.id), ready: 'main h1 bdi' },
    { path: '/my-groups' },
    { path: '/notifications' },
    { path: '/messages' },
    { path: '/profile', ready: 'form' },
    { path: '/directory' },
    { path: '/privacy' },
    { path: '/volunteer', ready: 'form' },
    { path: session },
    ...extra,
    { path: '/no-such-page' },
  ];
  const staffShared: RouteVisit[] = [
    { path: '/meetings' },
    { path: '/meetings/new', ready: 'form' },
    { path: `/training/modules/${module.id}` },
  ];
  // Two routes of one page are never next to each other: a test can tell their pages apart.
  const trains: RouteVisit[] = [
    { path: `/training/manage/${module.id}`, ready: 'form' },
    { path: '/training/manage' },
    { path: '/training/manage/new', ready: 'form' },
    { path: '/training/trainees' },
    { path: `/training/trainees/${facilitator.id}` },
  ];
  return {
    people: { family: family!, facilitator, trainer, coordinator, partner },
    groupId: live.group.id,
    routes: {
      visitor: [
        { path: '/', ready: 'main h1' },
        { path: '/groups', ready: 'article.group-card' },
        { path: group(live.group.id), ready: 'main h1 bdi' },
        { path: '/sign-in', ready: 'form' },
        { path: '/sign-up', ready: 'form' },
        { path: '/forgot-password', ready: 'form' },
        { path: '/reset-password?token=0000' },
        { path: '/verify-email?token=0000' },
        { path: '/invitation?token=0000' },
        { path: '/referral?token=0000' },
        { path: '/interview/0000' },
        { path: '/privacy' },
        { path: '/volunteer', ready: 'form' },
        { path: '/account-deleted' },
        { path: '/no-such-page' },
      ],
      family: everyone([
        { path: `/messages/${groupChannel}`, ready: '[data-testid="chat-message"]' },
        { path: '/alongside' },
      ]),
      facilitator: everyone([
        { path: `/messages/${groupChannel}`, ready: '[data-testid="chat-message"]' },
        ...staffShared,
        { path: '/training' },
        { path: `${group(live.group.id)}/manage` },
        { path: `${group(live.group.id)}/edit`, ready: 'form' },
        { path: `/sessions/${started.sessionId}/report`, ready: 'form' },
        { path: `/reports/${filed.body.id}` },
        { path: '/alongside' },
        { path: session, join: true },
      ]),
      trainer: everyone(
        [
          ...staffShared,
          ...trains,
          { path: `${group(live.group.id)}/manage` },
          { path: '/supervision' },
          { path: `/supervision/alerts/${alert?.id ?? 'none'}` },
          { path: `/reports/${filed.body.id}` },
          { path: '/alongside/volunteers' },
        ],
        { path: '/', lands: '/supervision' },
      ),
      coordinator: everyone(
        [
          ...staffShared,
          ...trains,
          { path: `${group(live.group.id)}/manage` },
          { path: `${group(live.group.id)}/edit`, ready: 'form' },
          { path: '/referrals' },
          { path: '/directory/manage' },
          { path: '/tables' },
          { path: '/tables/new', ready: 'form' },
          { path: `/tables/${table.id}` },
          { path: '/admin/volunteers' },
          { path: '/admin/groups' },
          { path: '/admin/groups/new', ready: 'form' },
          { path: '/admin/reach' },
          { path: '/admin/report' },
          { path: '/admin/alongside' },
          { path: '/admin/partners' },
          { path: '/admin/people' },
          { path: '/admin/audit' },
          { path: '/admin/outbox' },
          { path: '/admin/recruitment' },
          { path: `/admin/recruitment/${applied.body.id}` },
        ],
        { path: '/', lands: '/admin/groups' },
      ),
      partner: everyone(
        [{ path: '/directory/manage' }, { path: '/tables' }, { path: `/tables/${table.id}` }],
        { path: '/', lands: '/referrals' },
      ),
    },
  };
}

/** The language-dependent "loading" texts: a page showing one of them is not ready yet. */
export const LOADING_KEYS = [
  ['common', 'loading'],
  ['chat', 'panel.loading'],
  ['chat', 'conversations.loading'],
  ['recruitment', 'interview.loading'],
] as const;

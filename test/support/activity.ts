// A person who has done a bit of everything, through the real routes and sockets where they
// exist: a parent enrolled in a family group who also co-facilitates another one, chats, reports,
// trains, is supervised, pauses. For the privacy tests (export completeness, erasure).
import { randomBytes } from 'node:crypto';
import { Invitation } from '../../server/invitations/invitation.model.ts';
import { recordRemoval } from '../../server/live/removal.model.ts';
import {
  ActionItem,
  AgendaItem,
  Minutes,
  MinutesRevision,
} from '../../server/partnership/models.ts';
import { recordConsent } from '../../server/privacy/consent.model.ts';
import { Appointment } from '../../server/alongside/appointment.model.ts';
import { Referral } from '../../server/referrals/referral.model.ts';
import { AlongsideRequest } from '../../server/alongside/request.model.ts';
import { Pairing } from '../../server/alongside/pairing.model.ts';
import { ContactLog } from '../../server/alongside/contact.model.ts';
import { Contact } from '../../server/partners/contact.model.ts';
import type { ChatMessage, ConversationSummary } from '../../server/protocol/chat.ts';
import type { GroupDetail } from '../../server/protocol/groups.ts';
import type { ReflectionInfo } from '../../server/protocol/training.ts';
import { Application } from '../../server/training/application.model.ts';
import { TrainingModule, type TrainingModuleDoc } from '../../server/training/module.model.ts';
import * as progress from '../../server/training/progress.ts';
import { certify, createStaff, type GroupStaff } from './groups.ts';
import { liveSocket, must, type TestSocket } from './live.ts';
import {
  createOrganisation,
  createPerson,
  signedInClient,
  type ApiClient,
  type TestPerson,
} from './people.ts';
import { testRunner } from './runner.ts';
import { enrolFamilies, groupStartingIn, reportBody } from './supervision.ts';

export interface Activity {
  subject: TestPerson;
  client: ApiClient;
  pauseNote: string;
  staff: GroupStaff;
  /** The family group the subject is enrolled in, and the group they co-facilitate. */
  family: { group: GroupDetail; sessionId: string };
  run: { group: GroupDetail; sessionId: string };
  sockets: TestSocket[];
}

const localized = (text: string) => [{ lang: 'fi', text }];

/** Each step must work, or the test would prove nothing about the data it did not make. */
function ok<T extends { status: number; body: unknown }>(res: T): T {
  if (res.status >= 400) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

async function trainingModule(): Promise<TrainingModuleDoc> {
  const option = (id: string) => ({ id, text: localized(`Vaihtoehto ${id}`) });
  const created = await TrainingModule.create({
    order: 90,
    required: true,
    published: true,
    content: [{ lang: 'fi', title: 'Luottamuksellisuus', body: 'Mitä ryhmässä puhutaan.' }],
    quiz: {
      passMark: 100,
      maxAttempts: 1,
      questions: [
        {
          id: 'q1',
          prompt: localized('Saako kertoa?'),
          options: [option('a'), option('b')],
          correct: ['a'],
        },
      ],
    },
    reflection: { prompt: localized('Miten toimit?') },
  });
  return (await TrainingModule.findById(created._id).lean()) as TrainingModuleDoc;
}

export async function activity(url: string): Promise<Activity> {
  const tag = randomBytes(3).toString('hex');
  const staff = await createStaff(url);
  const { trainer, facilitator } = staff;
  const subject = await createPerson({
    roles: ['family', 'facilitator'],
    displayName: `Saana-${tag}`,
    email: `saana.${tag}@test.rinnalla.fi`,
    supervisorId: trainer.id,
  });
  await certify(subject.id, trainer.id);
  const client = await signedInClient(url, subject);
  const sockets: TestSocket[] = [];
  const open = async (person: TestPerson) => {
    const socket = await liveSocket(url, person);
    sockets.push(socket);
    return socket;
  };
  let n = 0;
  const send = (socket: TestSocket, channelId: string, text: string, extra: object = {}) =>
    must<ChatMessage>(socket, 'chat:send', {
      channelId,
      clientId: `client-${tag}-${(n += 1)}`,
      text,
      ...extra,
    });

  // As a parent: enrolled in a family group whose session has begun, attended, chatting.
  const family = await groupStartingIn(staff, -10);
  ok(
    await client.post(`/groups/${family.group.id}/enrolments`, {
      acceptRules: family.group.rulesVersion,
    }),
  );
  const [other] = await enrolFamilies(url, family.group, [`Ville-${tag}`]);
  const facilitatorClient = await signedInClient(url, facilitator);
  ok(
    await facilitatorClient.put(`/sessions/${family.sessionId}/attendance`, {
      entries: [{ personId: subject.id, present: true }],
    }),
  );
  const familyChannel = `group:${family.group.id}`;
  const [me, them] = [await open(subject), await open(other!)];
  const theirs = await send(them, familyChannel, 'Meillä puhutaan kotona kolmea kieltä.');
  const mine = await send(me, familyChannel, 'Voisiko ohjaaja kertoa lisää?', {
    mentionFacilitators: true,
  });
  await must(me, 'chat:report', { channelId: familyChannel, seq: theirs.seq, reason: 'other' });
  await must(them, 'chat:report', { channelId: familyChannel, seq: mine.seq, reason: 'hurtful' });
  await must(me, 'chat:read', { channelId: familyChannel, seq: theirs.seq });
  ok(
    await facilitatorClient.post(`/sessions/${family.sessionId}/report`, {
      ...reportBody(),
      attendance: [{ personId: subject.id, present: true }],
    }),
  );
  await recordRemoval(
    family.sessionId,
    subject.id,
    facilitator.id,
    'Yhteys katkeili, uusi yritys.',
  );

  // As a volunteer: co-facilitating a group, hiding a message, reporting, supervised.
  const run = await groupStartingIn(staff, -20, { coFacilitatorId: subject.id });
  const [runFamily] = await enrolFamilies(url, run.group, [`Aino-${tag}`]);
  const runChannel = `group:${run.group.id}`;
  const rude = await send(await open(runFamily!), runChannel, 'Tämä ryhmä on turha.');
  await must(me, 'chat:hide', { channelId: runChannel, seq: rude.seq, hidden: true });
  const filed = ok(
    await client.post<{ id: string }>(`/sessions/${run.sessionId}/report`, {
      ...reportBody({ safeguarding: true, concern: 'Perhe tarvitsee tukea asumiseen.' }),
      attendance: [{ personId: runFamily!.id, present: true }],
    }),
  );
  const trainerClient = await signedInClient(url, trainer);
  ok(
    await trainerClient.post(`/reports/${filed.body.id}/feedback`, { text: 'Hyvä että kirjasit.' }),
  );
  const direct = await must<ConversationSummary>(me, 'chat:openDirect', {
    groupId: run.group.id,
    with: 'trainer',
  });
  await send(me, direct.channelId, 'Saisinko työnohjausta ensi viikolla?');

  // Training: read, a failed attempt, one more granted by the trainer, a reviewed reflection.
  const module = await trainingModule();
  const now = new Date();
  await progress.markRead(subject.id, module, now);
  await progress.submitQuiz(subject.id, module, [{ questionId: 'q1', optionIds: ['b'] }], now);
  await progress.grantExtraAttempt(subject.id, module, trainer.id, now);
  await progress.submitReflection(subject.id, module, 'Kysyn aina luvan ennen kuin kerron.', now);
  const waiting = (await trainerClient.get<ReflectionInfo[]>('/training/reflections')).body;
  for (const r of waiting.filter((w) => w.traineeId === subject.id))
    ok(
      await trainerClient.post(`/training/reflections/${r.id}/review`, {
        accepted: true,
        feedback: 'Juuri näin.',
      }),
    );

  // How they came: an application, an invitation, a referral; what they agreed to.
  const organisationId = await createOrganisation('partner');
  await Application.create({
    name: subject.displayName,
    email: subject.email,
    phone: '+358 40 123 4567',
    languagesSpoken: ['fi', 'so'],
    region: 'uusimaa',
    motivation: 'Haluan tukea muita kahden kulttuurin perheitä.',
    availability: 'Arki-illat',
    language: 'fi',
    consentAt: now,
    personId: subject.id,
    history: [{ from: null, to: 'applied', byId: null, at: now }],
  });
  await Invitation.create({
    tokenHash: randomBytes(16).toString('hex'),
    email: subject.email,
    roles: ['facilitator'],
    organisationId,
    invitedBy: null,
    language: 'fi',
    expiresAt: new Date(now.getTime() + 86_400_000),
    acceptedAt: now,
  });
  await Referral.create({
    tokenHash: randomBytes(16).toString('hex'),
    organisationId,
    reference: `K-${tag}`,
    language: 'fi',
    status: 'signed-up',
    familyId: subject.id,
    openedAt: now,
    signedUpAt: now,
    consent: { state: 'given', version: 'v1', stages: ['opened', 'enrolled'], at: now },
    expiresAt: new Date(now.getTime() + 86_400_000),
  });
  // They asked for a walk-alongside volunteer and were paired (written straight: their family
  // role is in a group here); and they walk alongside another family themselves, with a log.
  const request = await AlongsideRequest.create({
    familyId: subject.id,
    help: `Kela-hakemus ${tag}`,
    helpLang: 'fi',
    languages: ['fi', 'so'],
    region: 'helsinki',
    status: 'paired',
  });
  const walked = await Pairing.create({
    requestId: request._id,
    familyId: subject.id,
    volunteerId: facilitator.id,
    pairedById: trainer.id,
    startedAt: now,
    lastContactAt: now,
  });
  await ContactLog.create({
    pairingId: walked._id,
    volunteerId: subject.id,
    date: '2026-01-02',
    at: now,
    minutes: 45,
    kind: 'call',
    note: `Soitto ${tag}`,
  });
  // Their own appointment, shared with a walk-alongside volunteer and reminded (written straight:
  // the subject holds no family role of its own here).
  await Appointment.create({
    familyId: subject.id,
    what: `Neuvola ${tag}`,
    startsAt: new Date(now.getTime() + 3 * 86_400_000),
    where: `Kalliontie ${tag}`,
    shared: true,
    timeSetAt: now,
    remindAt: new Date(now.getTime() + 2 * 86_400_000),
    remindedAt: now,
    volunteerNotedAt: now,
  });
  // Before all this they were a partner organisation's named contact person.
  await Contact.create({ organisationId, personId: subject.id, since: now, leftAt: now });
  await recordConsent(subject.id, 'privacy-notice', '2025-01');
  // At a partnership table (written straight: the subject holds no partner role): an agenda
  // item, a version of the minutes, an action item they own.
  const table = { tableId: run.group.id, sessionId: run.sessionId };
  await AgendaItem.create({ ...table, authorId: subject.id, text: 'Perheiden ohjautuminen' });
  const minutes = { tableId: run.group.id, text: 'Läsnä: kaikki.', at: now };
  await MinutesRevision.create({ _id: `${run.sessionId}:1`, ...minutes, authorId: subject.id });
  await Minutes.create({
    _id: run.sessionId,
    ...minutes,
    version: 1,
    updatedBy: subject.id,
    updatedAt: now,
  });
  await ActionItem.create({
    ...table,
    raisedOn: '2026-01-01',
    text: 'Esite neuvoloihin',
    ownerId: subject.id,
    dueDate: '2026-02-01',
    createdBy: trainer.id,
  });

  // Their own settings, last (a pause stops them being offered as a facilitator).
  ok(await client.put('/me/reminders', { offsetsMinutes: [180, 30], email: false }));
  ok(await client.get('/me/calendar')); // a private feed: its key finds the person
  const pauseNote = `Vauvavuosi, palaan syksyllä ${tag}`;
  ok(await client.put('/me/pause', { until: null, note: pauseNote }));
  ok(await client.post('/auth/password-reset', { email: subject.email }));
  await testRunner(url).runDue();
  return { subject, client, pauseNote, staff, family, run, sockets };
}

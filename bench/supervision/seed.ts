// The supervision benchmark's organisation, written straight to the database: trainers, their
// facilitators (half certified, half in training), family groups with their coming sessions on
// the group (as syncSessions keeps them), enrolled families, filed reports, open alerts, the
// training programme with progress, and login sessions for the people whose pages are measured.
import mongoose from 'mongoose';
import { LoginSession } from '../../server/auth/loginSession.model.ts';
import { cookieName } from '../../server/auth/sessions.ts';
import { hashToken, newToken } from '../../server/auth/tokens.ts';
import { activeKey, Enrolment } from '../../server/groups/enrolment.model.ts';
import { Group } from '../../server/groups/group.model.ts';
import { Person } from '../../server/people/person.model.ts';
import { Alert } from '../../server/supervision/alert.model.ts';
import { Report } from '../../server/supervision/report.model.ts';
import { Certification } from '../../server/training/certification.model.ts';
import { TrainingModule } from '../../server/training/module.model.ts';
import { ModuleRead, progressId } from '../../server/training/progress.model.ts';

export const TRAINERS = 40;
export const FACILITATORS_PER_TRAINER = 12;
export const GROUPS_PER_TRAINER = 12;
export const FAMILIES_PER_GROUP = 8;
export const SESSIONS_PER_GROUP = 8;
export const REPORTS_PER_GROUP = 4;
export const MODULES = 8;

const id = () => new mongoose.Types.ObjectId();
const DAY = 86_400_000;

export interface Signed {
  trainerCookie: string;
  coordinatorCookie: string;
  facilitatorCookie: string;
}

function loginSession(personId: mongoose.Types.ObjectId, now: Date, cookies: string[]) {
  const token = newToken();
  cookies.push(`${cookieName({ secure: false })}=${token}`);
  return {
    _id: hashToken(token),
    personId,
    csrfToken: newToken(24),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + DAY),
  };
}

/** Writes the organisation in batches, saying how far it is. */
export async function seedOrganisation(log: (line: string) => void): Promise<Signed> {
  const now = new Date();
  const people: Record<string, unknown>[] = [];
  const groups: Record<string, unknown>[] = [];
  const enrolments: Record<string, unknown>[] = [];
  const reports: Record<string, unknown>[] = [];
  const alerts: Record<string, unknown>[] = [];
  const certifications: Record<string, unknown>[] = [];
  const reads: Record<string, unknown>[] = [];
  const cookies: string[] = [];
  const coordinatorId = id();
  people.push({
    _id: coordinatorId,
    email: 'c@bench.invalid',
    displayName: 'K',
    roles: ['coordinator'],
  });
  const modules = Array.from({ length: MODULES }, (_, m) => ({
    _id: id(),
    order: m + 1,
    required: m < MODULES - 2,
    published: true,
    content: [{ lang: 'fi', title: `Moduuli ${m + 1}`, body: 'Sisältö.' }],
    quiz: null,
    reflection: null,
  }));
  let firstTrainer: mongoose.Types.ObjectId | undefined;
  let firstFacilitator: mongoose.Types.ObjectId | undefined;
  for (let t = 0; t < TRAINERS; t += 1) {
    const trainerId = id();
    firstTrainer ??= trainerId;
    people.push({
      _id: trainerId,
      email: `t${t}@bench.invalid`,
      displayName: `Kouluttaja ${t}`,
      roles: ['trainer'],
    });
    const facilitators = Array.from({ length: FACILITATORS_PER_TRAINER }, (_, f) => {
      const personId = id();
      firstFacilitator ??= personId;
      people.push({
        _id: personId,
        email: `t${t}f${f}@bench.invalid`,
        displayName: `Ohjaaja ${t}.${f}`,
        roles: ['facilitator'],
        supervisorId: trainerId,
      });
      if (f % 2 === 0) {
        certifications.push({
          personId,
          signedOffById: trainerId,
          certifiedAt: now,
          validUntil: new Date(now.getTime() + 365 * DAY),
        });
      }
      // Trainees are part-way: a few modules read.
      for (const module of modules.slice(0, f % MODULES))
        reads.push({
          _id: progressId('training-read', String(personId), String(module._id)),
          personId,
          moduleId: module._id,
          at: now,
        });
      return personId;
    });
    for (let g = 0; g < GROUPS_PER_TRAINER; g += 1) {
      const groupId = id();
      const lead = facilitators[g % facilitators.length]!;
      // Sessions weekly from a week ago: one of them in the dashboard's past, the rest coming.
      const upcoming = Array.from({ length: SESSIONS_PER_GROUP }, (_, s) => {
        const startsAt = new Date(now.getTime() + ((s - 1) * 7 + (g % 7)) * DAY);
        return {
          id: String(id()),
          key: `k${s}`,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 90 * 60_000),
          status: 'scheduled',
          reason: null,
        };
      });
      groups.push({
        _id: groupId,
        title: [{ lang: 'fi', text: `Ryhmä ${t}.${g}` }],
        description: [{ lang: 'fi', text: 'Vertaisryhmä.' }],
        topics: ['wellbeing'],
        sessionLanguages: ['fi'],
        audience: 'parents',
        region: 'online-finland',
        capacity: FAMILIES_PER_GROUP,
        leadFacilitatorId: lead,
        trainerId,
        status: 'open',
        visibility: 'public',
        observationAllowed: g % 2 === 0,
        schedule: {
          frequency: 'weekly',
          weekday: 'mo',
          startDate: '2027-01-04',
          startTime: '18:00',
          durationMinutes: 90,
          count: SESSIONS_PER_GROUP,
        },
        timeOfDay: 'evening',
        rulesVersion: 'bench',
        confirmedCount: FAMILIES_PER_GROUP,
        upcoming,
      });
      for (let f = 0; f < FAMILIES_PER_GROUP; f += 1) {
        const personId = id();
        people.push({
          _id: personId,
          email: `t${t}g${g}p${f}@bench.invalid`,
          displayName: `Perhe ${f}`,
          roles: ['family'],
        });
        enrolments.push({
          groupId,
          personId,
          status: 'confirmed',
          arrival: f,
          rulesVersion: 'bench',
          activeKey: activeKey(String(groupId), String(personId)),
        });
      }
      for (let r = 0; r < REPORTS_PER_GROUP; r += 1) {
        const reportId = id();
        const sessionId = id();
        const sessionStartsAt = new Date(now.getTime() - (r + 1) * 7 * DAY);
        const safeguarding = r === 0 && g === 0;
        reports.push({
          _id: reportId,
          sessionId,
          groupId,
          sessionStartsAt,
          authorId: lead,
          attendance: [],
          themes: ['wellbeing'],
          howItWent: 4,
          concern: safeguarding ? 'Huoli.' : '',
          safeguarding,
          feedback: r === 1 ? [{ byId: trainerId, text: 'Kiitos.', at: sessionStartsAt }] : [],
        });
        if (safeguarding)
          alerts.push({
            kind: 'safeguarding',
            reportId,
            trainerId,
            groupId,
            sessionId,
            facilitatorId: lead,
            openedAt: sessionStartsAt,
          });
      }
    }
  }
  const sessions = [
    loginSession(firstTrainer!, now, cookies),
    loginSession(coordinatorId, now, cookies),
    loginSession(firstFacilitator!, now, cookies),
  ];
  const batches: [string, { insertMany(docs: unknown[]): Promise<unknown> }, unknown[]][] = [
    ['people', Person, people],
    ['groups', Group, groups],
    ['enrolments', Enrolment, enrolments],
    ['reports', Report, reports],
    ['alerts', Alert, alerts],
    ['certifications', Certification, certifications],
    ['modules', TrainingModule, modules],
    ['modules read', ModuleRead, reads],
    ['login sessions', LoginSession, sessions],
  ];
  for (const [name, model, docs] of batches) {
    for (let i = 0; i < docs.length; i += 1000) await model.insertMany(docs.slice(i, i + 1000));
    log(`  supervision: seeded ${docs.length} ${name}`);
  }
  const [trainerCookie = '', coordinatorCookie = '', facilitatorCookie = ''] = cookies;
  return { trainerCookie, coordinatorCookie, facilitatorCookie };
}

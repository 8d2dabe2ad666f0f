// The trainer's dashboard: sessions of the groups they supervise that are live now or coming in
// the next 14 days (one click to observe where families were told), recent reports, open
// alerts, and the facilitators they supervise.
import type { GroupKind } from '../protocol/groups.ts';
import type { SignedInActor } from '../access/actor.ts';
import { may } from '../access/policy.ts';
import { findByIds } from '../db/byIds.ts';
import { linkedGroupIds } from '../groups/memberships.ts';
import { facilitatorIds, Group, type GroupDoc } from '../groups/group.model.ts';
import { comingSessions } from '../groups/views.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import type { PersonDoc } from '../people/person.model.ts';
import type {
  DashboardSession,
  SupervisedFacilitator,
  SupervisionDashboard,
} from '../protocol/supervision.ts';
import { TrainingModule } from '../training/module.model.ts';
import { traineeProgress } from '../training/programmeViews.ts';
import { progressId, Reflection } from '../training/progress.model.ts';
import { alertsOf } from './alertRoutes.ts';
import { lastContacts } from './contact.ts';
import { superviseesOf } from './supervisees.ts';
import type { SupervisionContext } from './context.ts';
import { reportIdOf, reportsOfGroups } from './report.model.ts';
import { namesOf, reportSummaries, titleOf } from './views.ts';

const HORIZON_MS = 14 * 86_400_000;
const RECENT_REPORTS = 20;

/** Reflections of the trainer's facilitators waiting for their review, in any module (by key). */
async function reflectionsWaiting(people: PersonDoc[]): Promise<number> {
  const modules = await TrainingModule.find({}, { _id: 1 }).lean();
  const keys = people.flatMap((p) =>
    modules.map((m) => progressId('reflection', String(p._id), String(m._id))),
  );
  const found = await Promise.all(
    keys.map((_id) => Reflection.findById(_id, { status: 1 }).lean()),
  );
  return found.filter((r) => r?.status === 'submitted').length;
}

async function sessionsOf(
  groups: GroupDoc[],
  actor: SignedInActor,
  { clock, live }: SupervisionContext,
): Promise<DashboardSession[]> {
  const now = clock.now();
  const horizon = new Date(now.getTime() + HORIZON_MS);
  const names = await namesOf(groups.flatMap((g) => facilitatorIds(g)));
  const sessions: DashboardSession[] = [];
  for (const group of groups) {
    // The viewer is these groups' trainer, never an enrolled family: no enrolment look-up (a
    // scan of every enrolment on this database, per group).
    const canObserve = may(actor, 'session.observe', {
      kind: (group.kind ?? 'family') as GroupKind,
      facilitatorIds: facilitatorIds(group),
      leadFacilitatorId: String(group.leadFacilitatorId),
      trainerId: String(group.trainerId),
      enrolled: false,
      observationAllowed: group.observationAllowed,
    });
    // The copy of the next sessions on the group: no session documents read. Ended ones are
    // not there (nor offered to observe): they show among reports.
    for (const s of comingSessions(group, now, true)) {
      if (s.status === 'cancelled') continue;
      const participants = await live.participantCount(s.id);
      if (participants === 0 && Date.parse(s.startsAt) > horizon.getTime()) continue;
      sessions.push({
        sessionId: s.id,
        groupId: String(group._id),
        groupTitle: titleOf(group),
        groupKind: group.kind ?? 'family',
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        status: s.status,
        joinOpensAt: s.joinOpensAt,
        joinClosesAt: s.joinClosesAt,
        startedAt: s.startedAt,
        endedAt: s.endedAt,
        live: participants > 0,
        participants,
        facilitators: facilitatorIds(group).map((id) => ({
          id,
          displayName: names.get(id) ?? '',
        })),
        canObserve,
        reportId: null,
      });
    }
  }
  // Only a session that took place or whose time came can have a report; each is looked up by key.
  const reportable = sessions.filter((s) => s.startedAt || Date.parse(s.startsAt) <= now.getTime());
  await Promise.all(
    reportable.map(async (s) => {
      s.reportId = await reportIdOf(s.sessionId);
    }),
  );
  // Live first, then by start.
  return sessions.sort(
    (a, b) => Number(b.live) - Number(a.live) || a.startsAt.localeCompare(b.startsAt),
  );
}

async function facilitatorsOf(people: PersonDoc[], now: Date): Promise<SupervisedFacilitator[]> {
  const [progress, contacts] = await Promise.all([
    traineeProgress(people, now),
    lastContacts(people),
  ]);
  const ofPerson = new Map(progress.map((p) => [p.personId, p]));
  return people.map((p) => {
    const id = String(p._id);
    const trainee = ofPerson.get(id);
    // The newest certification is the longest valid one: valid now or none is.
    const certification = trainee?.certification;
    return {
      id,
      displayName: p.displayName,
      paused: !!p.pause?.since,
      certifiedUntil: certification?.valid ? certification.validUntil : null,
      requiredPassed: trainee?.requiredPassed ?? 0,
      requiredTotal: trainee?.requiredTotal ?? 0,
      lastContactAt: contacts.get(id)?.at.toISOString() ?? null,
    };
  });
}

export function dashboardRoutes(api: ApiRouter, ctx: SupervisionContext): void {
  api.get(
    '/supervision/dashboard',
    { action: 'supervision.dashboard' },
    async ({ actor }): Promise<SupervisionDashboard> => {
      const me = signedIn(actor);
      const [groups, people] = await Promise.all([
        // The trainer's list of groups (memberships.ts): no group is searched.
        linkedGroupIds(me.personId).then(({ trainer }) => findByIds<GroupDoc>(Group, trainer)),
        superviseesOf(me.personId),
      ]);
      const [sessions, reports, openAlerts, facilitators, waiting] = await Promise.all([
        sessionsOf(groups, me, ctx),
        reportsOfGroups(
          groups.map((g) => g._id),
          RECENT_REPORTS,
        ),
        alertsOf(me.personId, 'open'),
        facilitatorsOf(people, ctx.clock.now()),
        reflectionsWaiting(people),
      ]);
      return {
        sessions,
        recentReports: await reportSummaries(reports),
        openAlerts,
        facilitators,
        reflectionsWaiting: waiting,
      };
    },
  );
}

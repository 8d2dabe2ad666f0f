// What the soak runs on: live groups (families, their facilitator, and in the first a trainer
// observing hidden), a small group families keep enrolling in and cancelling, and groups whose
// sessions start an hour and a bit from now, so their one-hour reminders fall due during the run.
import { createGroup, createStaff, weekdayOf } from '../../support/groups.ts';
import { helsinki, liveGroup } from '../../support/live.ts';
import {
  createPerson,
  signedInClient,
  type ApiClient,
  type TestPerson,
} from '../../support/people.ts';
import type { EnrolmentInfo, GroupDetail } from '../../../server/protocol/groups.ts';
import { SoakMember, type SoakGroupRef } from './member.ts';

export interface ChurnFamily {
  person: TestPerson;
  api: ApiClient;
  /** What the server last acknowledged for this family. */
  status: 'none' | 'confirmed' | 'waitlisted';
  refused: number;
}

export interface SoakWorld {
  groups: SoakGroupRef[];
  members: SoakMember[];
  churnGroup: GroupDetail;
  churn: ChurnFamily[];
  /** Families whose one-hour reminder falls due during the run, with when. */
  reminded: { person: TestPerson; groupId: string; dueAt: number }[];
}

export interface WorldOptions {
  liveGroups: number;
  familiesPerGroup: number;
  churnFamilies: number;
  churnCapacity: number;
  /** Minutes from now at which reminders fall due (one group each). */
  reminderDueMinutes: number[];
}

export async function buildWorld(url: string, options: WorldOptions): Promise<SoakWorld> {
  // First, so that their reminders fall due well before the end of even a short run.
  const reminded: SoakWorld['reminded'] = [];
  for (const minutes of options.reminderDueMinutes)
    reminded.push(...(await again(() => remindedGroup(url, minutes))));
  const groups: SoakGroupRef[] = [];
  const members: SoakMember[] = [];
  // One after another: side by side, a loaded machine's database answers "unavailable".
  const lives = [];
  for (let g = 0; g < options.liveGroups; g += 1)
    lives.push(
      await again(() =>
        liveGroup(url, {
          families: options.familiesPerGroup,
          group: { capacity: options.familiesPerGroup + 2, observationAllowed: g === 0 },
        }),
      ),
    );
  lives.forEach((live, g) => {
    const trainer = live.staff.trainer;
    const ref: SoakGroupRef = {
      groupId: live.group.id,
      sessionId: live.sessionId,
      channelId: `group:${live.group.id}`,
      hidden: g === 0 ? [trainer.id, trainer.displayName] : [],
    };
    groups.push(ref);
    members.push(new SoakMember(live.staff.facilitator, ref, 'host'));
    for (const family of live.families) members.push(new SoakMember(family, ref, 'family'));
    if (g === 0) members.push(new SoakMember(trainer, ref, 'observer'));
  });

  const staff = await createStaff(url);
  const churnGroup = await createGroup(staff, { capacity: options.churnCapacity });
  const churn: ChurnFamily[] = await Promise.all(
    Array.from({ length: options.churnFamilies }, async (_, i) => {
      const person = await createPerson({ roles: ['family'], displayName: `Jonottaja ${i + 1}` });
      return {
        person,
        api: await signedInClient(url, person),
        status: 'none' as const,
        refused: 0,
      };
    }),
  );

  return { groups, members, churnGroup, churn, reminded };
}

/** Set-up steps tried again when the loaded machine's database was too slow to answer. */
async function again<T>(step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

/** A group whose session starts so that its one-hour reminders fall due `minutes` from now. */
async function remindedGroup(url: string, minutes: number): Promise<SoakWorld['reminded']> {
  // The session starts on a whole minute: due between `minutes - 0.5` and `minutes + 0.5`.
  const start = new Date(Date.now() + (60 + minutes + 0.5) * 60_000);
  const startDate = helsinki(start, 'date');
  const group = await createGroup(await createStaff(url), {
    schedule: {
      frequency: 'weekly',
      weekday: weekdayOf(startDate),
      startDate,
      startTime: helsinki(start, 'time'),
      durationMinutes: 60,
      count: 1,
    },
  });
  const startsAt = new Date(group.nextSessions[0]?.startsAt ?? start).getTime();
  return Promise.all(
    [0, 1].map(async (i) => {
      const person = await createPerson({ roles: ['family'], displayName: `Muistutettava ${i}` });
      const api = await signedInClient(url, person);
      const res = await api.post<EnrolmentInfo>(`/groups/${group.id}/enrolments`, {
        acceptRules: group.rulesVersion,
      });
      if (res.body.status !== 'confirmed') throw new Error(`not enrolled: ${res.status}`);
      return { person, groupId: group.id, dueAt: startsAt - 60 * 60_000 };
    }),
  );
}

/** One step of a churning family: enrol when out, cancel when in. */
export async function churnStep(group: GroupDetail, family: ChurnFamily): Promise<void> {
  try {
    if (family.status === 'none') {
      const res = await family.api.post<EnrolmentInfo>(`/groups/${group.id}/enrolments`, {
        acceptRules: group.rulesVersion,
      });
      if (res.status < 300 && (res.body.status === 'confirmed' || res.body.status === 'waitlisted'))
        family.status = res.body.status;
      else family.refused += 1;
    } else {
      const res = await family.api.delete(`/groups/${group.id}/enrolments/me`);
      if (res.status < 300) family.status = 'none';
      else family.refused += 1;
    }
  } catch {
    family.refused += 1; // the server was down: the next step tries again
  }
}

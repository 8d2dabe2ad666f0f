// Building blocks for group tests: a valid group body, and a group with its staff.
import type { z } from 'zod';
import type { GroupDetail, groupSchemas } from '../../server/protocol/groups.ts';
import { Certification } from '../../server/training/certification.model.ts';
import { createPerson, signedInClient, type ApiClient, type TestPerson } from './people.ts';

export type GroupBody = z.input<typeof groupSchemas.groupInput>;

export interface GroupStaff {
  coordinator: ApiClient;
  facilitator: TestPerson;
  trainer: TestPerson;
}

export async function createStaff(url: string): Promise<GroupStaff> {
  const trainer = await createPerson({ roles: ['trainer'] });
  const facilitator = await createPerson({ roles: ['facilitator'], supervisorId: trainer.id });
  await certify(facilitator.id, trainer.id);
  const coordinator = await signedInClient(url, await createPerson({ roles: ['coordinator'] }));
  return { coordinator, facilitator, trainer };
}

/** A facilitator certified by their trainer (as the training programme would, a year valid). */
export async function certify(personId: string, trainerId: string, now = new Date()) {
  await Certification.create({
    personId,
    signedOffById: trainerId,
    certifiedAt: now,
    validUntil: new Date(now.getTime() + 365 * 86_400_000),
  });
}

export function groupBody(staff: GroupStaff, overrides: Partial<GroupBody> = {}): GroupBody {
  return {
    title: [
      { lang: 'fi', text: 'Arki kahdessa kulttuurissa' },
      { lang: 'ar', text: 'الحياة اليومية بين ثقافتين' },
    ],
    description: [{ lang: 'fi', text: 'Vertaisryhmä pienten lasten vanhemmille.' }],
    topics: ['everyday-two-cultures'],
    sessionLanguages: ['fi', 'ar'],
    audience: 'parents',
    region: 'online-finland',
    capacity: 8,
    leadFacilitatorId: staff.facilitator.id,
    trainerId: staff.trainer.id,
    status: 'open',
    visibility: 'public',
    observationAllowed: false,
    requiresApproval: false,
    joinWindowMinutes: 10,
    schedule: {
      frequency: 'weekly',
      weekday: 'su',
      startDate: '2026-03-15',
      startTime: '18:00',
      durationMinutes: 90,
      count: 6,
    },
    ...overrides,
  };
}

export async function createGroup(
  staff: GroupStaff,
  overrides: Partial<GroupBody> = {},
): Promise<GroupDetail> {
  const res = await staff.coordinator.post<GroupDetail>('/groups', groupBody(staff, overrides));
  if (res.status !== 201)
    throw new Error(`group not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A local date (YYYY-MM-DD) in Helsinki, `days` from now. */
export function helsinkiDay(days: number, from = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(
    new Date(from.getTime() + days * 86_400_000),
  );
}

/** Sunday…Saturday of a local date, as the schedule's weekday code. */
export function weekdayOf(date: string): 'mo' | 'tu' | 'we' | 'th' | 'fr' | 'sa' | 'su' {
  const codes = ['su', 'mo', 'tu', 'we', 'th', 'fr', 'sa'] as const;
  return codes[new Date(`${date}T12:00:00Z`).getUTCDay()] ?? 'mo';
}

/** Weekly at 18:00 Helsinki time for 90 minutes, `count` times from `start` (YYYY-MM-DD). */
export const weeklySchedule = (start: string, count: number): GroupBody['schedule'] => ({
  frequency: 'weekly',
  weekday: weekdayOf(start),
  startDate: start,
  startTime: '18:00',
  durationMinutes: 90,
  count,
});

/** A moment's wall-clock time in Helsinki ("18:05"), as a schedule's start time is written. */
export const inHelsinki = (date: Date) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Helsinki',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);

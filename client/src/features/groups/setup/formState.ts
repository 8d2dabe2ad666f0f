// The group form's state: strings where the inputs hold strings, turned into a GroupInput body
// (which the shared schema then checks) only on submit.
import type { z } from 'zod';
import type {
  AUDIENCES,
  GroupDetail,
  groupSchemas,
  LocalizedText,
  Region,
  Topic,
  Weekday,
} from '../../../../../server/protocol/groups.ts';
import { helsinkiDate } from '../../../lib/format.ts';
import { weekdayOf } from './scheduleDates.ts';

export type GroupInput = z.input<typeof groupSchemas.groupInput>;

export interface ScheduleState {
  frequency: 'weekly' | 'biweekly' | 'monthly';
  weekday: Weekday;
  monthlyNth: string;
  startDate: string;
  startTime: string;
  durationMinutes: string;
  ends: 'until' | 'count';
  until: string;
  count: string;
}

export interface GroupFormState {
  title: LocalizedText[];
  description: LocalizedText[];
  topics: Topic[];
  sessionLanguages: string[];
  audience: (typeof AUDIENCES)[number];
  region: Region;
  capacity: string;
  leadFacilitatorId: string;
  coFacilitatorId: string;
  trainerId: string;
  status: 'draft' | 'open' | 'ended';
  visibility: 'public' | 'invitation';
  observationAllowed: boolean;
  requiresApproval: boolean;
  /** Enrolled families enter live sessions directly; otherwise they wait in the lobby. */
  autoAdmit: boolean;
  joinWindowMinutes: string;
  schedule: ScheduleState;
}

export function emptyForm(language: string): GroupFormState {
  return {
    title: [{ lang: language, text: '' }],
    description: [{ lang: language, text: '' }],
    topics: [],
    sessionLanguages: [],
    audience: 'parents',
    region: 'online-finland',
    capacity: '8',
    leadFacilitatorId: '',
    coFacilitatorId: '',
    trainerId: '',
    status: 'draft',
    visibility: 'public',
    observationAllowed: false,
    requiresApproval: false,
    autoAdmit: true,
    joinWindowMinutes: '10',
    schedule: emptySchedule(),
  };
}

/** A new schedule: weekly from today, on today's weekday, eight sessions (groups and meetings). */
export function emptySchedule(): ScheduleState {
  const today = helsinkiDate(new Date());
  return {
    frequency: 'weekly',
    weekday: weekdayOf(today) ?? 'mo',
    monthlyNth: '1',
    startDate: today,
    startTime: '18:00',
    durationMinutes: '90',
    ends: 'count',
    until: '',
    count: '8',
  };
}

export function formFromGroup(group: GroupDetail): GroupFormState {
  const s = group.schedule;
  return {
    title: group.title,
    description: group.description,
    topics: group.topics,
    sessionLanguages: group.sessionLanguages,
    audience: group.audience,
    region: group.region,
    capacity: String(group.capacity),
    leadFacilitatorId: group.leadFacilitator.id,
    coFacilitatorId: group.coFacilitator?.id ?? '',
    trainerId: group.trainerId,
    // 'full' and 'running' follow from enrolments and dates; to the form they are 'open'.
    status: group.status === 'draft' || group.status === 'ended' ? group.status : 'open',
    visibility: group.visibility,
    observationAllowed: group.observationAllowed,
    requiresApproval: group.requiresApproval,
    autoAdmit: group.autoAdmit,
    joinWindowMinutes: String(group.joinWindowMinutes),
    schedule: {
      frequency: s.frequency,
      weekday: s.weekday,
      monthlyNth: String(s.monthlyNth ?? 1),
      startDate: s.startDate,
      startTime: s.startTime,
      durationMinutes: String(s.durationMinutes),
      ends: s.until ? 'until' : 'count',
      until: s.until ?? '',
      count: String(s.count ?? ''),
    },
  };
}

/** "" stays "" (the schema then says "required"); anything else becomes a number. */
const num = (text: string): number | string => (text.trim() === '' ? '' : Number(text));

/** The schedule part of a body (groups and meetings alike), for the schema to check. */
export function scheduleFrom(s: ScheduleState): GroupInput['schedule'] {
  return {
    frequency: s.frequency,
    weekday: s.weekday,
    ...(s.frequency === 'monthly' ? { monthlyNth: Number(s.monthlyNth) as 1 } : {}),
    startDate: s.startDate,
    startTime: s.startTime,
    durationMinutes: num(s.durationMinutes) as number,
    ...(s.ends === 'until' ? { until: s.until } : { count: num(s.count) as number }),
  };
}

/** The body the schema checks; a lead facilitator's keeps the schedule exactly as it was. */
export function bodyFrom(state: GroupFormState, original?: GroupDetail['schedule']): GroupInput {
  const schedule = original ?? scheduleFrom(state.schedule);
  return {
    title: state.title,
    description: state.description,
    topics: state.topics,
    sessionLanguages: state.sessionLanguages,
    audience: state.audience,
    region: state.region,
    capacity: num(state.capacity) as number,
    leadFacilitatorId: state.leadFacilitatorId,
    coFacilitatorId: state.coFacilitatorId || null,
    trainerId: state.trainerId,
    status: state.status,
    visibility: state.visibility,
    observationAllowed: state.observationAllowed,
    requiresApproval: state.requiresApproval,
    autoAdmit: state.autoAdmit,
    joinWindowMinutes: num(state.joinWindowMinutes) as number,
    schedule,
  };
}

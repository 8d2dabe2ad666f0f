// Occurrences of a group's schedule. The recurrence rule (RFC 5545, via rrule) runs on
// wall-clock Helsinki time; each occurrence is then placed in Europe/Helsinki by luxon, so an
// 18:00 group stays at 18:00 on both sides of a daylight-saving change.
import { DateTime } from 'luxon';
import rrule from 'rrule';
import type { ScheduleInput, Weekday } from '../protocol/groups.ts';

const { RRule } = rrule;
export const ZONE = 'Europe/Helsinki';

const WEEKDAY = {
  mo: RRule.MO,
  tu: RRule.TU,
  we: RRule.WE,
  th: RRule.TH,
  fr: RRule.FR,
  sa: RRule.SA,
  su: RRule.SU,
} as const;

export interface ScheduleException {
  /** The original occurrence's local date (YYYY-MM-DD). */
  date: string;
  kind: 'cancelled' | 'moved';
  /** For a move: the new start instant. */
  newStart?: Date | null;
  reason: string;
}

export interface Occurrence {
  /** The original local date: the occurrence's stable key, even when moved. */
  key: string;
  startsAt: Date;
  endsAt: Date;
  status: 'scheduled' | 'cancelled' | 'moved';
  reason: string | null;
}

/** Wall-clock fields carried in a Date's UTC fields, the way rrule works without a zone. */
function floating(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0));
}

export function helsinkiInstant(date: string, time: string): Date {
  return DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toJSDate();
}

export function helsinkiDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: ZONE }).toISODate() ?? '';
}

export function ruleFor(schedule: ScheduleInput): InstanceType<typeof RRule> {
  const day = WEEKDAY[schedule.weekday as Weekday];
  return new RRule({
    freq: schedule.frequency === 'monthly' ? RRule.MONTHLY : RRule.WEEKLY,
    interval:
      schedule.frequency === 'biweekly'
        ? 2
        : schedule.frequency === 'monthly'
          ? (schedule.everyMonths ?? 1)
          : 1,
    byweekday: [schedule.frequency === 'monthly' ? day.nth(schedule.monthlyNth ?? 1) : day],
    dtstart: floating(schedule.startDate, schedule.startTime),
    ...(schedule.until ? { until: floating(schedule.until, '23:59') } : {}),
    ...(schedule.count ? { count: schedule.count } : {}),
  });
}

/** The RRULE line for iCalendar (wall-clock, to pair with TZID=Europe/Helsinki). */
export function rruleText(schedule: ScheduleInput): string {
  return (
    ruleFor(schedule)
      .toString()
      .split('\n')
      .find((line) => line.startsWith('RRULE:')) ?? ''
  );
}

export function occurrences(
  schedule: ScheduleInput,
  exceptions: ScheduleException[],
  limit = 200,
): Occurrence[] {
  const byDate = new Map(exceptions.map((e) => [e.date, e]));
  const durationMs = schedule.durationMinutes * 60_000;
  return ruleFor(schedule)
    .all((_, i) => i < limit)
    .map((wall) => {
      const key = wall.toISOString().slice(0, 10);
      const startsAt = helsinkiInstant(key, wall.toISOString().slice(11, 16));
      const exception = byDate.get(key);
      const moved = exception?.kind === 'moved' && exception.newStart ? exception.newStart : null;
      const start = moved ?? startsAt;
      return {
        key,
        startsAt: start,
        endsAt: new Date(start.getTime() + durationMs),
        status: exception ? (exception.kind === 'moved' ? 'moved' : 'cancelled') : 'scheduled',
        reason: exception?.reason ?? null,
      };
    });
}

export function timeOfDay(startTime: string): 'morning' | 'afternoon' | 'evening' {
  const hour = Number(startTime.slice(0, 2));
  return hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : 'evening';
}

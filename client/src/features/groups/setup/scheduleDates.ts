// A schedule's first date and its weekday kept in agreement. Dates are local Helsinki dates
// ("2026-03-13"), reckoned in UTC so no device zone moves them.
import { WEEKDAYS, type Weekday } from '../../../../../server/protocol/groups.ts';
import type { ScheduleState } from './formState.ts';
import { dateTimeFormat } from '../../../lib/intl.ts';

const DAY_MS = 86_400_000;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parse(date: string): Date | null {
  if (!LOCAL_DATE.test(date)) return null;
  const day = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(day.getTime()) ? null : day;
}

const print = (day: Date) => day.toISOString().slice(0, 10);

/** The weekday of a local date (getUTCDay counts from Sunday; WEEKDAYS from Monday). */
function weekdayAt(day: Date): Weekday {
  return WEEKDAYS[(day.getUTCDay() + 6) % 7] ?? 'mo';
}

export function weekdayOf(date: string): Weekday | null {
  const day = parse(date);
  return day ? weekdayAt(day) : null;
}

/** Which such weekday of its month a date is: "1"–"4", or "-1" for a fifth (the last). */
function nthAt(day: Date): string {
  const nth = Math.ceil(day.getUTCDate() / 7);
  return nth > 4 ? '-1' : String(nth);
}

function matches(day: Date, weekday: Weekday, monthlyNth: string | null): boolean {
  if (weekdayAt(day) !== weekday) return false;
  if (monthlyNth === null) return true;
  if (monthlyNth !== '-1') return nthAt(day) === monthlyNth;
  return new Date(day.getTime() + 7 * DAY_MS).getUTCMonth() !== day.getUTCMonth();
}

/** The first date on or after `from` that the rule meets (what the server's RRULE starts on). */
export function firstMeeting(s: ScheduleState): string | null {
  const from = parse(s.startDate);
  if (!from) return null;
  const nth = s.frequency === 'monthly' ? s.monthlyNth : null;
  // A monthly rule may need a few months (a fifth weekday); a year is always enough.
  for (let i = 0; i < 400; i++) {
    const day = new Date(from.getTime() + i * DAY_MS);
    if (matches(day, s.weekday, nth)) return print(day);
  }
  return null;
}

/**
 * A change to the schedule, with the first date and the weekday kept in agreement: a new first
 * date sets the weekday (and the week of the month); a new weekday or week of the month moves the
 * first date on to the next date that has them.
 */
export function agreeing(s: ScheduleState, change: Partial<ScheduleState>): ScheduleState {
  const next = { ...s, ...change };
  const day = parse(next.startDate);
  if (!day) return next; // still being typed: nothing to agree with yet
  if ('startDate' in change || 'frequency' in change) {
    return {
      ...next,
      weekday: weekdayAt(day),
      ...(next.frequency === 'monthly' ? { monthlyNth: nthAt(day) } : {}),
    };
  }
  if ('weekday' in change || 'monthlyNth' in change)
    return { ...next, startDate: firstMeeting(next) ?? next.startDate };
  return next;
}

/** "perjantai 13. maaliskuuta 2026": a local date with its weekday, as Helsinki reads it. */
export function fullLocalDate(language: string, date: string): string {
  return dateTimeFormat(language, {
    timeZone: 'Europe/Helsinki',
    dateStyle: 'full',
  }).format(new Date(`${date}T12:00:00Z`));
}

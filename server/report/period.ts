// A report's period: Helsinki calendar dates, both included, and the instants that bound them
// (a contact, a referral or a certification counts by when it happened in Helsinki).
import { DateTime } from 'luxon';
import { ZONE } from '../groups/schedule.ts';

export interface Period {
  from: string;
  to: string;
  /** The first instant of `from` in Helsinki. */
  start: Date;
  /** The first instant after `to` in Helsinki. */
  end: Date;
}

export function periodOf(from: string, to: string): Period {
  return {
    from,
    to,
    start: DateTime.fromISO(from, { zone: ZONE }).startOf('day').toJSDate(),
    end: DateTime.fromISO(to, { zone: ZONE }).plus({ days: 1 }).startOf('day').toJSDate(),
  };
}

export const within = (period: Period, at: Date | null | undefined) =>
  !!at && at >= period.start && at < period.end;

/** Every Helsinki date of the period. */
export function daysOf(period: Period): string[] {
  const days: string[] = [];
  for (
    let day = DateTime.fromISO(period.from);
    day.toISODate()! <= period.to;
    day = day.plus({ days: 1 })
  )
    days.push(day.toISODate()!);
  return days;
}

/** Every Helsinki month (YYYY-MM) the period touches. */
export function monthsOf(period: Period): string[] {
  return [...new Set(daysOf(period).map((day) => day.slice(0, 7)))];
}

/** The Helsinki month (YYYY-MM) of an instant. */
export const monthOf = (at: Date) => DateTime.fromJSDate(at, { zone: ZONE }).toFormat('yyyy-MM');

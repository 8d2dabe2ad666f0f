// Helsinki wall-clock dates and times for walk-alongside (appointments, contacts, meetings).
import { DateTime } from 'luxon';
import { ZONE } from '../groups/schedule.ts';

/** The Helsinki calendar date of an instant, as YYYY-MM-DD. */
export const helsinkiDate = (at: Date): string =>
  DateTime.fromJSDate(at, { zone: ZONE }).toISODate()!;

/** The instant of a Helsinki local date and time (null when the date does not exist). */
export function helsinkiInstant(date: string, time: string): Date | null {
  const local = DateTime.fromISO(`${date}T${time}`, { zone: ZONE });
  return local.isValid ? local.toJSDate() : null;
}

/** ISO weekday (1 = Monday) of a Helsinki local date. */
export const weekdayOf = (date: string): number => DateTime.fromISO(date, { zone: ZONE }).weekday;

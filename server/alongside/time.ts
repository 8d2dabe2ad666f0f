// Helsinki wall-clock times for walk-alongside (appointments, contacts, meetings), beyond what the
// schedule's helpers give: a time a person typed may not exist (the spring clock change).
import { DateTime } from 'luxon';
import { ZONE } from '../groups/schedule.ts';

export { helsinkiDate } from '../groups/schedule.ts';

/** The instant of a Helsinki local date and time (null when the date does not exist). */
export function helsinkiInstant(date: string, time: string): Date | null {
  const local = DateTime.fromISO(`${date}T${time}`, { zone: ZONE });
  return local.isValid ? local.toJSDate() : null;
}

/** ISO weekday (1 = Monday) of a Helsinki local date. */
export const weekdayOf = (date: string): number => DateTime.fromISO(date, { zone: ZONE }).weekday;

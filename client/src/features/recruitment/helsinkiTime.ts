// A datetime-local input speaks wall-clock time; interviews are booked in Finnish time whatever
// the coordinator's device says, so the input's value is read and written as Helsinki time.
const ZONE = 'Europe/Helsinki';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Helsinki's wall clock at an instant, as milliseconds of a UTC date with the same fields. */
function wallClockMs(instant: Date): number {
  const get = (type: string) =>
    Number(parts.formatToParts(instant).find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
}

/** "2026-05-12T18:00" in Helsinki → the instant (ISO), or null for anything else. */
export function helsinkiInputToIso(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as number[];
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!);
  // The zone's offset at the guess, then again at the corrected instant (daylight saving).
  const offsetAt = (ms: number) => wallClockMs(new Date(ms)) - Math.floor(ms / 1000) * 1000;
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  return new Date(instant).toISOString();
}

/** An instant as a datetime-local value in Helsinki time ("2026-05-12T18:00"). */
export function toHelsinkiInput(instant: Date): string {
  return new Date(wallClockMs(instant)).toISOString().slice(0, 16);
}

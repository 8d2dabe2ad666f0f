// iCalendar (RFC 5545) for sessions, through ical-generator. Times are written as UTC instants,
// which every calendar shows in its own zone — 18:00 in Helsinki stays 18:00 there.
import icalGenerator, { ICalEventStatus } from 'ical-generator';
import type { GroupDoc } from '../groups/group.model.ts';
import type { LanguageCode } from '../protocol/languages.ts';
import { titleIn } from '../reminders/texts.ts';
import type { GroupSessionDoc } from '../sessions/groupSession.model.ts';

export function calendarOf(
  name: string,
  entries: { group: GroupDoc; sessions: GroupSessionDoc[] }[],
  lang: LanguageCode,
  publicUrl: string,
): string {
  const calendar = icalGenerator({
    name,
    prodId: { company: 'Rinnalla', product: 'peer-groups', language: lang.toUpperCase() },
  });
  for (const { group, sessions } of entries) {
    const url = new URL(`/groups/${String(group._id)}`, publicUrl).toString();
    for (const session of sessions) {
      calendar.createEvent({
        id: `${String(session._id)}@rinnalla`,
        start: session.startsAt,
        end: session.endsAt,
        summary: titleIn(group, lang),
        description: url,
        url,
        status:
          session.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      });
    }
  }
  return calendar.toString();
}

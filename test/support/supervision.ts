// Building blocks for supervision tests: a family group whose session has started (or starts
// later), families enrolled through the API, and a valid session report.
import type { EnrolmentInfo, GroupDetail } from '../../server/protocol/groups.ts';
import type { ReportInput } from '../../server/protocol/supervision.ts';
import { createGroup, weekdayOf, type GroupBody, type GroupStaff } from './groups.ts';
import { helsinki } from './live.ts';
import { createPerson, signedInClient, type TestPerson } from './people.ts';

/** A group of these staff whose first session starts `minutes` from now (negative: started). */
export async function groupStartingIn(
  staff: GroupStaff,
  minutes: number,
  overrides: Partial<GroupBody> = {},
): Promise<{ group: GroupDetail; sessionId: string }> {
  const start = new Date(Date.now() + minutes * 60_000);
  const startDate = helsinki(start, 'date');
  const group = await createGroup(staff, {
    schedule: {
      frequency: 'weekly',
      weekday: weekdayOf(startDate),
      startDate,
      startTime: helsinki(start, 'time'),
      durationMinutes: 90,
      count: 2,
    },
    ...overrides,
  });
  const sessionId = group.nextSessions[0]?.id;
  if (!sessionId) throw new Error('the group has no coming session');
  return { group, sessionId };
}

/** Families with a confirmed place in the group (enrolled through the API). */
export async function enrolFamilies(
  url: string,
  group: GroupDetail,
  names: string[],
): Promise<TestPerson[]> {
  const families: TestPerson[] = [];
  for (const displayName of names) {
    const family = await createPerson({ roles: ['family'], displayName });
    const client = await signedInClient(url, family);
    const res = await client.post<EnrolmentInfo>(`/groups/${group.id}/enrolments`, {
      acceptRules: group.rulesVersion,
    });
    if (res.body.status !== 'confirmed') throw new Error(`not enrolled: ${res.status}`);
    families.push(family);
  }
  return families;
}

export function reportBody(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    attendance: [],
    themes: ['two-cultures', 'language'],
    howItWent: 4,
    notes: 'Hyvä keskustelu kotikielistä.',
    concern: '',
    safeguarding: false,
    ...overrides,
  };
}

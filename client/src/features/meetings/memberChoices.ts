// Whom a meeting may have as members (facilitators, trainees included) and as its host.
import type { PersonSummary } from '../../../../server/protocol/api.ts';
import type { MeetingInfo, MeetingKind } from '../../../../server/protocol/groups.ts';
import { useResource } from '../../lib/useResource.ts';
import { hasAnyRole, useSession } from '../account/session.tsx';

export interface Choice {
  id: string;
  label: string;
}

const byLabel = (a: Choice, b: Choice) => a.label.localeCompare(b.label);
const person = (p: PersonSummary): Choice => ({ id: p.id, label: `${p.displayName} (${p.email})` });

/**
 * Facilitators one may add: a trainer's own, a coordinator's all. A facilitator may not list
 * people, so they choose among the colleagues they already meet in their meetings.
 */
export function useMemberChoices(known?: readonly MeetingInfo[]) {
  const { person: me } = useSession();
  const mayList = hasAnyRole(me, ['trainer', 'coordinator']);
  const listed = useResource<PersonSummary[]>(mayList ? '/people?role=facilitator' : null);
  const mine = useResource<MeetingInfo[]>(mayList || known ? null : '/meetings');
  if (mayList) return { choices: (listed.data ?? []).map(person), error: listed.error, mayList };
  const colleagues = new Map<string, Choice>();
  for (const meeting of known ?? mine.data ?? [])
    for (const member of meeting.members)
      if (member.id !== me?.id)
        colleagues.set(member.id, { id: member.id, label: member.displayName });
  return { choices: [...colleagues.values()].sort(byLabel), error: mine.error, mayList };
}

/** The choices plus whoever is chosen already (named as the meeting knows them), less the host. */
export function withCurrent(
  choices: readonly Choice[],
  current: readonly { id: string; displayName: string }[],
  hostId: string,
): Choice[] {
  const all = new Map(current.map((m) => [m.id, { id: m.id, label: m.displayName }]));
  for (const choice of choices) all.set(choice.id, choice);
  return [...all.values()].filter((c) => c.id !== hostId).sort(byLabel);
}

/** A coordinator's choice of host: trainers, and for a peer meeting facilitators too. */
export function useHostChoices(enabled: boolean, kind: MeetingKind): Choice[] {
  const trainers = useResource<PersonSummary[]>(enabled ? '/people?role=trainer' : null);
  const facilitators = useResource<PersonSummary[]>(
    enabled && kind === 'peer' ? '/people?role=facilitator' : null,
  );
  const all = new Map<string, Choice>();
  for (const p of [...(trainers.data ?? []), ...(kind === 'peer' ? (facilitators.data ?? []) : [])])
    all.set(p.id, person(p));
  return [...all.values()].sort(byLabel);
}

// Whom a meeting may have as members (facilitators, trainees included) and as its host.
import type { PersonSummary } from '../../../../server/protocol/api.ts';
import type { MeetingKind } from '../../../../server/protocol/groups.ts';
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
 * people; for a peer meeting they choose among colleagues by name.
 */
export function useMemberChoices() {
  const { person: me } = useSession();
  const mayList = hasAnyRole(me, ['trainer', 'coordinator']);
  const listed = useResource<PersonSummary[]>(mayList ? '/people?role=facilitator' : null);
  const colleagues = useResource<{ id: string; displayName: string }[]>(
    mayList ? null : '/meetings/colleagues',
  );
  if (mayList) return { choices: (listed.data ?? []).map(person), error: listed.error, mayList };
  const choices = (colleagues.data ?? []).map((c) => ({ id: c.id, label: c.displayName }));
  return { choices: choices.sort(byLabel), error: colleagues.error, mayList };
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

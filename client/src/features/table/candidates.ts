// Who may sit at a partnership table: coordinators and partner organisations' workers (a
// coordinator lists them), less the host; anyone already at the table stays offered.
import type { TFunction } from 'i18next';
import type { PersonSummary } from '../../../../server/protocol/api.ts';
import type { TableMember } from '../../../../server/protocol/partnership.ts';
import { useResource } from '../../lib/useResource.ts';

export function useTableCandidates(
  hostId: string,
  t: TFunction<'table'>,
  current: readonly TableMember[] = [],
) {
  const coordinators = useResource<PersonSummary[]>('/people?role=coordinator');
  const partners = useResource<PersonSummary[]>('/people?role=partner');
  const all = new Map<string, string>(current.map((m) => [m.id, m.displayName]));
  for (const p of [...(coordinators.data ?? []), ...(partners.data ?? [])]) {
    const role = p.roles.includes('partner') ? t('form.partner') : t('form.coordinator');
    all.set(p.id, `${p.displayName} (${role})`);
  }
  return {
    choices: [...all]
      .filter(([id]) => id !== hostId)
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    error: coordinators.error ?? partners.error,
  };
}

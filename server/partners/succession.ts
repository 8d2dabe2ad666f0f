// When a partner's contact person leaves, everything they held for the organisation passes to a
// successor: each feature (referrals, the partnership table's action items, directory entries)
// registers how its own records move, so a new feature cannot be forgotten by the hand-over.
export interface HandoverStep {
  /** Key in the hand-over's summary ("referrals", "actionItems", "directoryEntries"…). */
  name: string;
  /** Moves what `fromId` holds for the organisation to `toId`; returns how many records moved. */
  run(organisationId: string, fromId: string, toId: string): Promise<number>;
}

const steps: HandoverStep[] = [];

export function registerHandover(step: HandoverStep): void {
  if (!steps.some((s) => s.name === step.name)) steps.push(step);
}

export async function handOver(
  organisationId: string,
  fromId: string,
  toId: string,
): Promise<Record<string, number>> {
  const passed: Record<string, number> = {};
  for (const step of steps) passed[step.name] = await step.run(organisationId, fromId, toId);
  return passed;
}

// What the session report draft shows of the room's tools: the plan as run (minutes per item)
// and the check-in aggregates the facilitator chose to keep.
import type { CheckInAggregate, CheckInKind, PlanItemRun } from '../../protocol/roomTools.ts';
import { SessionRun } from './plan.model.ts';

export async function runOf(
  session: { _id: unknown; endedAt?: Date | null },
  now: Date,
): Promise<{ planRun: PlanItemRun[]; checkIns: CheckInAggregate[] }> {
  const run = await SessionRun.findById(session._id).lean();
  // An item still going when the session ended ran until the end (or until now).
  const end = session.endedAt ?? now;
  const planRun = (run?.plan ?? []).map((item) => {
    const from = item.startedAt?.getTime() ?? end.getTime();
    const to = (item.endedAt ?? end).getTime();
    return {
      title: item.title ?? '',
      plannedMinutes: item.plannedMinutes ?? 0,
      actualMinutes: Math.max(0, Math.round((to - from) / 60_000)),
      skipped: item.skipped ?? false,
    };
  });
  const checkIns = (run?.checkIns ?? []).map((c) => ({
    kind: c.kind as CheckInKind,
    counts: [...c.counts],
    total: c.counts.reduce((a, b) => a + b, 0),
  }));
  return { planRun, checkIns };
}

// Who may walk alongside a family: a facilitator with a valid certification, not on a break, who
// has passed the programme's walk-alongside module (the certification engine's own rules: read,
// quiz passed, reflection accepted by their trainer).
import { eligibleLeads } from '../training/certification.ts';
import { TrainingModule } from '../training/module.model.ts';
import { factsOf, loadFacts, moduleProgress } from '../training/programme.ts';
import { ALONGSIDE_QUALIFICATION } from '../protocol/alongside.ts';
import type { EligibleLead } from '../protocol/training.ts';

export async function qualifiedVolunteers(now: Date): Promise<EligibleLead[]> {
  const modules = await TrainingModule.find({
    qualifies: ALONGSIDE_QUALIFICATION,
    published: true,
  }).lean();
  if (modules.length === 0) return [];
  const leads = await eligibleLeads(now);
  const facts = await loadFacts(
    leads.map((l) => l.id),
    modules,
  );
  // Any published walk-alongside module passed qualifies (a renewed module keeps earlier passes).
  return leads.filter((lead) =>
    modules.some(
      (m) => moduleProgress(m, factsOf(facts, lead.id, String(m._id))).status === 'passed',
    ),
  );
}

export async function isQualified(personId: string, now: Date): Promise<boolean> {
  return (await qualifiedVolunteers(now)).some((v) => v.id === personId);
}

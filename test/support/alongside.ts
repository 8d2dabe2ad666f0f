// Walk-alongside for tests: the programme's walk-alongside module (one per database, made on first
// use) and volunteers who passed it the way the programme counts it (content read), certified.
import { TrainingModule } from '../../server/training/module.model.ts';
import { ModuleRead, progressId } from '../../server/training/progress.model.ts';
import { ALONGSIDE_QUALIFICATION } from '../../server/protocol/alongside.ts';
import type { LanguageCode } from '../../server/protocol/languages.ts';
import { certify } from './groups.ts';
import { createPerson, type TestPerson } from './people.ts';

export async function walkAlongsideModule(): Promise<string> {
  const found = await TrainingModule.findOne({ qualifies: ALONGSIDE_QUALIFICATION }).lean();
  if (found) return String(found._id);
  const module = await TrainingModule.create({
    order: 90,
    required: false,
    published: true,
    qualifies: ALONGSIDE_QUALIFICATION,
    content: [{ lang: 'fi', title: 'Rinnallakulkijana', body: 'Vertainen, ei viranomainen.' }],
  });
  return String(module._id);
}

/** Marks the module passed for the person (it has no quiz or reflection: read = passed). */
export async function passWalkAlongside(personId: string): Promise<void> {
  const moduleId = await walkAlongsideModule();
  await ModuleRead.create({
    _id: progressId('training-read', personId, moduleId),
    personId,
    moduleId,
    at: new Date(),
  });
}

/** A certified facilitator who passed the walk-alongside module, supervised by the trainer. */
export async function qualifiedVolunteer(
  trainerId: string,
  options: { displayName?: string; language?: LanguageCode } = {},
): Promise<TestPerson> {
  const volunteer = await createPerson({
    roles: ['facilitator'],
    supervisorId: trainerId,
    ...options,
  });
  await certify(volunteer.id, trainerId);
  await passWalkAlongside(volunteer.id);
  return volunteer;
}

// The facilitators a trainer supervises, read from the trainer's list (db/idLists.ts, kept when a
// person is created with a supervisor or given another one) instead of searching everyone. The
// people themselves are checked: an entry whose supervisor or role has changed is left out.
import { findByIds } from '../db/byIds.ts';
import { dropList, idsIn, removeId } from '../db/idLists.ts';
import { Person, type PersonDoc } from '../people/person.model.ts';
import { registerPersonalData } from '../privacy/personalData.ts';

export async function superviseesOf(trainerId: string): Promise<PersonDoc[]> {
  const people = await findByIds<PersonDoc>(
    Person,
    await idsIn('supervisees', trainerId),
    undefined,
    (p) => String(p.supervisorId) === trainerId && p.roles.includes('facilitator'),
  );
  return people.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

registerPersonalData({
  name: 'supervisees',
  // The list holds ids only; who supervises whom is in the person's own data.
  export: async () => undefined,
  erase: async (person) => {
    if (person.supervisorId) await removeId('supervisees', person.supervisorId, person._id);
    await dropList('supervisees', person._id);
  },
});

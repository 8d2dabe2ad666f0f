// Walk-alongside in "download my data" and "delete my account". A family's requests go with them;
// a pairing stays as a count (its references to the erased person are cleared afterwards by
// privacy/references.ts), ended at once so the other party loses access. A volunteer's contact
// log stays as hours for the organisation's report, its notes erased.
import { dropList } from '../db/idLists.ts';
import { registerPersonalData } from '../privacy/personalData.ts';
import { ContactLog } from './contact.model.ts';
import { Pairing } from './pairing.model.ts';
import { alongsideOf, endPairing } from './pairings.ts';
import { AlongsideRequest } from './request.model.ts';
import { contactsOf } from './contacts.ts';

registerPersonalData({
  name: 'walkAlongside',
  export: async (person) => {
    const id = String(person._id);
    const { requests, pairings } = await alongsideOf(id);
    const asFamily = pairings.filter((p) => String(p.familyId) === id);
    // The family sees when and how their volunteer was in touch; the notes are the volunteer's.
    const contactsWithMe = (await Promise.all(asFamily.map(contactsOf))).flat();
    return {
      requests,
      pairings,
      contactsWithMe: contactsWithMe.map(({ date, minutes, kind }) => ({ date, minutes, kind })),
      contactsLogged: await ContactLog.find({ volunteerId: person._id }).lean(),
    };
  },
  erase: async (person) => {
    const id = String(person._id);
    const { pairings } = await alongsideOf(id);
    const now = new Date();
    for (const pairing of pairings.filter((p) => p.status === 'active')) {
      const by = String(pairing.familyId) === id ? 'family' : 'volunteer';
      await endPairing(pairing, by, id, now);
    }
    await AlongsideRequest.deleteMany({ familyId: person._id });
    await ContactLog.updateMany({ volunteerId: person._id }, { note: '' });
    await Pairing.updateMany({ familyId: person._id, status: 'ended' }, { requestId: null });
    await dropList('alongside-of', id);
  },
});

// A contact person's own record of being one. Erasure keeps the row for the organisation's
// history, with the person replaced by "an erased person" (privacy/references.ts).
import { registerPersonalData } from '../privacy/personalData.ts';
import { Contact } from './contact.model.ts';

registerPersonalData({
  name: 'partnerContact',
  export: (person) =>
    Contact.find({ personId: person._id }, { _id: 0, personId: 0, successorId: 0 }).lean(),
  erase: async () => {},
});

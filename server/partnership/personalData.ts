// Export and erasure for the partnership table: a person's agenda items and minutes revisions
// are their own words (exported; erased with them); action items they own are the table's shared
// work, exported and kept with the owner made anonymous (privacy/references.ts).
import { registerPersonalData } from '../privacy/personalData.ts';
import { ActionItem, AgendaItem, MinutesRevision } from './models.ts';

registerPersonalData({
  name: 'partnershipTables',
  export: async (person) => ({
    agendaItems: await AgendaItem.find({ authorId: person._id }, { authorId: 0 }).lean(),
    minutesRevisions: await MinutesRevision.find({ authorId: person._id }, { authorId: 0 }).lean(),
    actionItems: await ActionItem.find({ ownerId: person._id }, { ownerId: 0 }).lean(),
  }),
  erase: async (person) => {
    await AgendaItem.deleteMany({ authorId: person._id });
    await MinutesRevision.deleteMany({ authorId: person._id });
  },
});

// A partner worker in the directory: the services they are the named contact person of (in
// their export), and their name in services shared into chats, taken out when they are erased
// (the entries' own reference to them is cleared with every other: privacy/references.ts).
import { Message } from '../chat/message.model.ts';
import { Contact } from '../partners/contact.model.ts';
import { registerPersonalData } from '../privacy/personalData.ts';
import { DirectoryEntry } from './entry.model.ts';

registerPersonalData({
  name: 'directoryContactFor',
  export: (person) =>
    DirectoryEntry.find({ contactPersonId: person._id }, { _id: 0, name: 1, organisationId: 1 })
      .limit(1000)
      .lean(),
  erase: async (person) => {
    // Only someone who was ever a partner's contact person can be named on a shared card; the
    // card keeps the name, not the id, and the chat is large: the scan is for them alone.
    const named =
      person.roles.includes('partner') ||
      (await Contact.exists({ personId: person._id })) !== null ||
      (await DirectoryEntry.exists({ contactPersonId: person._id })) !== null;
    if (!named) return;
    await Message.updateMany(
      { 'entry.contactName': person.displayName },
      { 'entry.contactName': '' },
    );
  },
});

// Databases from before feeds were found by key (feedToken.ts): each person's calendar token gets
// its keyed entry, or their subscribed calendars would stop updating.
import { registerMigration } from '../db/migrations.ts';
import { op } from '../db/operators.ts';
import { Person } from '../people/person.model.ts';
import { setFeedToken } from './feedToken.ts';

registerMigration({
  name: 'calendar feeds by key',
  async run() {
    const people = await Person.find(
      { calendarToken: op({ $ne: null }) },
      { calendarToken: 1 },
    ).lean();
    for (const person of people)
      if (person.calendarToken) await setFeedToken(person._id, person.calendarToken, null);
  },
});

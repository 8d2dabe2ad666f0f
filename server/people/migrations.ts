// Databases from before addresses were found by key (emailKey.model.ts): every person's address
// gets its key, or they could not sign in; and from before people were listed (directory.ts).
import { registerMigration } from '../db/migrations.ts';
import { keepEmailKey } from './emailKey.model.ts';
import { peopleJoined } from './directory.ts';
import { Person } from './person.model.ts';

registerMigration({
  name: 'email keys',
  async run(report) {
    const people = await Person.find({}, { email: 1 }).lean();
    let done = 0;
    for (const person of people) {
      await keepEmailKey(person.email, person._id);
      done += 1;
      if (done % 1000 === 0) report(`${done} of ${people.length} addresses`);
    }
  },
});

registerMigration({
  name: 'people listed by day and role',
  async run(report) {
    const people = await Person.find({}, { roles: 1 }).lean();
    await peopleJoined(people, (line) => report(`people: ${line}`));
  },
});

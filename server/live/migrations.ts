// Databases from before removals were kept by key (removal.model.ts): each one is written again
// with its key of session and person as `_id`, so a rejoin still finds it.
import mongoose from 'mongoose';
import { isDuplicateKey } from '../db/claims.ts';
import { registerMigration } from '../db/migrations.ts';
import { removalKey } from './removal.model.ts';

interface OldRemoval {
  _id: mongoose.Types.ObjectId;
  key: string;
  sessionId: mongoose.Types.ObjectId;
  personId: mongoose.Types.ObjectId;
  [field: string]: unknown;
}

registerMigration({
  name: 'live removals by key',
  async run(report) {
    const removals = mongoose.connection.collection<OldRemoval>('live_removals');
    // The old unique index on `key` would refuse a second removal without one (on MongoDB, a
    // missing field is null, and unique).
    if ((await removals.indexExists('key_1').catch(() => false)) === true)
      await removals.dropIndex('key_1');
    const old = await removals.find({ key: { $exists: true } }).toArray();
    for (const { _id, key: _key, ...rest } of old) {
      const key = removalKey(String(rest.sessionId), String(rest.personId));
      // Written before the old one goes: a stop in between leaves both, and a rerun ends it.
      await removals.insertOne({ ...rest, _id: key as never } as never).catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
      });
      await removals.deleteOne({ _id });
    }
    if (old.length > 0) report(`${old.length} removals kept by key`);
  },
});

// [speed-race] FerretDB applies an upsert as "look, then insert": two makers of one missing
// document at once used to fail the second with a duplicate key (a reach stamp, the feed's head,
// a new list). replaceById makes the second replace what the first made.
import assert from 'node:assert/strict';
import { useTestDatabase } from '../../test/support/database.ts';
import { IdList } from './idLists.ts';
import { replaceById } from './rewrite.ts';

describe('[speed-race] making one document from several writers at once', () => {
  let drop: () => Promise<void>;
  before(async () => {
    drop = await useTestDatabase('race', { on: 'ferretdb' }); // its race is FerretDB's
  });
  after(async () => drop?.());

  it('[speed-race] twenty writers of one missing document: none fails, one document, a value written', async () => {
    for (let round = 0; round < 5; round += 1) {
      const _id = `race-${round}`;
      const values = Array.from({ length: 20 }, (_, i) => i);
      await Promise.all(values.map((v) => replaceById(IdList, _id, { _id, ids: [String(v)] })));
      const docs = await IdList.find({ _id }).lean();
      assert.equal(docs.length, 1);
      assert.ok(values.map(String).includes(String(docs[0]?.ids[0])));
    }
  });
});

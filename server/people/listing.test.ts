// [speed-people] The coordinator's people lists and a facilitator's colleagues read from the
// people lists (directory.ts), kept by every new person, change of roles and bulk write: everyone
// newest first a page at a time across days, a staff role whole, each person once.
import assert from 'node:assert/strict';
import mongoose, { Types } from 'mongoose';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { createPerson, signedInClient, type ApiClient } from '../../test/support/people.ts';
import { migrate } from '../db/migrations.ts';
import { IdList } from '../db/idLists.ts';
import { PEOPLE_PAGE, type PersonSummary } from '../protocol/api.ts';
import './migrations.ts';
import { Person } from './person.model.ts';

const DAY = 86_400;
const idDaysAgo = (days: number, n: number) =>
  new Types.ObjectId(
    (Math.floor(Date.now() / 1000) - days * DAY).toString(16) +
      new Types.ObjectId().toHexString().slice(8, 22) +
      n.toString(16).padStart(2, '0'),
  );

describe('[speed-people] people listed by key', function () {
  this.timeout(60_000);
  let app: TestApp;
  let coordinator: ApiClient;
  const families: string[] = [];

  before(async () => {
    app = await startTestApp({ label: 'peoplelists' });
    coordinator = await signedInClient(app.url, await createPerson({ roles: ['coordinator'] }));
    // 70 families who joined over the last 70 days, written in bulk (as an import would).
    const docs = Array.from({ length: 70 }, (_, i) => ({
      _id: idDaysAgo(i, i),
      email: `family-${i}@lists.test`,
      displayName: `Perhe ${i}`,
      roles: ['family'],
    }));
    await Person.insertMany(docs);
    families.push(...docs.map((d) => String(d._id)));
  });
  after(async () => app?.close());

  async function pages(query: string): Promise<PersonSummary[]> {
    const seen: PersonSummary[] = [];
    for (let n = 0; n < 20; n += 1) {
      const before = seen.at(-1)?.id;
      const res = await coordinator.get<PersonSummary[]>(
        `/people?${query}${before ? `&before=${before}` : ''}`,
      );
      assert.equal(res.status, 200, JSON.stringify(res.body));
      seen.push(...res.body);
      if (res.body.length < PEOPLE_PAGE) return seen;
    }
    throw new Error('the pages never ended');
  }

  it('[speed-people] everyone and families page newest first across days, each once', async () => {
    for (const query of ['', 'role=family']) {
      const listed = await pages(query);
      const ids = listed.map((p) => p.id);
      assert.equal(new Set(ids).size, ids.length, `${query}: none twice`);
      assert.deepEqual(ids, [...ids].sort().reverse(), `${query}: newest first`);
      assert.deepEqual(
        ids.filter((id) => families.includes(id)),
        [...families].sort().reverse(),
        `${query}: every family written in bulk, in order`,
      );
      if (query)
        assert.ok(
          listed.every((p) => p.roles.includes('family')),
          'families only',
        );
    }
  });

  it('[speed-people] a role follows every change: created, given, taken away; colleagues by name', async () => {
    const trainer = await createPerson({ roles: ['trainer'] });
    const names = async (role: string) =>
      (await coordinator.get<PersonSummary[]>(`/people?role=${role}`)).body.map((p) => p.id);
    assert.ok((await names('trainer')).includes(trainer.id), 'a new trainer');
    const family = families[0]!;
    const given = await coordinator.put(`/people/${family}/roles`, {
      roles: ['family', 'facilitator'],
    });
    assert.equal(given.status, 200, JSON.stringify(given.body));
    assert.ok((await names('facilitator')).includes(family), 'given the role');
    // An update elsewhere (an accepted invitation) keeps the lists too.
    await Person.updateOne({ _id: trainer.id }, { roles: ['family'] });
    assert.ok(!(await names('trainer')).includes(trainer.id), 'taken away by an update');
    const facilitator = await createPerson({ roles: ['facilitator'] });
    const colleagues = await (
      await signedInClient(app.url, facilitator)
    ).get<{ id: string; displayName: string }[]>('/meetings/colleagues');
    assert.equal(colleagues.status, 200);
    assert.ok(
      colleagues.body.some((c) => c.id === family),
      'a colleague',
    );
    assert.ok(!colleagues.body.some((c) => c.id === facilitator.id), 'not oneself');
    const shown = colleagues.body.map((c) => c.displayName);
    assert.deepEqual(
      shown,
      [...shown].sort((a, b) => a.localeCompare(b)),
      'by name',
    );
  });

  it('[speed-migrate] people from before the lists are listed at start', async () => {
    const lists = mongoose.connection.collection('id_lists');
    const before = await pages('');
    await IdList.deleteMany({}); // as an older version left it: nothing listed
    assert.equal((await coordinator.get<PersonSummary[]>('/people')).body.length, 0);
    await mongoose.connection
      .collection<{ _id: string }>('migrations')
      .deleteOne({ _id: 'people listed by day and role' });
    await migrate(() => undefined);
    assert.ok((await lists.countDocuments()) > 0);
    assert.deepEqual(
      (await pages('')).map((p) => p.id),
      before.map((p) => p.id),
      'the same pages again',
    );
  });
});

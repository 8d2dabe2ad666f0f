// A database from before certifications were listed under their person: the lists are built
// at start, and a person's certifications (and the one valid now) are then found by key.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { useTestDatabase } from '../../test/support/database.ts';
import { migrate } from '../db/migrations.ts';
import { certificationsOf, validCertification } from './certification.model.ts';
import './migrations.ts';
import { waitingReflections } from './waitingReflections.ts';

const oid = () => new mongoose.Types.ObjectId();
const DAY = 86_400_000;

describe('[speed-migrate] certifications of an older database', () => {
  let drop: () => Promise<void>;
  before(async () => {
    drop = await useTestDatabase('certificationmigration');
  });
  after(async () => drop?.());

  it('[speed-migrate] each person’s certifications listed, the longest valid first', async () => {
    const [aino, omar, trainer] = [oid(), oid(), oid()];
    const now = new Date('2026-12-06T12:00:00Z');
    const cert = (personId: mongoose.Types.ObjectId, validDays: number) => ({
      _id: oid(),
      personId,
      signedOffById: trainer,
      certifiedAt: new Date(now.getTime() - 400 * DAY),
      validUntil: new Date(now.getTime() + validDays * DAY),
    });
    const [expired, renewed, omars] = [cert(aino, -30), cert(aino, 300), cert(omar, 10)];
    // Written as an older version did: no lists.
    await mongoose.connection.collection('people').insertOne({ _id: aino, email: 'a@x.invalid' });
    await mongoose.connection.collection('certifications').insertMany([expired, renewed, omars]);
    assert.deepEqual(await certificationsOf([aino]), [], 'not listed before the migration');

    await migrate(() => undefined);
    const ainos = await certificationsOf([aino]);
    assert.deepEqual(
      ainos.map((c) => String(c._id)),
      [String(renewed._id), String(expired._id)],
    );
    assert.equal(String((await validCertification(aino, now))?._id), String(renewed._id));
    assert.equal(
      await validCertification(aino, new Date(now.getTime() + 301 * DAY)),
      null,
      'none valid once the renewal has run out',
    );
    assert.deepEqual(
      (await certificationsOf([omar, aino])).map((c) => String(c._id)),
      [renewed, omars, expired].map((c) => String(c._id)),
    );
  });

  it('[speed-migrate] reflections waiting for review are listed, the longest waiting first', async () => {
    const person = oid();
    const reflection = (_id: string, status: string, daysAgo: number) => ({
      _id,
      personId: person,
      moduleId: oid(),
      text: 'pohdinta',
      status,
      submittedAt: new Date(Date.now() - daysAgo * DAY),
    });
    await mongoose.connection.collection('people').insertOne({ _id: person, email: 'r@x.invalid' });
    await mongoose.connection
      .collection<{ _id: string }>('training_reflections')
      .insertMany([
        reflection('r-new', 'submitted', 1),
        reflection('r-old', 'submitted', 5),
        reflection('r-done', 'accepted', 9),
      ]);
    await mongoose.connection
      .collection<{ _id: string }>('migrations')
      .deleteOne({ _id: 'reflections waiting for review listed' });
    assert.deepEqual(await waitingReflections(), [], 'not listed before the migration');
    await migrate(() => undefined);
    assert.deepEqual(
      (await waitingReflections()).map((r) => r._id),
      ['r-old', 'r-new'],
    );
    assert.deepEqual(await waitingReflections(new Set([String(oid())])), [], "another's only");
  });
});

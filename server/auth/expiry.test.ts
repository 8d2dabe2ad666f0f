// [speed-expiry] FerretDB has no TTL indexes: the server removes expired sign-in data itself —
// sessions and email links past their expiry, guesses older than the throttle's window, locks
// that are over — and keeps everything still in force.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { useTestDatabase } from '../../test/support/database.ts';
import { EmailToken } from './emailToken.model.ts';
import { removeExpired } from './expiry.ts';
import { LoginSession } from './loginSession.model.ts';

const MINUTE = 60_000;

describe('[speed-expiry] expired sign-in data is removed, what is in force stays', () => {
  let drop: () => Promise<void>;
  before(async () => {
    drop = await useTestDatabase('expiry');
  });
  after(async () => drop?.());

  it('[speed-expiry] sessions, email links, old guesses and past locks go; the rest stays', async () => {
    const now = new Date();
    const at = (minutes: number) => new Date(now.getTime() + minutes * MINUTE);
    const personId = new mongoose.Types.ObjectId();
    const session = (id: string, expiresAt: Date) => ({
      _id: id,
      personId,
      csrfToken: 'c',
      createdAt: at(-60),
      lastSeenAt: at(-1),
      expiresAt,
    });
    await LoginSession.insertMany([session('s-old', at(-1)), session('s-live', at(30))]);
    await EmailToken.insertMany([
      { _id: 't-old', purpose: 'reset', personId, expiresAt: at(-5) },
      { _id: 't-live', purpose: 'verify', personId, expiresAt: at(60) },
    ]);
    const failures = mongoose.connection.collection('login_failures');
    const locks = mongoose.connection.collection('login_locks');
    // The throttle's window is 15 minutes.
    await failures.insertMany([
      { key: 'k', client: 'c', at: at(-16) },
      { key: 'k', client: 'c', at: at(-14) },
    ]);
    await locks.insertMany([
      { _id: 'l-over' as never, key: 'k', lockedUntil: at(-1) },
      { _id: 'l-on' as never, key: 'k', lockedUntil: at(10) },
    ]);

    assert.equal(await removeExpired(now), 4);
    const ids = async (c: mongoose.mongo.Collection) =>
      (await c.find({}).toArray()).map((d) => String(d._id)).sort();
    assert.deepEqual(await ids(LoginSession.collection), ['s-live']);
    assert.deepEqual(await ids(EmailToken.collection), ['t-live']);
    assert.deepEqual(
      (await failures.find({}).toArray()).map((d) => (d.at as Date).getTime()),
      [at(-14).getTime()],
    );
    assert.deepEqual(await ids(locks), ['l-on']);
    assert.equal(await removeExpired(now), 0, 'a second sweep finds nothing');
  });
});

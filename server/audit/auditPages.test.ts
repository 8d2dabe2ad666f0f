// [speed-audit] The audit log pages newest first from its day lists (audit.model.ts): every entry
// once, in order, across days; entries an earlier version wrote unlisted are listed at start.
import assert from 'node:assert/strict';
import mongoose, { Types } from 'mongoose';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { createPerson, signedInClient, type ApiClient } from '../../test/support/people.ts';
import { migrate } from '../db/migrations.ts';
import type { AuditEntryInfo } from '../protocol/api.ts';
import { audit } from './audit.model.ts';
import './migrations.ts';

const DAY = 86_400;

describe('[speed-audit] the audit log read by day lists', function () {
  this.timeout(60_000);
  let app: TestApp;
  let coordinator: ApiClient;
  let coordinatorId: string;

  before(async () => {
    app = await startTestApp({ label: 'auditlog' });
    const person = await createPerson({ roles: ['coordinator'] });
    coordinatorId = person.id;
    coordinator = await signedInClient(app.url, person);
  });
  after(async () => app?.close());

  async function everyPage(): Promise<AuditEntryInfo[]> {
    const seen: AuditEntryInfo[] = [];
    for (let pages = 0; pages < 50; pages += 1) {
      const before = seen.at(-1)?.id;
      const res = await coordinator.get<AuditEntryInfo[]>(
        `/audit${before ? `?before=${before}` : ''}`,
      );
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.ok(res.body.length <= 50, 'a page holds at most 50');
      if (res.body.length === 0) return seen;
      seen.push(...res.body);
    }
    throw new Error('the pages never ended');
  }

  it('[speed-audit] 120 entries page newest first, each once, with the actor named', async () => {
    for (let i = 0; i < 120; i += 1)
      await audit('roles.changed', coordinatorId, null, { from: [], to: [String(i)] });
    const entries = await everyPage();
    const ours = entries.filter((e) => e.action === 'roles.changed');
    assert.equal(ours.length, 120);
    assert.deepEqual(
      ours.map((e) => (e.details as unknown as { to: string[] }).to[0]),
      Array.from({ length: 120 }, (_, i) => String(119 - i)),
      'newest first',
    );
    assert.equal(new Set(entries.map((e) => e.id)).size, entries.length, 'none twice');
    assert.ok(ours.every((e) => e.actorId === coordinatorId && e.actorName));
  });

  it('[speed-migrate] entries from before the day lists are listed at start, in their days', async () => {
    const now = Math.floor(Date.now() / 1000);
    const old = [3, 2, 2, 40].map((daysAgo, i) => ({
      _id: Types.ObjectId.createFromTime(now - daysAgo * DAY + i),
      at: new Date((now - daysAgo * DAY) * 1000),
      action: 'account.exported',
      actorId: null,
      targetId: null,
      details: { n: i },
    }));
    await mongoose.connection.collection('audit_entries').insertMany(old);
    const unlisted = await everyPage();
    assert.ok(!unlisted.some((e) => e.action === 'account.exported'), 'not listed yet');
    await mongoose.connection
      .collection<{ _id: string }>('migrations')
      .deleteOne({ _id: 'audit entries listed by day' });
    await migrate(() => undefined);
    const entries = await everyPage();
    assert.deepEqual(
      entries.filter((e) => e.action === 'account.exported').map((e) => e.details.n),
      [2, 1, 0, 3],
      'the older days after today, newest first',
    );
    assert.equal(entries.length, unlisted.length + old.length, 'what was listed stays listed');
    assert.deepEqual(
      entries.map((e) => e.id),
      entries
        .map((e) => e.id)
        .sort()
        .reverse(),
      'one order across days',
    );
  });
});

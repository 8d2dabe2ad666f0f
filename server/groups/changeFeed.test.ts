// [speed-feed] Changes to groups reach every process's catalogue through a numbered feed read by
// key: no change lost or doubled when processes announce at once, a late reader starts at the
// head, one too far behind is told to read everything, and a change made by "another process"
// shows in this one's catalogue without a full reload.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { createGroup, createStaff } from '../../test/support/groups.ts';
import { ApiClient } from '../../test/support/people.ts';
import type { CataloguePage } from '../protocol/groups.ts';
import { ChangeFeed } from './changeFeed.ts';
import { Group } from './group.model.ts';

describe('[speed-feed] the groups change feed', function () {
  this.timeout(60_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ label: 'feed', database: 'ferretdb' }); // a race test
  });
  after(() => app?.close());

  it('[speed-feed] two processes announcing at once: every change once, numbered without gaps', async () => {
    const [a, b] = [new ChangeFeed(), new ChangeFeed()];
    const start = await new ChangeFeed().head();
    const ids = (p: string) => Array.from({ length: 20 }, (_, i) => `${p}-${i}`);
    await Promise.all([
      (async () => {
        for (const id of ids('a')) await a.announce(id);
      })(),
      (async () => {
        for (const id of ids('b')) await b.announce(id);
      })(),
    ]);
    const late = new ChangeFeed(); // a process that starts now
    assert.equal(await late.head(), start + 40);
    const read = await late.changedAfter(start);
    assert.notEqual(read, 'behind');
    if (read === 'behind') return;
    assert.equal(read.last, start + 40);
    assert.deepEqual(new Set(read.groupIds), new Set([...ids('a'), ...ids('b')]));
    assert.equal(read.groupIds.length, 40, 'each once');
    await a.announce('a-again');
    assert.deepEqual(await late.changedAfter(read.last), {
      groupIds: ['a-again'],
      last: start + 41,
    });
  });

  it('[speed-feed] a reader further behind than the changes kept reads everything again', async () => {
    const writer = new ChangeFeed(5);
    const from = await writer.head();
    for (let i = 0; i < 12; i += 1) await writer.announce(`trimmed-${i}`);
    assert.equal(await new ChangeFeed(5).changedAfter(from), 'behind');
    const recent = await new ChangeFeed(5).changedAfter(from + 8);
    assert.notEqual(recent, 'behind');
  });

  it("[speed-feed] another process's change shows in this catalogue within seconds", async () => {
    const staff = await createStaff(app.url);
    const group = await createGroup(staff, { visibility: 'public' });
    const visitor = new ApiClient(app.url);
    const find = async (q: string) =>
      (await visitor.get<CataloguePage>(`/groups?q=${encodeURIComponent(q)}`)).body.groups.map(
        (g) => g.id,
      );
    await find('x'); // the catalogue is loaded
    // Another process renames the group and announces it (its own feed; this one never wrote).
    const title = `Uusi nimi ${Date.now()}`;
    await Group.updateOne(
      { _id: new mongoose.Types.ObjectId(group.id) },
      { title: [{ lang: 'fi', text: title }], searchText: title.toLocaleLowerCase() },
    );
    await new ChangeFeed().announce(group.id);
    const deadline = Date.now() + 10_000;
    let found: string[] = [];
    while (Date.now() < deadline && !found.includes(group.id)) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      found = await find(title.toLocaleLowerCase());
    }
    assert.deepEqual(found, [group.id]);
  });
});

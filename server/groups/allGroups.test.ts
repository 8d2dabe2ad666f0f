// [speed-pages] The coordinator's overview of every group is read a page at a time, newest first,
// from the list of family groups kept as they are created (FerretDB uses no index but `_id`).
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { createGroup, createStaff, type GroupStaff } from '../../test/support/groups.ts';
import { locale, text } from '../../test/support/locales.ts';
import { createPerson, signedInClient } from '../../test/support/people.ts';
import type { AllGroupsPage, GroupKind } from '../protocol/groups.ts';
import { IdList, idsIn, listKey, setIds } from '../db/idLists.ts';
import { migrate } from '../db/migrations.ts';
import { ALL, Group } from './group.model.ts';
import './migrations.ts';
import { ALL_GROUPS_PAGE } from './routes.ts';

describe('[speed-pages] the coordinator sees every group, a page at a time', function () {
  this.timeout(120_000);
  let app: TestApp;
  let staff: GroupStaff;
  before(async () => {
    app = await startTestApp({ label: 'speed-pages' });
    staff = await createStaff(app.url);
  });
  after(() => app?.close());

  it('[speed-pages] walking the pages with the cursor lists every family group once, newest first, and no meeting', async () => {
    // One group through the API; more than two pages of copies of it straight into the database,
    // meetings and a group from before `kind` existed among them.
    const first = await createGroup(staff);
    const groups = mongoose.connection.collection('groups');
    const original = await groups.findOne({ _id: new mongoose.Types.ObjectId(first.id) });
    assert.ok(original);
    const families = new Set([first.id]);
    const meetings = new Set<string>();
    const meetingKinds: GroupKind[] = ['training', 'supervision', 'peer', 'interview'];
    const copies = Array.from({ length: 2 * ALL_GROUPS_PAGE + 17 }, (_, i) => {
      const _id = new mongoose.Types.ObjectId();
      const copy: Record<string, unknown> = {
        ...original,
        _id,
        title: [{ lang: 'fi', text: `Ryhmä ${i}` }],
        status: (['draft', 'open', 'full', 'running', 'ended'] as const)[i % 5],
        visibility: i % 3 ? 'public' : 'invitation',
      };
      if (i % 6 === 5) {
        copy.kind = meetingKinds[i % meetingKinds.length];
        meetings.add(String(_id));
      } else {
        if (i === 10) delete copy.kind; // family, as every group was before meetings
        families.add(String(_id));
      }
      return copy;
    });
    // Created as the app creates groups (the new ones join the list of family groups) but the
    // group from before `kind` existed, which comes from the database as it was.
    const [old] = copies.splice(10, 1);
    for (const copy of copies) await Group.create(copy);
    await groups.insertOne(old!);
    const listed = [...(await idsIn('family-groups', ALL)), String(old!._id)];
    await setIds('family-groups', ALL, listed.sort()); // in the order of creation
    // And the newest: a group the coordinator just set up.
    const newest = await createGroup(staff, { status: 'draft' });
    families.add(newest.id);

    const walk = async () => {
      const seen: string[] = [];
      const pages: AllGroupsPage[] = [];
      let cursor: string | null = null;
      do {
        const res: { status: number; body: AllGroupsPage } =
          await staff.coordinator.get<AllGroupsPage>(
            `/groups/all${cursor ? `?cursor=${cursor}` : ''}`,
          );
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.ok(res.body.groups.length <= ALL_GROUPS_PAGE);
        pages.push(res.body);
        seen.push(...res.body.groups.map((g) => g.id));
        cursor = res.body.nextCursor;
        assert.ok(pages.length <= 10, 'the walk ends');
      } while (cursor);
      return { seen, pages };
    };
    const { seen, pages } = await walk();

    // Full pages (meetings are not in the list), and no empty page at the end.
    assert.equal(pages.length, Math.ceil(families.size / ALL_GROUPS_PAGE), `${families.size}`);
    assert.equal(pages[0]?.groups.length, ALL_GROUPS_PAGE);
    assert.equal(pages[0]?.groups[0]?.id, newest.id, 'the newest group comes first');
    assert.equal(new Set(seen).size, seen.length, 'no group twice');
    assert.deepEqual(new Set(seen), families, 'every family group');
    assert.ok(
      seen.every((id) => !meetings.has(id)),
      'no meeting',
    );
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => b.localeCompare(a)),
      'newest first',
    );
    for (const page of pages)
      for (const card of page.groups) assert.equal(card.kind, 'family', card.id);

    // A database from before the list: the migration builds it from the groups, the same walk.
    await IdList.deleteOne({ _id: listKey('family-groups', ALL) });
    await mongoose.connection
      .collection<{ _id: string }>('migrations')
      .deleteOne({ _id: 'family groups listed' });
    await migrate(() => undefined);
    assert.deepEqual((await walk()).seen, seen);
  });

  it('[speed-pages] a bad cursor or an unknown parameter gets a translated 400, and the list is as it was', async () => {
    const before = await staff.coordinator.get<AllGroupsPage>('/groups/all');
    assert.equal(before.status, 200);
    const fi = locale('fi', 'errors');
    const cursor = before.body.groups[0]?.id ?? '';
    for (const query of [
      'cursor=nope',
      `cursor=${cursor.slice(1)}`,
      `cursor=${cursor}0`,
      `cursor=${cursor.toUpperCase().replace(/[0-9]/g, 'G')}`,
      `cursor={"$gt":""}`,
      `cursor[$gt]=`,
      `cursor=${cursor}&cursor=${cursor}`,
      'cursor=',
      'limit=5000',
    ]) {
      const res = await staff.coordinator.get<{ error: { code: string; message: string } }>(
        `/groups/all?${query}`,
      );
      assert.equal(res.status, 400, `${query}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, 'invalid', query);
      assert.equal(res.body.error.message, text(fi, 'invalid'), query);
    }
    const after = await staff.coordinator.get<AllGroupsPage>('/groups/all');
    assert.deepEqual(after.body, before.body);

    // Only the coordinator sees the overview.
    const family = await signedInClient(app.url, await createPerson({ roles: ['family'] }));
    assert.equal((await family.get('/groups/all')).status, 403);
  });
});

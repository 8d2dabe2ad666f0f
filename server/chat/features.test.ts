// Chat features against the real server and database: history pages, read markers and unread
// counts, typing, editing and deleting, hiding and reporting, mentions, direct conversations and
// announcements.
import assert from 'node:assert/strict';
import type { ChatMessage, ConversationSummary } from '../protocol/chat.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import {
  ask,
  liveGroup,
  liveSocket,
  must,
  recordEvents,
  type LiveGroup,
  type TestSocket,
} from '../../test/support/live.ts';
import { createPerson, type TestPerson } from '../../test/support/people.ts';
import { recordRemoval } from '../live/removal.model.ts';
import { Notification } from '../reminders/notification.model.ts';

const until = async (check: () => boolean, what: string, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

const refused = (ack: { ok: boolean; error?: { code: string } }, code: string) =>
  assert.ok(!ack.ok && ack.error?.code === code, `expected ${code}: ${JSON.stringify(ack)}`);

describe('chat features', function () {
  this.timeout(120_000);
  let app: TestApp;
  let live: LiveGroup;
  let channelId: string;
  const sockets: TestSocket[] = [];
  const open = async (person: TestPerson) => {
    const socket = await liveSocket(app.url, person);
    sockets.push(socket);
    return socket;
  };
  let n = 0;
  const send = (socket: TestSocket, text: string, extra: object = {}, to = channelId) =>
    must<ChatMessage>(socket, 'chat:send', {
      channelId: to,
      clientId: `c${(n += 1)}-${Date.now()}`,
      text,
      ...extra,
    });
  const conversations = async (socket: TestSocket) =>
    (await must<{ conversations: ConversationSummary[] }>(socket, 'chat:conversations', {}))
      .conversations;

  before(async () => {
    app = await startTestApp({ label: 'chatfeatures', env: { CHAT_MESSAGES_PER_MINUTE: '6000' } });
    live = await liveGroup(app.url, { families: 3 });
    channelId = `group:${live.group.id}`;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  after(() => app?.close());

  it('history comes in pages before a cursor, oldest first', async () => {
    const group = await liveGroup(app.url, { families: 1 });
    const to = `group:${group.group.id}`;
    const family = await open(group.families[0]!);
    for (let i = 1; i <= 120; i += 1) await send(family, `m${i}`, {}, to);
    const pages: number[][] = [];
    let before: number | undefined;
    for (;;) {
      const page = await must<{ messages: ChatMessage[]; hasMore: boolean }>(
        family,
        'chat:history',
        { channelId: to, limit: 50, ...(before ? { beforeSeq: before } : {}) },
      );
      pages.push(page.messages.map((m) => m.seq));
      if (!page.hasMore) break;
      before = page.messages[0]!.seq;
    }
    assert.deepEqual(
      pages.map((p) => [p[0], p.at(-1), p.length]),
      [
        [71, 120, 50],
        [21, 70, 50],
        [1, 20, 20],
      ],
    );
  });

  it('read markers: unread counts by others, shared by tabs, never moving back', async () => {
    const [a, b] = [await open(live.families[0]!), await open(live.families[1]!)];
    const bOtherTab = await open(live.families[1]!);
    const markers = recordEvents(bOtherTab);
    const before = (await conversations(b)).find((c) => c.channelId === channelId)!;
    const first = await send(a, 'yksi');
    await send(a, 'kaksi');
    await send(b, 'oma viesti ei ole lukematon');
    const third = await send(a, 'kolme');
    const summary = (await conversations(b)).find((c) => c.channelId === channelId)!;
    assert.equal(summary.unread - before.unread, 3, 'three by someone else');
    assert.equal(summary.lastMessage?.text, 'kolme');
    const read = await must<{ readSeq: number }>(b, 'chat:read', { channelId, seq: third.seq - 1 });
    assert.equal(read.readSeq, third.seq - 1);
    await until(() => markers.some((e) => e.name === 'chat:readMarker'), 'the other tab');
    assert.equal((await conversations(b)).find((c) => c.channelId === channelId)!.unread, 1);
    const back = await must<{ readSeq: number }>(b, 'chat:read', { channelId, seq: first.seq });
    assert.equal(back.readSeq, third.seq - 1, 'a late, older marker does not move it back');
    const future = await must<{ readSeq: number }>(b, 'chat:read', { channelId, seq: 1e9 });
    assert.equal(future.readSeq, third.seq, 'not past the newest message');
    assert.equal((await conversations(b)).find((c) => c.channelId === channelId)!.unread, 0);
  });

  it('typing reaches the others in the channel, not the typist; readers cannot type', async () => {
    const [a, b] = [await open(live.families[0]!), await open(live.families[1]!)];
    for (const s of [a, b]) await must(s, 'chat:subscribe', { channelIds: [channelId] });
    const [aEvents, bEvents] = [recordEvents(a), recordEvents(b)];
    await must(a, 'chat:typing', { channelId });
    await until(() => bEvents.some((e) => e.name === 'chat:typing'), 'typing at b');
    const typing = bEvents.find((e) => e.name === 'chat:typing')!.payload as {
      name: string;
      senderKey: string;
    };
    assert.equal(typing.name, 'Perhe 1');
    const mine = await send(a, 'kirjoitin');
    assert.equal(typing.senderKey, mine.senderKey);
    assert.ok(!aEvents.some((e) => e.name === 'chat:typing'));
    refused(
      await ask(await open(live.staff.trainer), 'chat:typing', { channelId }),
      'chat.readOnly',
    );
  });

  it('edit and delete one’s own messages only; everyone sees the change', async () => {
    const [a, b] = [await open(live.families[0]!), await open(live.families[1]!)];
    await must(b, 'chat:subscribe', { channelIds: [channelId] });
    const updates = recordEvents(b);
    const message = await send(a, 'tavataan klo 18');
    refused(await ask(b, 'chat:edit', { channelId, seq: message.seq, text: 'x' }), 'chat.notYours');
    const edited = await must<ChatMessage>(a, 'chat:edit', {
      channelId,
      seq: message.seq,
      text: 'tavataan klo 18.30',
    });
    assert.ok(edited.editedAt);
    await until(() => updates.some((e) => e.name === 'chat:updated'), 'the edit at b');
    assert.equal(
      (updates.find((e) => e.name === 'chat:updated')!.payload as ChatMessage).text,
      'tavataan klo 18.30',
    );
    refused(await ask(b, 'chat:delete', { channelId, seq: message.seq }), 'chat.notYours');
    await must(a, 'chat:delete', { channelId, seq: message.seq });
    const seen = await must<{ messages: ChatMessage[] }>(b, 'chat:sync', {
      channelId,
      afterSeq: message.seq - 1,
      limit: 1,
    });
    assert.deepEqual(
      [seen.messages[0]!.deleted, seen.messages[0]!.text],
      [true, ''],
      'the words are gone',
    );
    refused(await ask(a, 'chat:edit', { channelId, seq: message.seq, text: 'y' }), 'chat.deleted');
    refused(
      await ask(a, 'chat:edit', { channelId, seq: 999_999, text: 'y' }),
      'chat.messageNotFound',
    );
  });

  it('a facilitator hides a message; a member reports one to the facilitator and trainer', async () => {
    const [a, b] = [await open(live.families[0]!), await open(live.families[1]!)];
    const facilitator = await open(live.staff.facilitator);
    for (const s of [a, facilitator]) await must(s, 'chat:subscribe', { channelIds: [channelId] });
    const [aEvents, fEvents] = [recordEvents(a), recordEvents(facilitator)];
    const rude = await send(b, 'jotain loukkaavaa');
    refused(
      await ask(a, 'chat:hide', { channelId, seq: rude.seq, hidden: true }),
      'chat.notAllowed',
    );
    const reported = await must(a, 'chat:report', {
      channelId,
      seq: rude.seq,
      reason: 'hurtful',
      note: 'ei kivaa',
    });
    assert.deepEqual(reported, { reported: true });
    await must(a, 'chat:report', { channelId, seq: rude.seq, reason: 'hurtful' });
    refused(
      await ask(b, 'chat:report', { channelId, seq: rude.seq, reason: 'other' }),
      'chat.notAllowed',
    );
    const notified = await Notification.find({ kind: 'chat-report' }).lean();
    assert.deepEqual(
      notified.map((x) => String(x.personId)).sort(),
      [live.staff.facilitator.id, live.staff.trainer.id].sort(),
      'facilitator and trainer, once each',
    );
    await must(facilitator, 'chat:hide', { channelId, seq: rude.seq, hidden: true });
    await until(
      () =>
        aEvents.some((e) => e.name === 'chat:updated') &&
        fEvents.some((e) => e.name === 'chat:updated'),
      'the hide',
    );
    const forFamily = aEvents.find((e) => e.name === 'chat:updated')!.payload as ChatMessage;
    const forFacilitator = fEvents.find((e) => e.name === 'chat:updated')!.payload as ChatMessage;
    assert.deepEqual([forFamily.hidden, forFamily.text], [true, '']);
    assert.deepEqual([forFacilitator.hidden, forFacilitator.text], [true, 'jotain loukkaavaa']);
  });

  it('a family mentions the facilitators: they are notified', async () => {
    const a = await open(live.families[2]!);
    const message = await send(a, 'voisiko ohjaaja vastata?', { mentionFacilitators: true });
    assert.equal(message.mentionsFacilitators, true);
    const mentions = await Notification.find({ kind: 'chat-mention' }).lean();
    assert.deepEqual(
      mentions.map((m) => String(m.personId)),
      [live.staff.facilitator.id],
    );
    const ownMention = await send(await open(live.staff.facilitator), 'me', {
      mentionFacilitators: true,
    });
    assert.equal(ownMention.mentionsFacilitators, false, 'only families mention facilitators');
  });

  it('direct conversations: a family with the facilitators, a facilitator with the trainer', async () => {
    const family = await open(live.families[0]!);
    const facilitator = await open(live.staff.facilitator);
    const fEvents = recordEvents(facilitator);
    const opened = await must<ConversationSummary>(family, 'chat:openDirect', {
      groupId: live.group.id,
      with: 'facilitators',
    });
    assert.equal(opened.counterpart?.role, 'facilitators');
    const again = await must<ConversationSummary>(family, 'chat:openDirect', {
      groupId: live.group.id,
      with: 'facilitators',
    });
    assert.equal(again.channelId, opened.channelId, 'one conversation per pair');
    assert.ok(!(await conversations(facilitator)).some((c) => c.channelId === opened.channelId));
    await send(family, 'Saanko kysyä yksityisesti?', {}, opened.channelId);
    await until(() => fEvents.some((e) => e.name === 'chat:conversationsChanged'), 'the news');
    const seen = (await conversations(facilitator)).find((c) => c.channelId === opened.channelId);
    assert.deepEqual([seen?.unread, seen?.counterpart], [1, { role: 'family', name: 'Perhe 1' }]);
    await send(facilitator, 'Totta kai.', {}, opened.channelId);
    // Another family of the same group cannot read it, nor the trainer.
    for (const other of [live.families[1]!, live.staff.trainer]) {
      refused(
        await ask(await open(other), 'chat:sync', { channelId: opened.channelId, afterSeq: 0 }),
        'chat.notFound',
      );
    }
    refused(
      await ask(family, 'chat:openDirect', { groupId: live.group.id, with: 'trainer' }),
      'chat.noSuchPartner',
    );
    const supervision = await must<ConversationSummary>(facilitator, 'chat:openDirect', {
      groupId: live.group.id,
      with: 'trainer',
    });
    const trainer = await open(live.staff.trainer);
    const fromTrainer = await must<ConversationSummary>(trainer, 'chat:openDirect', {
      groupId: live.group.id,
      with: 'lead',
    });
    assert.equal(fromTrainer.channelId, supervision.channelId);
    assert.equal(fromTrainer.counterpart?.role, 'facilitator');
    await send(trainer, 'Miten ryhmä on lähtenyt käyntiin?', {}, supervision.channelId);
    refused(
      await ask(family, 'chat:sync', { channelId: supervision.channelId, afterSeq: 0 }),
      'chat.notFound',
    );
  });

  it('a session’s chat: its members write; someone removed from the session only reads', async () => {
    const session = `session:${live.sessionId}`;
    const [a, b] = [await open(live.families[0]!), await open(live.families[1]!)];
    await send(a, 'Kuuluuko ääni?', {}, session);
    await recordRemoval(live.sessionId, live.families[1]!.id, live.staff.facilitator.id, 'test');
    refused(
      await ask(b, 'chat:send', { channelId: session, clientId: 'removed-01', text: 'x' }),
      'chat.readOnly',
    );
    const read = await must<{ messages: ChatMessage[] }>(b, 'chat:sync', {
      channelId: session,
      afterSeq: 0,
    });
    assert.deepEqual(
      read.messages.map((m) => m.text),
      ['Kuuluuko ääni?'],
    );
    refused(
      await ask(await open(await createPerson({ roles: ['family'] })), 'chat:sync', {
        channelId: session,
        afterSeq: 0,
      }),
      'chat.notFound',
    );
  });

  it('announcements: coordinators to a group and to every facilitator', async () => {
    const coordinator = await open(await createPerson({ roles: ['coordinator'] }));
    const family = await open(live.families[1]!);
    const facilitator = await open(live.staff.facilitator);
    await must(family, 'chat:subscribe', { channelIds: [channelId] });
    const events = recordEvents(family);
    const toGroup = await must<ChatMessage>(coordinator, 'chat:announce', {
      to: { groupId: live.group.id },
      clientId: `announce-${Date.now()}`,
      text: 'Ensi viikolla tila vaihtuu.',
    });
    assert.deepEqual([toGroup.kind, toGroup.senderRole], ['announcement', 'coordinator']);
    await until(() => events.some((e) => e.name === 'chat:message'), 'the announcement');
    await must(coordinator, 'chat:announce', {
      to: { facilitators: true },
      clientId: `announce-all-${Date.now()}`,
      text: 'Koulutusilta torstaina.',
    });
    const list = await conversations(facilitator);
    const board = list.find((c) => c.kind === 'announcements');
    assert.equal(board?.lastMessage?.text, 'Koulutusilta torstaina.');
    assert.equal(board?.canPost, false);
    refused(
      await ask(facilitator, 'chat:send', {
        channelId: board!.channelId,
        clientId: 'abcdefgh1',
        text: 'x',
      }),
      'chat.readOnly',
    );
    refused(
      await ask(family, 'chat:sync', { channelId: board!.channelId, afterSeq: 0 }),
      'chat.notFound',
    );
    assert.ok(!(await conversations(family)).some((c) => c.kind === 'announcements'));
    refused(
      await ask(family, 'chat:announce', {
        to: { groupId: live.group.id },
        clientId: 'abcdefgh2',
        text: 'x',
      }),
      'forbidden',
    );
  });
});

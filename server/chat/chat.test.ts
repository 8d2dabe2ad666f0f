// [chat-1] No message lost or doubled while connections drop; one order for everyone.
// [chat-4] Outsiders cannot read, post to, or learn of a group's channel; partners see no family's
// chat (only their partnership tables').
// [chat-5] Hostile payloads are refused; flooding is limited for the flooder only.
import assert from 'node:assert/strict';
import type { ChatMessage } from '../protocol/chat.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { ask, liveGroup, liveSocket, must, type TestSocket } from '../../test/support/live.ts';
import { ReliableClient } from '../../test/support/reliableChat.ts';
import { createPerson, type TestPerson } from '../../test/support/people.ts';

describe('chat', function () {
  this.timeout(180_000);
  let app: TestApp;
  const sockets: TestSocket[] = [];
  const open = async (person: TestPerson) => {
    const socket = await liveSocket(app.url, person);
    sockets.push(socket);
    return socket;
  };

  before(async () => {
    app = await startTestApp({ label: 'chat', env: { CHAT_MESSAGES_PER_MINUTE: '600' } });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  after(() => app?.close());

  it('[chat-1] 10 clients × 200 messages with connections cut at random: all 2000, once, one order', async () => {
    const live = await liveGroup(app.url, { families: 9, group: { capacity: 12 } });
    const people = [live.staff.facilitator, ...live.families];
    const channelId = `group:${live.group.id}`;
    const clients = await Promise.all(
      people.map(async (p) => new ReliableClient(await open(p), channelId)),
    );
    await Promise.all(clients.map((c) => c.catchUp()));
    let cuts = 0;
    await Promise.all(
      clients.map(async (client, i) => {
        for (let n = 0; n < 200; n += 1) {
          // About one send in 25 drops the connection under the socket first.
          if (Math.random() < 0.04) {
            (client.socket.io.engine as { close(): void }).close();
            cuts += 1;
          }
          await client.send(`${i}:${n}`);
        }
      }),
    );
    await Promise.all(clients.map((c) => c.settle()));
    assert.ok(cuts >= 10, `connections were cut (${cuts})`);
    const orders = clients.map((c) => [...c.received.values()].sort((a, b) => a.seq - b.seq));
    for (const order of orders) {
      assert.equal(order.length, 2000);
      assert.deepEqual(
        order.map((m) => m.seq),
        Array.from({ length: 2000 }, (_, k) => k + 1),
      );
      assert.equal(new Set(order.map((m) => m.text)).size, 2000, 'every text exactly once');
    }
    const reference = orders[0]!.map((m) => m.text).join('|');
    for (const order of orders) assert.equal(order.map((m) => m.text).join('|'), reference);
  });

  it("[chat-4] outsiders cannot read, post to, or learn of a channel; partners see no family's chat", async () => {
    const live = await liveGroup(app.url, { families: 1 });
    const channelId = `group:${live.group.id}`;
    const member = await open(live.families[0]!);
    await must(member, 'chat:send', { channelId, clientId: 'secret-0001', text: 'Hei kaikki' });
    const outsider = await open(await createPerson({ roles: ['family'] }));
    const missing = `group:${'0'.repeat(24)}`;
    for (const [name, payload] of [
      ['chat:subscribe', { channelIds: [channelId] }],
      ['chat:sync', { channelId, afterSeq: 0 }],
      ['chat:send', { channelId, clientId: 'intruder-01', text: 'moi' }],
    ] as const) {
      const ack = await ask(outsider, name, payload);
      assert.ok(!ack.ok && ack.error.code === 'chat.notFound', `${name}: ${JSON.stringify(ack)}`);
      const none = await ask(outsider, name, {
        ...payload,
        ...('channelId' in payload ? { channelId: missing } : { channelIds: [missing] }),
      });
      assert.ok(
        !none.ok && none.error.message === (ack.ok ? '' : ack.error.message),
        'same answer as no channel',
      );
    }
    // Nor through the conversations list or a direct conversation about the group.
    const listed = await must<{ conversations: { channelId: string }[] }>(
      outsider,
      'chat:conversations',
      {},
    );
    assert.ok(!listed.conversations.some((c) => c.channelId === channelId));
    for (const partnerRole of ['facilitators', 'trainer', 'lead']) {
      const direct = await ask(outsider, 'chat:openDirect', {
        groupId: live.group.id,
        with: partnerRole,
      });
      assert.ok(!direct.ok && direct.error.code === 'chat.notFound', JSON.stringify(direct));
    }
    // Partners chat only at the partnership tables they sit at: a family group's channel and the
    // facilitators' announcements are as closed to them as to any outsider.
    const partner = await open(await createPerson({ roles: ['partner'] }));
    for (const [name, payload] of [
      ['chat:sync', { channelId, afterSeq: 0 }],
      ['chat:subscribe', { channelIds: ['announcements:facilitators'] }],
      ['presence:watch', { groupId: live.group.id }],
    ] as const) {
      const denied = await ask(partner, name, payload);
      assert.ok(!denied.ok && denied.error.code === 'chat.notFound', name);
    }
    const partnerList = await must<{ conversations: unknown[] }>(partner, 'chat:conversations', {});
    assert.deepEqual(partnerList.conversations, []);
    // The trainer reads but does not post.
    const trainer = await open(live.staff.trainer);
    const read = await must<{ messages: ChatMessage[] }>(trainer, 'chat:sync', {
      channelId,
      afterSeq: 0,
    });
    assert.deepEqual(
      read.messages.map((m) => m.text),
      ['Hei kaikki'],
    );
    const post = await ask(trainer, 'chat:send', {
      channelId,
      clientId: 'trainer-0001',
      text: 'x',
    });
    assert.ok(!post.ok && post.error.code === 'chat.readOnly');
  });

  it('[chat-5] hostile payloads are refused; a flood is limited for the flooder only', async () => {
    const live = await liveGroup(app.url, { families: 2 });
    const channelId = `group:${live.group.id}`;
    const flooder = await open(live.families[0]!);
    const neighbour = await open(live.families[1]!);
    const hostile: unknown[] = [
      { channelId, clientId: 'x'.repeat(8), text: 'a'.repeat(2001) },
      { channelId, clientId: 'short', text: 'hi' },
      { channelId, clientId: 'abcdefgh', text: '   ' },
      { channelId, clientId: 'abcdefgh', text: 'hi', html: '<b>' },
      { channelId: 'group:<script>', clientId: 'abcdefgh', text: 'hi' },
      { channelId, clientId: 'abcdefgh', text: { $gt: '' } },
      'not an object',
    ];
    for (const payload of hostile) {
      const ack = await ask(flooder, 'chat:send', payload);
      assert.ok(!ack.ok && ack.error.code === 'invalid', JSON.stringify(payload).slice(0, 80));
    }
    const script = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const stored = await must<ChatMessage>(flooder, 'chat:send', {
      channelId,
      clientId: 'script-001',
      text: script,
    });
    assert.equal(stored.text, script, 'kept as plain text, never interpreted');
    let limited = 0;
    for (let n = 0; n < 400; n += 1) {
      const ack = await ask(flooder, 'chat:send', {
        channelId,
        clientId: `flood-${n}-xx`,
        text: `${n}`,
      });
      if (!ack.ok && ack.error.code === 'rateLimited') limited += 1;
    }
    // 600 a minute here: a burst of 200, then about ten a second.
    assert.ok(limited >= 50, `the flood was limited (${limited} of 400 refused)`);
    const fine = await ask(neighbour, 'chat:send', {
      channelId,
      clientId: 'neighbour-1',
      text: 'moi',
    });
    assert.ok(fine.ok, 'someone else can still write');
  });
});

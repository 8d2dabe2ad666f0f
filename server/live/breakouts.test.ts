// [room-1] (socket side) Breakout rooms on the real SFU: six families in three pairs consume
// only their partner (no consumer for anyone else, those made before are closed), chat stays in
// the room, a cut connection lands back in its room, and at the end everyone is back together.
// [room-2] A trainer carried into a breakout is listed there; a hidden observer is not carried
// by an automatic split; only hosts move people.
import assert from 'node:assert/strict';
import type { BreakoutMessage, BreakoutView } from '../protocol/breakouts.ts';
import type { JoinResult, LiveParticipant } from '../protocol/live.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import {
  ask,
  liveGroup,
  liveSocket,
  must,
  receiverOf,
  sendMicrophone,
  type TestSocket,
} from '../../test/support/live.ts';
import type { TestPerson } from '../../test/support/people.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type BreakoutEvent = { breakout: BreakoutView | null; participants: LiveParticipant[] };

/** A peer as a browser would run it: sends a microphone, consumes whoever it is shown. */
interface Member {
  person: TestPerson;
  socket: TestSocket;
  peerId: string;
  producerId: string;
  breakout: BreakoutView | null;
  events: BreakoutEvent[];
  chat: BreakoutMessage[];
}

describe('[room-1] [room-2] breakout rooms over sockets', function () {
  this.timeout(90_000);
  let app: TestApp;
  const sockets: TestSocket[] = [];

  before(async () => {
    app = await startTestApp({ label: 'breakouts' });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  after(() => app?.close());

  const join = async (
    person: TestPerson,
    sessionId: string,
    ssrc: number | null,
    mode: 'participant' | 'observer' = 'participant',
  ): Promise<Member & { joined: JoinResult }> => {
    const socket = await liveSocket(app.url, person);
    sockets.push(socket);
    const joined = await must<JoinResult>(socket, 'live:join', { sessionId, mode });
    assert.ok(joined.state === 'admitted');
    const producerId = ssrc === null ? '' : await sendMicrophone(socket, ssrc);
    const member: Member & { joined: JoinResult } = {
      person,
      socket,
      peerId: joined.admitted.self.peerId,
      producerId,
      breakout: joined.admitted.breakout,
      events: [],
      chat: [],
      joined,
    };
    socket.on('live:breakout', (event: BreakoutEvent) => {
      member.breakout = event.breakout;
      member.events.push(event);
    });
    socket.on('live:breakoutMessage', (m: BreakoutMessage) => member.chat.push(m));
    return member;
  };

  /** Consumes every producer of the participants this socket is shown, as LiveMedia.sync does. */
  const consumer = async (member: Member) => {
    const consume = await receiverOf(member.socket);
    const sync = async (participants: LiveParticipant[]) => {
      for (const p of participants) {
        if (p.peerId === member.peerId) continue;
        for (const producer of p.producers) await consume(producer.producerId);
      }
    };
    member.socket.on('live:breakout', (event: BreakoutEvent) => void sync(event.participants));
    return { consume, sync };
  };

  it('[room-1] six families in three pairs: media and chat stay in each pair, a cut connection returns to its pair, all back together at the end', async () => {
    const live = await liveGroup(app.url, { families: 6 });
    const host = await join(live.staff.facilitator, live.sessionId, 2000);
    const six: Member[] = [];
    for (const [i, family] of live.families.entries()) {
      six.push(await join(family, live.sessionId, 2001 + i));
    }
    const session = app.app.live.get(live.sessionId)!;
    const consumed = (personId: string) => {
      const peer = session.peerOfPerson(personId)!;
      return new Set([...peer.media!.consumers.values()].map((c) => c.producerId));
    };
    // Everyone in the main room receives everyone.
    const everyone = [host, ...six];
    const syncs = new Map<Member, Awaited<ReturnType<typeof consumer>>>();
    for (const member of everyone) syncs.set(member, await consumer(member));
    // Each consumes everyone else, as the participant list now says.
    for (const member of everyone) {
      for (const other of everyone) {
        if (other !== member) await syncs.get(member)!.consume(other.producerId);
      }
    }
    for (const family of six) assert.equal(consumed(family.person.id).size, 6);

    // Only a host opens rooms; a breakout needs a minute outside tests' shorter ones.
    const forged = await ask(six[0]!.socket, 'live:breakoutOpen', {
      minutes: 5,
      split: { by: 'size', size: 2, apart: [] },
    });
    assert.ok(!forged.ok && forged.error.code === 'forbidden');
    const tooLong = await ask(host.socket, 'live:breakoutOpen', {
      minutes: 500,
      split: { by: 'size', size: 2, apart: [] },
    });
    assert.ok(!tooLong.ok);

    // Pairs, automatic, with the first two families kept apart (a couple, say).
    const minutes = 0.2; // 12 s
    const opened = Date.now();
    const result = await must<{ rooms: number }>(host.socket, 'live:breakoutOpen', {
      minutes,
      split: { by: 'size', size: 2, apart: [[six[0]!.peerId, six[1]!.peerId]] },
    });
    assert.equal(result.rooms, 3);
    const partnerOf = (m: Member) => {
      const names = m.breakout!.room!.members.map((x) => x.peerId).filter((id) => id !== m.peerId);
      assert.equal(names.length, 1, 'a pair');
      return six.find((x) => x.peerId === names[0])!;
    };
    const waitFor = async (check: () => boolean, what: string, ms = 5000) => {
      const until = Date.now() + ms;
      while (!check()) {
        if (Date.now() > until) assert.fail(`timed out: ${what}`);
        await sleep(20);
      }
    };
    await waitFor(() => six.every((m) => m.breakout?.room), 'everyone told their room');
    const pairs = new Map(six.map((m) => [m, partnerOf(m)]));
    assert.notEqual(pairs.get(six[0]!), six[1], 'kept apart');
    for (const [m, partner] of pairs) assert.equal(pairs.get(partner), m, 'pairs are mutual');
    // The SFU forwards each family its partner only: every other consumer closed at once.
    for (const [m, partner] of pairs) {
      assert.deepEqual([...consumed(m.person.id)], [partner.producerId], 'partner only');
      const shown = m.events
        .at(-1)!
        .participants.map((p) => p.peerId)
        .sort();
      assert.deepEqual(shown, [m.peerId, partner.peerId].sort(), 'listed: the pair only');
    }
    const moveIn = Date.now() - opened;
    // And no consumer is made across rooms, whatever a client asks.
    const stranger = six.find((x) => x !== six[0] && x !== pairs.get(six[0]!))!;
    const refused = await syncs.get(six[0]!)!.consume(stranger.producerId);
    assert.ok(!refused.ok && refused.error.code === 'media.not-for-you');
    // The host in the main room receives no family now, and sees every room.
    assert.equal(consumed(live.staff.facilitator.id).size, 0);
    assert.equal(host.breakout!.rooms.length, 3);
    assert.equal(host.breakout!.room, null);

    // Chat in a room reaches that room only.
    const [a, b] = [six[0]!, pairs.get(six[0]!)!];
    await must(a.socket, 'live:breakoutChat', { text: 'Hei parini' });
    await waitFor(() => b.chat.length === 1, 'the partner reads it');
    await sleep(200);
    for (const m of six) if (m !== a && m !== b) assert.equal(m.chat.length, 0, 'not elsewhere');
    assert.equal(host.chat.length, 0);
    const notIn = await ask(host.socket, 'live:breakoutChat', { text: 'x' });
    assert.ok(!notIn.ok && notIn.error.code === 'live.notInBreakout');
    // A host's broadcast reaches every room.
    await must(host.socket, 'live:breakoutBroadcast', { text: 'Kaksi minuuttia jäljellä' });
    await waitFor(() => six.every((m) => m.chat.some((c) => c.broadcast)), 'broadcast everywhere');

    // A connection cut mid-breakout: the same person, a new socket and a new peer (a reload).
    const cut = six[2]!;
    const room = cut.breakout!.room!.id;
    const partner = pairs.get(cut)!;
    cut.socket.disconnect();
    const back = await join(cut.person, live.sessionId, 2100);
    assert.ok(back.joined.state === 'admitted');
    assert.equal(back.breakout?.room?.id, room, 'the same breakout');
    const listed = back.joined.admitted.participants.map((p) => p.peerId).sort();
    assert.deepEqual(listed, [back.peerId, partner.peerId].sort());
    await syncs.get(partner)!.consume(back.producerId);
    assert.ok(consumed(partner.person.id).has(back.producerId), 'the partner hears them again');
    const backSync = await consumer(back);
    await backSync.sync(back.joined.admitted.participants);
    assert.deepEqual([...consumed(cut.person.id)], [partner.producerId]);
    six[2] = back;
    syncs.set(back, backSync);

    // The one-minute warning (halfway, for so short a time), then everyone back together.
    await waitFor(() => six.every((m) => m.breakout?.warning), 'warned', 12_000);
    const endsAt = new Date(host.breakout!.endsAt).getTime();
    await waitFor(() => six.every((m) => m.breakout === null), 'rooms closed', 15_000);
    const producers = [host, ...six].map((m) => m.producerId);
    const allBack = () =>
      [host, ...six].every((m) => {
        const got = consumed(m.person.id);
        return producers.every((p) => p === m.producerId || got.has(p));
      });
    await waitFor(allBack, 'media from everyone within 3 s', 3000);
    const moveBack = Date.now() - endsAt;
    for (const m of six) assert.equal(m.events.at(-1)!.participants.length, 7);
    console.log(`    breakouts: six into pairs ${moveIn} ms, back together ${moveBack} ms`);
  });

  it('[room-2] a trainer carried into a breakout is listed there, a hidden observer is not carried by a split, the host visits visibly', async () => {
    const live = await liveGroup(app.url, { families: 4, group: { observationAllowed: true } });
    const host = await join(live.staff.facilitator, live.sessionId, 3000);
    const four: Member[] = [];
    for (const [i, family] of live.families.entries()) {
      four.push(await join(family, live.sessionId, 3001 + i));
    }
    const trainer = await join(live.staff.trainer, live.sessionId, null, 'observer');
    assert.ok(trainer.joined.state === 'admitted' && trainer.joined.admitted.self.observer);
    await must(host.socket, 'live:breakoutOpen', {
      minutes: 5,
      split: { by: 'size', size: 2, apart: [] },
    });
    const waitFor = async (check: () => boolean, what: string) => {
      const until = Date.now() + 5000;
      while (!check()) {
        if (Date.now() > until) assert.fail(`timed out: ${what}`);
        await sleep(20);
      }
    };
    await waitFor(() => four.every((m) => m.breakout?.room), 'rooms told');
    // The hidden observer stays in the main room, seen by no family.
    await waitFor(() => trainer.breakout !== null, 'the observer told too');
    assert.equal(trainer.breakout!.room, null);
    const names = (m: Member) => m.events.at(-1)!.participants.map((p) => p.peerId);
    for (const m of four) assert.ok(!names(m).includes(trainer.peerId));

    // Families cannot move anyone.
    const forged = await ask(four[0]!.socket, 'live:breakoutMove', {
      peerId: four[0]!.peerId,
      roomId: 'room-2',
    });
    assert.ok(!forged.ok && forged.error.code === 'forbidden');

    // Carried into room 1 (the group allows observation): listed there, as the trainer.
    const inRoom = (id: string) => four.filter((m) => m.breakout?.room?.id === id);
    const before = new Map(four.map((m) => [m, m.events.length]));
    await must(host.socket, 'live:breakoutMove', { peerId: trainer.peerId, roomId: 'room-1' });
    await waitFor(() => four.every((m) => m.events.length > before.get(m)!), 'rooms updated');
    for (const m of inRoom('room-1')) {
      const seen = m.events.at(-1)!.participants.find((p) => p.peerId === trainer.peerId);
      assert.equal(seen?.role, 'trainer', 'never hidden in a breakout');
      assert.ok(m.breakout!.room!.members.some((x) => x.peerId === trainer.peerId));
    }
    for (const m of inRoom('room-2')) assert.ok(!names(m).includes(trainer.peerId));
    assert.equal(trainer.breakout!.room!.id, 'room-1');

    // The host visits room 2: listed there, hearing that room only.
    await must(host.socket, 'live:breakoutMove', { peerId: host.peerId, roomId: 'room-2' });
    await waitFor(() => host.breakout?.room?.id === 'room-2', 'host in room 2');
    for (const m of inRoom('room-2')) {
      await waitFor(() => names(m).includes(host.peerId), 'host listed in room 2');
    }
    for (const m of inRoom('room-1')) assert.ok(!names(m).includes(host.peerId));
    assert.deepEqual(
      host.breakout!.room!.members.map((x) => x.peerId).sort(),
      [host.peerId, ...inRoom('room-2').map((m) => m.peerId)].sort(),
    );

    // Called back: the observer is hidden again, in the main room.
    await must(host.socket, 'live:breakoutClose', {});
    await waitFor(() => four.every((m) => m.breakout === null), 'closed');
    for (const m of four) assert.ok(!names(m).includes(trainer.peerId), 'hidden again');
    assert.equal(names(four[0]!).length, 5);
  });
});

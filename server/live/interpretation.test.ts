// [room-6] (socket side) Interpreter channels: an interpreter's voice reaches only the listeners
// of their channel — for anyone else no consumer is made, and one made before is closed — two
// channels work at once, and a listener's choice survives a reconnect.
import assert from 'node:assert/strict';
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

describe('[room-6] interpreter channels over sockets', function () {
  this.timeout(60_000);
  let app: TestApp;
  const sockets: TestSocket[] = [];

  before(async () => {
    app = await startTestApp({ label: 'interpret' });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  after(() => app?.close());

  /** Joins and sends a microphone; returns the socket, its peer id and its producer. */
  const speaker = async (person: TestPerson, sessionId: string, ssrc: number) => {
    const socket = await liveSocket(app.url, person);
    sockets.push(socket);
    const joined = await must<JoinResult>(socket, 'live:join', { sessionId });
    assert.ok(joined.state === 'admitted');
    const producerId = await sendMicrophone(socket, ssrc);
    return { socket, peerId: joined.admitted.self.peerId, producerId, joined };
  };

  const receiver = receiverOf;

  it('[room-6] a listener on the floor gets no consumer of an interpreter; two channels at once; the choice survives a reconnect', async () => {
    const live = await liveGroup(app.url, { families: 4 });
    const [arInterpreter, soInterpreter, arListener, floorListener] = live.families as [
      TestPerson,
      TestPerson,
      TestPerson,
      TestPerson,
    ];
    const host = await speaker(live.staff.facilitator, live.sessionId, 1001);
    const ar = await speaker(arInterpreter, live.sessionId, 1002);
    const so = await speaker(soInterpreter, live.sessionId, 1003);
    const arIn = await speaker(arListener, live.sessionId, 1004);
    const floor = await speaker(floorListener, live.sessionId, 1005);
    const session = app.app.live.get(live.sessionId)!;
    const consumed = (personId: string) => {
      const peer = session.peerOfPerson(personId)!;
      return new Set([...peer.media!.consumers.values()].map((c) => c.producerId));
    };

    // The floor listener already receives the future interpreter's voice.
    const floorConsume = await receiver(floor.socket);
    assert.ok((await floorConsume(ar.producerId)).ok);
    assert.ok(consumed(floorListener.id).has(ar.producerId));

    // Only a host names interpreters.
    const forged = await ask(floor.socket, 'live:interpreter', {
      peerId: ar.peerId,
      language: 'ar',
    });
    assert.ok(!forged.ok && forged.error.code === 'forbidden');
    const updates: LiveParticipant[] = [];
    floor.socket.on('live:participantUpdated', (p: LiveParticipant) => updates.push(p));
    await must(host.socket, 'live:interpreter', { peerId: ar.peerId, language: 'ar' });
    await must(host.socket, 'live:interpreter', { peerId: so.peerId, language: 'so' });
    // Named: the floor's consumer of that voice is gone, and everyone sees who interprets.
    assert.ok(!consumed(floorListener.id).has(ar.producerId), 'closed for the floor');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(
      updates.filter((p) => p.interpreting).map((p) => [p.peerId, p.interpreting]),
      [
        [ar.peerId, 'ar'],
        [so.peerId, 'so'],
      ],
    );
    const refused = await floorConsume(ar.producerId);
    assert.ok(
      !refused.ok && refused.error.code === 'media.not-for-you',
      `no consumer for the floor: ${JSON.stringify(refused)}`,
    );
    assert.ok((await floorConsume(host.producerId)).ok, 'the floor itself flows');

    // A channel nobody interprets is refused; an interpreter hears the floor only.
    const none = await ask(arIn.socket, 'live:channel', { language: 'fa' });
    assert.ok(!none.ok && none.error.code === 'live.noSuchChannel');
    const own = await ask(ar.socket, 'live:channel', { language: 'so' });
    assert.ok(!own.ok && own.error.code === 'live.interpreterHearsFloor');

    // The Arabic listener gets the Arabic interpreter, never the Somali one.
    const arConsume = await receiver(arIn.socket);
    assert.deepEqual(await must(arIn.socket, 'live:channel', { language: 'ar' }), {
      channel: 'ar',
    });
    assert.ok((await arConsume(ar.producerId)).ok);
    const other = await arConsume(so.producerId);
    assert.ok(!other.ok && other.error.code === 'media.not-for-you');
    assert.ok((await arConsume(host.producerId)).ok, 'and the floor, turned down on the client');

    // A reconnect (a reload: a new socket and peer) keeps the channel.
    arIn.socket.disconnect();
    const again = await liveSocket(app.url, arListener);
    sockets.push(again);
    const rejoined = await must<JoinResult>(again, 'live:join', { sessionId: live.sessionId });
    assert.ok(rejoined.state === 'admitted');
    assert.equal(rejoined.admitted.channel, 'ar');

    // Back to the floor: the interpreter's consumer closes at once.
    const againConsume = await receiver(again);
    assert.ok((await againConsume(ar.producerId)).ok);
    await must(again, 'live:channel', { language: null });
    assert.ok(!consumed(arListener.id).has(ar.producerId));

    // The host ends the Somali interpreting: that voice is the floor's again.
    await must(host.socket, 'live:interpreter', { peerId: so.peerId, language: null });
    assert.ok((await floorConsume(so.producerId)).ok);
  });
});

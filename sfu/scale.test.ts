// [scale-3] A 24-participant room spread over two mediasoup workers with pipeToRouter: real
// workers, real WebRTC transports on 127.0.0.1 (ICE + DTLS + SRTP from node-side endpoints) and
// synthetic RTP from the capacity bench's senders. The spread is forced with a low threshold.
//
// Six speakers send a microphone and a simulcast camera; eighteen listeners only receive. The
// first speaker is pinned (spotlight). Every member consumes every producer but its own, as
// the client does; what flows then follows the forwarding policy per member:
//   speakers and "all" listeners (maxVideos 9): every voice and every other camera;
//   "one" listeners (maxVideos 1): every voice and only the pinned camera;
//   "audio" listeners (audio only): every voice, no camera.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { types } from 'mediasoup';
import { CohortMember } from '../bench/sfuCohort/member.ts';
import { clock, Pacer } from '../bench/sfuCapacity/pacer.ts';
import { receiverCapabilities } from '../bench/sfuCapacity/participant.ts';
import { closeAllEndpoints } from '../bench/sfuCapacity/webrtcEndpoint.ts';
import { defaultViewport } from './forwarding.ts';
import { Sfu } from './Sfu.ts';
import type { SfuRoom } from './SfuRoom.ts';

const SPEAKERS = 6;
const LISTENERS = 18;
/** Each speaker is loud for this long in turn, so the dominant speaker moves between workers. */
const TURN_MS = 1500;

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting: ${what}`);
    await sleep(100);
  }
}

/** Which group a listener is in, by its number: all cameras, the pinned one only, or none. */
const listenerGroup = (i: number) => (['all', 'one', 'audio'] as const)[i % 3]!;

describe('[scale-3] a room larger than one worker', function () {
  this.timeout(120_000);
  let sfu: Sfu;
  let room: SfuRoom;
  const pacer = new Pacer();
  const members: CohortMember[] = [];
  const speakers: CohortMember[] = [];
  const dominant = new Set<string>();

  before(async () => {
    // A worker "carries" 80 consumers and a room may take half of one: 40 per router.
    sfu = await Sfu.start({
      workers: 2,
      listenIp: '127.0.0.1',
      rtcPort: 0,
      logLevel: 'error',
      consumersPerWorker: 80,
      roomShareOfWorker: 0.5,
    });
    room = await sfu.getOrCreateRoom('cohort');
    room.on('activeSpeaker', (peerId) => dominant.add(peerId));
    const capabilities = receiverCapabilities(room);
    const startedAt = clock();
    pacer.start();
    // Half the speakers first, then half the listeners, and the same again: members arrive over
    // time as in a real session, so each placement sees the load the earlier ones made.
    const order = [
      ...Array.from({ length: SPEAKERS / 2 }, (_, i) => `s${i}`),
      ...Array.from({ length: LISTENERS / 2 }, (_, i) => `l${i}`),
      ...Array.from({ length: SPEAKERS / 2 }, (_, i) => `s${i + SPEAKERS / 2}`),
      ...Array.from({ length: LISTENERS / 2 }, (_, i) => `l${i + LISTENERS / 2}`),
    ];
    for (const label of order) {
      const index = Number(label.slice(1));
      const member = await CohortMember.join(
        room,
        label,
        label[0] === 's' ? 'speaker' : 'listener',
        {
          pacer,
          startedAt,
          speaking: (at) => Math.floor((at - startedAt) / TURN_MS) % SPEAKERS === index,
        },
      );
      if (member.role === 'listener') {
        const group = listenerGroup(index);
        member.peer.viewport = {
          ...defaultViewport(),
          audioOnly: group === 'audio',
          maxVideos: group === 'one' ? 1 : 9,
        };
      }
      // The newcomer receives everyone already here; everyone here receives the newcomer.
      await member.consume(
        members.flatMap((m) => m.producers),
        capabilities,
      );
      for (const other of members) await other.consume(member.producers, capabilities);
      members.push(member);
      if (member.role === 'speaker') speakers.push(member);
    }
    room.pin('s0');
    await room.settled();
  });

  after(async () => {
    pacer.stop();
    await closeAllEndpoints();
    sfu?.close();
  });

  /** Producers a member should be receiving media of right now. */
  function shouldReceive(member: CohortMember): Set<string> {
    const wanted = new Set<string>();
    for (const speaker of speakers) {
      if (speaker === member) continue;
      const [microphone, camera] = speaker.producers as [types.Producer, types.Producer];
      if (microphone && !microphone.closed) wanted.add(microphone.id);
      const group =
        member.role === 'speaker' ? 'all' : listenerGroup(Number(member.label.slice(1)));
      if (
        camera &&
        !camera.closed &&
        (group === 'all' || (group === 'one' && speaker.label === 's0'))
      )
        wanted.add(camera.id);
    }
    return wanted;
  }

  it('[scale-3] spreads 24 participants over two workers, with speakers on both', () => {
    assert.equal(room.peers.size, SPEAKERS + LISTENERS);
    const figures = room.figures();
    assert.equal(new Set(figures.map((f) => f.slot)).size, 2, JSON.stringify(figures));
    for (const f of figures) assert.ok(f.peers > 0 && f.consumers > 0, JSON.stringify(figures));
    const speakerSlots = new Set(speakers.map((s) => s.peer.placement?.slot));
    assert.equal(speakerSlots.size, 2, 'speakers send into both workers');
    assert.ok(
      figures.every((f) => f.pipedProducers > 0),
      `producers are piped both ways: ${JSON.stringify(figures)}`,
    );
    const perWorker = sfu.pool.alive().map((w) => w.consumers);
    assert.equal(
      perWorker.reduce((a, b) => a + b, 0),
      members.reduce((n, m) => n + m.consuming.size, 0),
      'every consumer is counted on its worker',
    );
  });

  it('[scale-3] every participant receives the speakers it should, from both workers, and no others', async () => {
    await sleep(2000); // keyframes asked for, layers chosen
    const before = members.map(
      (m) => new Map([...m.consuming.keys()].map((id) => [id, m.packetsOf(id)])),
    );
    await sleep(2000);
    const missing: string[] = [];
    const extra: string[] = [];
    for (const [i, member] of members.entries()) {
      const wanted = shouldReceive(member);
      for (const [producerId, { consumer }] of member.consuming) {
        const got = member.packetsOf(producerId) - (before[i]!.get(producerId) ?? 0);
        const from = `${String(consumer.appData.producerPeerId)} ${consumer.kind} → ${member.label}`;
        if (wanted.has(producerId)) {
          const stats = (await consumer.getStats()).find((s) => s.type === 'outbound-rtp');
          if (got === 0 || !stats || stats.packetCount === 0 || stats.byteCount === 0)
            missing.push(from);
        } else if (got > 0) {
          extra.push(from);
        }
      }
      // Whom it should hear and see, it consumes (its own media never).
      for (const producerId of wanted) assert.ok(member.consuming.has(producerId));
      for (const own of member.producers) assert.ok(!member.consuming.has(own.id));
    }
    assert.deepEqual(missing, [], 'every wanted stream flows');
    assert.deepEqual(extra, [], 'nothing flows that the policy does not want');
    // Received across workers: each member got media from speakers on both workers.
    for (const member of members) {
      const slots = new Set(
        speakers
          .filter((s) => s !== member && s.producers[0] && member.packetsOf(s.producers[0].id) > 0)
          .map((s) => s.peer.placement?.slot),
      );
      assert.equal(slots.size, 2, `${member.label} hears speakers of both workers`);
    }
  });

  it('[scale-3] the dominant speaker is found across workers', async () => {
    const slotOf = (peerId: string) => room.peers.get(peerId)?.placement?.slot;
    await until(
      'dominant speakers on both workers',
      () => new Set([...dominant].map(slotOf)).size === 2,
      SPEAKERS * TURN_MS + 5000,
    );
  });

  it('[scale-3] consumers of a piped producer follow its pause, resume and close', async () => {
    // A speaker on a worker other than the room's first: most consumers of it are piped.
    const speaker = speakers.find((s) => s.peer.placement?.slot !== room.host.slot);
    assert.ok(speaker);
    const [microphone, camera] = speaker.producers as [types.Producer, types.Producer];
    const remote = members.filter(
      (m) => m !== speaker && m.peer.placement?.slot !== speaker.peer.placement?.slot,
    );
    assert.ok(remote.length > 0);
    const consumersOf = (producer: types.Producer) =>
      remote.map((m) => m.consuming.get(producer.id)!.consumer);

    await speaker.peer.setPaused('microphone', true);
    await until('piped consumers paused', () =>
      consumersOf(microphone).every((c) => c.producerPaused),
    );
    await speaker.peer.setPaused('microphone', false);
    await until('piped consumers resumed', () =>
      consumersOf(microphone).every((c) => !c.producerPaused),
    );

    const firstRouter = room.figures().find((f) => f.slot === room.host.slot)!;
    const pipedBefore = firstRouter.pipedProducers;
    const cameraConsumers = consumersOf(camera);
    speaker.peer.closeSource('camera');
    await until('piped consumers closed', () => cameraConsumers.every((c) => c.closed));
    for (const member of remote)
      assert.ok(!member.peer.consumers.has(member.consuming.get(camera.id)!.consumer.id));
    await until(
      'the pipe of the closed camera is gone',
      () =>
        room.figures().find((f) => f.slot === room.host.slot)!.pipedProducers === pipedBefore - 1,
    );
  });

  it('[scale-3] a dying second worker closes the whole room as unexpected, and is replaced', async () => {
    const second = room.routers.find((r) => r.host !== room.host);
    assert.ok(second);
    const closed = once(room, 'closed') as Promise<[{ unexpected: boolean }]>;
    const replaced = once(sfu.pool, 'workerReplaced');
    process.kill(second.host.worker.pid, 'SIGKILL');
    const [{ unexpected }] = await closed;
    assert.equal(unexpected, true, 'the live session moves everyone to a new room');
    assert.ok(
      room.routers.every((r) => r.router.closed),
      'its other routers are closed too',
    );
    await replaced;
    assert.equal(sfu.pool.alive().length, 2);
    assert.ok(
      sfu.pool.alive().every((w) => w.consumers === 0 && w.routers === 0),
      'nothing is left counted on the workers',
    );
  });
});

// [video-6] Who may not enter a live session, and what a forged request finds: nothing.
// [video-4] (socket side) An observer never appears in anything a family's socket receives.
// Real server, real database, real mediasoup worker; the clients are Socket.IO sockets.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdmittedState, JoinResult, LiveParticipant, SessionEntry } from '../protocol/live.ts';
import type { TransportInfo } from '../protocol/media.ts';
import { projectRoot } from '../platform/paths.ts';
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
import { createPerson, signedInClient } from '../../test/support/people.ts';
import { AuditEntry } from '../audit/audit.model.ts';
import { Attendance } from '../sessions/attendance.model.ts';
import mongoose from 'mongoose';
import { migrate } from '../db/migrations.ts';
import { LiveRemoval, removalKey } from './removal.model.ts';
import './migrations.ts';

const errors = JSON.parse(
  readFileSync(join(projectRoot, 'locales', 'en', 'errors.json'), 'utf8'),
) as { live: Record<string, string>; media: Record<string, string> };

/** Audio RTP parameters a browser could have sent: enough for mediasoup to accept a producer. */
const OPUS = {
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
  encodings: [{ ssrc: 11111111 }],
};

describe('live sessions over sockets', function () {
  this.timeout(60_000);
  let app: TestApp;
  const sockets: TestSocket[] = [];
  const open = async (...args: Parameters<typeof liveSocket>) => {
    const socket = await liveSocket(...args);
    sockets.push(socket);
    return socket;
  };
  const join = (socket: TestSocket, sessionId: string, extra: object = {}) =>
    ask<JoinResult>(socket, 'live:join', { sessionId, ...extra });

  before(async () => {
    app = await startTestApp({ label: 'live' });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  after(() => app?.close());

  describe('[video-6] refusals', () => {
    let live: LiveGroup;
    before(async () => {
      live = await liveGroup(app.url, { families: 3 });
    });

    it('[video-6] a family not enrolled is refused with a translated reason', async () => {
      const outsider = await open(app.url, await createPerson({ roles: ['family'] }));
      const ack = await join(outsider, live.sessionId);
      assert.equal(ack.ok, false);
      assert.ok(!ack.ok);
      assert.equal(ack.error.code, 'live.notFound');
      assert.equal(ack.error.message, errors.live.notFound);
      // A session id that does not exist answers the same: existence is not revealed.
      const none = await join(outsider, '0123456789abcdef01234567');
      assert.ok(!none.ok);
      assert.equal(none.error.code, 'live.notFound');
    });

    it('[video-6] a family outside the join window is refused, told when it opens', async () => {
      const tomorrow = await liveGroup(app.url, { families: 1, startsInMinutes: 24 * 60 });
      const family = await open(app.url, tomorrow.families[0]!);
      const ack = await join(family, tomorrow.sessionId);
      assert.ok(!ack.ok);
      assert.equal(ack.error.code, 'live.notOpenYet');
      const opensAt = new Date(
        new Date(tomorrow.group.nextSessions[0]!.startsAt).getTime() - 10 * 60_000,
      );
      const expected = new Intl.DateTimeFormat('en', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'Europe/Helsinki',
      }).format(opensAt);
      assert.ok(ack.error.message.includes(expected), `${ack.error.message} names ${expected}`);
    });

    it('[video-6] a removed family cannot rejoin that session', async () => {
      const host = await open(app.url, live.staff.facilitator);
      await must(host, 'live:join', { sessionId: live.sessionId });
      const family = await open(app.url, live.families[0]!);
      const joined = await must<JoinResult>(family, 'live:join', { sessionId: live.sessionId });
      assert.equal(joined.state, 'admitted');
      const peerId = joined.state === 'admitted' ? joined.admitted.self.peerId : '';
      const removed = new Promise<{ reason: string }>((resolve) =>
        family.once('live:removed', resolve),
      );
      const left = new Promise<{ peerId: string }>((resolve) =>
        host.once('live:participantLeft', resolve),
      );
      await must(host, 'live:remove', { peerId, reason: 'Kiusaamista chatissa' });
      assert.deepEqual(await removed, { reason: 'Kiusaamista chatissa' });
      assert.deepEqual(await left, { peerId });
      const again = await join(family, live.sessionId);
      assert.ok(!again.ok);
      assert.equal(again.error.code, 'live.removed');
      assert.equal(again.error.message, errors.live.removed);
      // Also from a new connection (another device), and kept in the database.
      const other = await open(app.url, live.families[0]!);
      const fromElsewhere = await join(other, live.sessionId);
      assert.ok(!fromElsewhere.ok && fromElsewhere.error.code === 'live.removed');
      assert.equal(await LiveRemoval.countDocuments({ sessionId: live.sessionId }), 1);
    });

    it('[speed-migrate] a removal kept before removals were found by key still refuses the rejoin once migrated', async () => {
      const own = await liveGroup(app.url, { families: 1 });
      const family = own.families[0]!;
      const removals = mongoose.connection.collection('live_removals');
      // As an earlier version wrote it: an ObjectId `_id` and the key in a field of its own,
      // unique by an index of its own.
      await removals.createIndex({ key: 1 }, { unique: true });
      await removals.insertOne({
        key: `${own.sessionId}:${family.id}`,
        sessionId: new mongoose.Types.ObjectId(own.sessionId),
        personId: new mongoose.Types.ObjectId(family.id),
        byId: new mongoose.Types.ObjectId(own.staff.facilitator.id),
        reason: 'Ennen päivitystä',
        at: new Date(),
      });
      const socket = await open(app.url, family);
      const before = await join(socket, own.sessionId);
      assert.ok(before.ok, `not found by key before the migration: ${JSON.stringify(before)}`);
      await must(socket, 'live:leave', {});
      const migrateAgain = async () => {
        await mongoose.connection
          .collection<{ _id: string }>('migrations')
          .deleteOne({ _id: 'live removals by key' });
        await migrate(() => undefined);
      };
      await migrateAgain();
      await migrateAgain(); // twice changes nothing
      assert.ok(!(await removals.indexExists('key_1')), 'the old index is gone');
      const after = await join(socket, own.sessionId);
      assert.ok(!after.ok && after.error.code === 'live.removed', JSON.stringify(after));
      const kept = await LiveRemoval.find({ personId: family.id }).lean();
      assert.deepEqual(
        kept.map((r) => [r._id, r.reason]),
        [[removalKey(own.sessionId, family.id), 'Ennen päivitystä']],
      );
    });

    it('[video-6] forged ids and roles find nothing and change nothing', async () => {
      const host = await open(app.url, live.staff.facilitator);
      await must(host, 'live:join', { sessionId: live.sessionId });
      const victim = await open(app.url, live.families[1]!);
      const victimJoin = await must<JoinResult>(victim, 'live:join', { sessionId: live.sessionId });
      const victimToken = victimJoin.rejoinToken;
      const send = await must<TransportInfo>(victim, 'media:createTransport', {
        direction: 'send',
      });
      const { producerId } = await must<{ producerId: string }>(victim, 'media:produce', {
        transportId: send.id,
        kind: 'audio',
        source: 'microphone',
        rtpParameters: OPUS,
      });

      const forger = await open(app.url, live.families[2]!);
      const forgerJoin = await must<JoinResult>(forger, 'live:join', { sessionId: live.sessionId });
      assert.equal(forgerJoin.state, 'admitted');
      const refusals: [string, unknown, string][] = [
        [
          'media:connectTransport',
          {
            transportId: send.id,
            dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: 'AA' }] },
          },
          'media.transport-not-found',
        ],
        [
          'media:produce',
          { transportId: send.id, kind: 'audio', source: 'microphone', rtpParameters: OPUS },
          'media.transport-not-found',
        ],
        ['media:restartIce', { transportId: send.id }, 'media.transport-not-found'],
        ['media:closeProducer', { producerId }, 'media.producer-not-found'],
        ['media:resumeConsumer', { consumerId: producerId }, 'media.consumer-not-found'],
        // A family sending a screen: not theirs to share.
        [
          'live:mute',
          { peerId: victimJoin.state === 'admitted' ? victimJoin.admitted.self.peerId : '' },
          'forbidden',
        ],
        ['live:remove', { peerId: 'AAAAAAAAAAAA', reason: 'x' }, 'forbidden'],
        ['live:admit', { peerId: 'all' }, 'forbidden'],
        ['live:end', {}, 'forbidden'],
        ['live:whisper', { text: 'hello' }, 'forbidden'],
        ['live:stepIn', {}, 'live.notObserving'],
        ['live:join', { sessionId: live.sessionId, role: 'host' }, 'invalid'],
        ['live:viewport', { audioOnly: false, maxVideos: 1e6, tiles: [] }, 'invalid'],
        ['live:react', { reaction: '<script>' }, 'invalid'],
      ];
      const problems: string[] = [];
      for (const [name, payload, code] of refusals) {
        const ack = await ask(forger, name, payload);
        if (ack.ok || ack.error.code !== code) problems.push(`${name}: ${JSON.stringify(ack)}`);
        else if (!ack.error.message || ack.error.message === code)
          problems.push(`${name}: untranslated`);
      }
      const send2 = await must<TransportInfo>(forger, 'media:createTransport', {
        direction: 'send',
      });
      const screen = await ask(forger, 'media:produce', {
        transportId: send2.id,
        kind: 'video',
        source: 'screen',
        rtpParameters: OPUS,
      });
      if (screen.ok || screen.error.code !== 'media.not-allowed')
        problems.push(`screen: ${JSON.stringify(screen)}`);
      assert.deepEqual(problems, []);

      // Someone else's rejoin token does not make the forger that person.
      const stolen = await must<JoinResult>(forger, 'live:join', {
        sessionId: live.sessionId,
        rejoinToken: victimToken,
      });
      assert.equal(stolen.resumed, false);
      const state = await must<JoinResult>(victim, 'live:join', {
        sessionId: live.sessionId,
        rejoinToken: victimToken,
      });
      assert.equal(state.resumed, true, 'the victim is still in, with their own token');
      assert.ok(state.state === 'admitted');
      const self = state.admitted.participants.find((p) => p.peerId === state.admitted.self.peerId);
      assert.deepEqual(
        self?.producers.map((p) => [p.producerId, p.paused]),
        [[producerId, false]],
      );
    });
  });

  describe('[video-6] joining again, and after the end', () => {
    it('[video-6] the only person there joining from a second tab gets a working session', async () => {
      const live = await liveGroup(app.url, { families: 0 });
      const first = await open(app.url, live.staff.facilitator);
      await must(first, 'live:join', { sessionId: live.sessionId });
      const replaced = new Promise((resolve) => first.once('live:replaced', resolve));
      const second = await open(app.url, live.staff.facilitator);
      const joined = await must<JoinResult>(second, 'live:join', { sessionId: live.sessionId });
      assert.equal(joined.state, 'admitted');
      await replaced;
      await must(second, 'media:createTransport', { direction: 'recv' });
      assert.equal(app.app.live.get(live.sessionId)?.peers.size, 1);
    });

    it('[video-6] nobody gets into a session a facilitator ended, not even mid-join', async () => {
      const live = await liveGroup(app.url, { families: 3 });
      const host = await open(app.url, live.staff.facilitator);
      await must(host, 'live:join', { sessionId: live.sessionId });
      const families = await Promise.all(live.families.map((f) => open(app.url, f)));
      const [ended, ...joins] = await Promise.all([
        ask(host, 'live:end', {}),
        ...families.map((f) => join(f, live.sessionId)),
      ]);
      assert.ok(ended.ok);
      // Joins that won the race were ended with everyone; none holds a place now.
      assert.equal(app.app.live.get(live.sessionId), undefined);
      for (const family of families) {
        const again = await join(family, live.sessionId);
        assert.ok(!again.ok && again.error.code === 'live.ended', JSON.stringify(again));
      }
      assert.equal(joins.length, 3);
    });
  });

  describe('[video-4] the hidden observer over sockets', () => {
    it('[video-4] families receive nothing that mentions the observing trainer', async () => {
      const live = await liveGroup(app.url, { families: 2, group: { observationAllowed: true } });
      const host = await open(app.url, live.staff.facilitator);
      await must(host, 'live:join', { sessionId: live.sessionId });
      const families = await Promise.all(live.families.map((f) => open(app.url, f)));
      const heard = families.map(recordEvents);
      const tokens: string[] = [];
      for (const family of families) {
        tokens.push(
          (await must<JoinResult>(family, 'live:join', { sessionId: live.sessionId })).rejoinToken,
        );
      }

      const observersSeen = new Promise<unknown>((resolve) =>
        host.on('live:observers', ({ observers }: { observers: unknown[] }) => {
          if (observers.length) resolve(observers);
        }),
      );
      const trainer = await open(app.url, live.staff.trainer);
      const watching = await must<JoinResult>(trainer, 'live:join', {
        sessionId: live.sessionId,
        mode: 'observer',
      });
      assert.ok(watching.state === 'admitted');
      const observer: AdmittedState['self'] = watching.admitted.self;
      assert.equal(observer.observer, true);
      assert.equal(watching.admitted.participants.length, 3, 'the observer sees everyone');
      assert.deepEqual(await observersSeen, [{ peerId: observer.peerId, name: observer.name }]);

      // The observer receives media but may not send any.
      await must(trainer, 'media:createTransport', { direction: 'recv' });
      const sending = await ask(trainer, 'media:createTransport', { direction: 'send' });
      assert.ok(!sending.ok && sending.error.code === 'media.not-allowed');

      const whispered = new Promise<{ text: string }>((resolve) =>
        host.once('live:whisper', resolve),
      );
      await must(trainer, 'live:whisper', { text: 'Muista kysyä myös isiltä.' });
      assert.equal((await whispered).text, 'Muista kysyä myös isiltä.');
      // Families act meanwhile, so there are events to leak into.
      await must(families[0]!, 'live:hand', { raised: true });
      await must(host, 'live:lock', { locked: true });
      await new Promise((r) => setTimeout(r, 300));

      const secrets = [
        observer.peerId,
        observer.name,
        live.staff.trainer.id,
        live.staff.trainer.displayName,
      ];
      for (const events of heard) {
        assert.ok(events.length >= 2, 'families did hear the session');
        const text = JSON.stringify(events);
        for (const secret of secrets) assert.ok(!text.includes(secret), `a family heard ${secret}`);
        assert.ok(!events.some((e) => e.name === 'live:whisper' || e.name === 'live:observers'));
      }
      const participants = await must<JoinResult>(families[1]!, 'live:join', {
        sessionId: live.sessionId,
        rejoinToken: tokens[1],
      });
      assert.ok(participants.state === 'admitted');
      const names = participants.admitted.participants.map((p: LiveParticipant) => p.name);
      assert.ok(!names.includes(observer.name));
      assert.deepEqual(participants.admitted.observers, []);
    });

    it('[video-4] the observer steps in: now a visible participant who may send media', async () => {
      const live = await liveGroup(app.url, { families: 1, group: { observationAllowed: true } });
      const host = await open(app.url, live.staff.facilitator);
      await must(host, 'live:join', { sessionId: live.sessionId });
      const family = await open(app.url, live.families[0]!);
      await must(family, 'live:join', { sessionId: live.sessionId });
      const trainer = await open(app.url, live.staff.trainer);
      await must(trainer, 'live:join', { sessionId: live.sessionId, mode: 'observer' });
      const seen = new Promise<LiveParticipant>((resolve) =>
        family.once('live:participantJoined', resolve),
      );
      const gone = new Promise<{ observers: unknown[] }>((resolve) =>
        host.on('live:observers', (o: { observers: unknown[] }) => {
          if (o.observers.length === 0) resolve(o);
        }),
      );
      const state = await must<AdmittedState>(trainer, 'live:stepIn', {});
      assert.equal(state.self.observer, false);
      const participant = await seen;
      assert.equal(participant.name, live.staff.trainer.displayName);
      assert.equal(participant.role, 'trainer');
      await gone;
      await must(trainer, 'media:createTransport', { direction: 'send' });
      const actions = (await AuditEntry.find({ targetId: live.sessionId }).lean()).map(
        (e) => e.action,
      );
      assert.deepEqual(actions.sort(), ['session.observed', 'session.steppedIn']);
    });

    it('[video-4] no observing when the group did not tell its families', async () => {
      const live = await liveGroup(app.url, { families: 0, group: { observationAllowed: false } });
      const trainer = await open(app.url, live.staff.trainer);
      const ack = await join(trainer, live.sessionId, { mode: 'observer' });
      assert.ok(!ack.ok);
      assert.equal(ack.error.code, 'live.observationNotAllowed');
      assert.equal(ack.error.message, errors.live.observationNotAllowed);
    });
  });

  describe('video cap, grace period and attendance', () => {
    let short: TestApp;
    before(async () => {
      short = await startTestApp({
        label: 'live-grace',
        env: { LIVE_RECONNECT_GRACE_SECONDS: '1' },
      });
    });
    after(() => short?.close());

    const VP8 = (ssrc: number) => ({
      codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }],
      encodings: [{ ssrc }],
    });

    it("[video-1] the entry check gives the room's router capabilities: a device loaded with them before joining consumes", async () => {
      const live = await liveGroup(short.url, { families: 1 });
      const sender = await open(short.url, live.families[0]!);
      await must(sender, 'live:join', { sessionId: live.sessionId });
      const send = await must<TransportInfo>(sender, 'media:createTransport', {
        direction: 'send',
      });
      const { producerId } = await must<{ producerId: string }>(sender, 'media:produce', {
        transportId: send.id,
        kind: 'video',
        source: 'camera',
        rtpParameters: VP8(4242),
      });
      // Asked before joining, as the session page does during the device check.
      const client = await signedInClient(short.url, live.staff.facilitator);
      const entry = await client.request<SessionEntry>('GET', `/sessions/${live.sessionId}/entry`);
      assert.equal(entry.status, 200);
      const early = entry.body.routerRtpCapabilities;
      assert.ok(early, 'given while a media worker is up');
      assert.ok(
        early.codecs?.some((c) => c.mimeType === 'video/VP8'),
        'VP8 is offered',
      );
      const viewer = await open(short.url, live.staff.facilitator);
      await must(viewer, 'live:join', { sessionId: live.sessionId });
      const asked = await must<{ routerRtpCapabilities: object }>(viewer, 'media:capabilities', {});
      assert.deepEqual(early, asked.routerRtpCapabilities, "the same as the room router's");
      const recv = await must<TransportInfo>(viewer, 'media:createTransport', {
        direction: 'recv',
      });
      const consumer = await must<{ id: string; kind: string }>(viewer, 'media:consume', {
        transportId: recv.id,
        producerId,
        rtpCapabilities: early,
      });
      assert.equal(consumer.kind, 'video');
    });

    it('[video-1] a viewer capped at one video gets one forwarded; the rest stay paused in the SFU', async () => {
      const live = await liveGroup(short.url, { families: 3 });
      const senders = [];
      for (const [i, family] of live.families.entries()) {
        const socket = await open(short.url, family);
        await must(socket, 'live:join', { sessionId: live.sessionId });
        const send = await must<TransportInfo>(socket, 'media:createTransport', {
          direction: 'send',
        });
        await must(socket, 'media:produce', {
          transportId: send.id,
          kind: 'video',
          source: 'camera',
          rtpParameters: VP8(1000 + i),
        });
        senders.push(socket);
      }
      const viewer = await open(short.url, live.staff.facilitator);
      const joined = await must<JoinResult>(viewer, 'live:join', { sessionId: live.sessionId });
      assert.ok(joined.state === 'admitted');
      const slots: string[][] = [];
      viewer.on('live:videoSlots', ({ producerIds }: { producerIds: string[] }) =>
        slots.push(producerIds),
      );
      await must(viewer, 'live:viewport', { audioOnly: false, maxVideos: 1, tiles: [] });
      const { routerRtpCapabilities } = await must<{ routerRtpCapabilities: object }>(
        viewer,
        'media:capabilities',
        {},
      );
      const recv = await must<TransportInfo>(viewer, 'media:createTransport', {
        direction: 'recv',
      });
      const videos = joined.admitted.participants.flatMap((p) =>
        p.producers.map((x) => x.producerId),
      );
      assert.equal(videos.length, 3);
      for (const producerId of videos) {
        const consumer = await must<{ id: string }>(viewer, 'media:consume', {
          transportId: recv.id,
          producerId,
          rtpCapabilities: routerRtpCapabilities,
        });
        await must(viewer, 'media:resumeConsumer', { consumerId: consumer.id });
      }
      const session = short.app.live.get(live.sessionId)!;
      await session.room.settled();
      const peer = [...session.peers.values()].find(
        (p) => p.personId === live.staff.facilitator.id,
      )!;
      const flowing = [...peer.media!.consumers.values()].filter((c) => !c.paused);
      assert.equal(flowing.length, 1, 'one video flows to the capped viewer');
      assert.deepEqual(slots.at(-1), [flowing[0]!.producerId]);
      // Audio-only: nothing flows; lifting the cap: all three.
      await must(viewer, 'live:viewport', { audioOnly: true, maxVideos: 9, tiles: [] });
      await session.room.settled();
      assert.equal([...peer.media!.consumers.values()].filter((c) => !c.paused).length, 0);
      await must(viewer, 'live:viewport', { audioOnly: false, maxVideos: 9, tiles: [] });
      await session.room.settled();
      assert.equal([...peer.media!.consumers.values()].filter((c) => !c.paused).length, 3);
    });

    it('[video-5] a connection that does not come back is removed after the grace period; attendance keeps join and leave', async () => {
      const live = await liveGroup(short.url, { families: 1 });
      const host = await open(short.url, live.staff.facilitator);
      await must(host, 'live:join', { sessionId: live.sessionId });
      const family = await open(short.url, live.families[0]!);
      const joined = await must<JoinResult>(family, 'live:join', { sessionId: live.sessionId });
      assert.ok(joined.state === 'admitted');
      const peerId = joined.admitted.self.peerId;
      const dropped = new Promise<LiveParticipant>((resolve) =>
        host.on('live:participantUpdated', (p: LiveParticipant) => {
          if (p.peerId === peerId && !p.connected) resolve(p);
        }),
      );
      const left = new Promise<{ peerId: string }>((resolve) =>
        host.once('live:participantLeft', resolve),
      );
      const droppedAt = Date.now();
      family.disconnect();
      await dropped;
      assert.deepEqual(await left, { peerId });
      const waited = Date.now() - droppedAt;
      assert.ok(waited >= 900, `removed after the grace period, not at once (${waited} ms)`);
      // The leave is written just after the others are told: give it a moment.
      let row = null;
      for (let i = 0; i < 20 && !row?.leftAt; i += 1) {
        await new Promise((r) => setTimeout(r, 100));
        row = await Attendance.findOne({
          sessionId: live.sessionId,
          personId: live.families[0]!.id,
        }).lean();
      }
      assert.ok(
        row?.joinedAt && row.leftAt && row.leftAt >= row.joinedAt,
        'join and leave recorded',
      );
      assert.equal(row.source, 'video');
    });
  });
});

// [heal-2] The embedded database frozen (SIGSTOP) for 10 s: requests made meanwhile are answered
// within 2 s — served, or a translated "try again in a moment" — and the chat loses nothing and
// stores nothing twice. [heal-5] A notice due while the database is gone goes out once after.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Message } from '../../server/chat/message.model.ts';
import { connectMongoose, disconnectMongoose } from '../../server/db/connect.ts';
import { OutboxMessage } from '../../server/mail/outbox.model.ts';
import { Job } from '../../server/reminders/job.model.ts';
import { Notification } from '../../server/reminders/notification.model.ts';
import { enqueue } from '../../server/reminders/queue.ts';
import { liveGroup, liveSocket } from '../support/live.ts';
import { createPerson, signedInClient } from '../support/people.ts';
import type { ServerProcess } from '../support/serverProcess.ts';
import { ferretdbPid, Member, readyz, startEmbedded } from './healSupport.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const finnish = JSON.parse(readFileSync('locales/fi/errors.json', 'utf8')) as Record<
  string,
  string
>;

async function until(what: string, check: () => Promise<boolean> | boolean, ms: number) {
  const deadline = Date.now() + ms;
  const safely = async () => {
    try {
      return await check();
    } catch {
      return false;
    }
  };
  while (!(await safely())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await pause(100);
  }
}

describe('[heal-2] [heal-5] the embedded database frozen, then replaced', function () {
  this.timeout(240_000);
  let dataDir: string;
  let server: ServerProcess | undefined;
  const members: Member[] = [];

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-heal2-'));
    const started = await startEmbedded(dataDir);
    server = started.server;
    await connectMongoose(started.databaseUri, 'heal');
  });
  after(async () => {
    for (const member of members.splice(0)) member.close();
    await disconnectMongoose().catch(() => undefined);
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('[heal-2] frozen 10 s: requests answer within 2 s (or succeed), nothing acknowledged lost or stored twice', async () => {
    const url = server!.url;
    const live = await liveGroup(url, { families: 3 });
    const channelId = `group:${live.group.id}`;
    for (const person of [live.staff.facilitator, ...live.families]) {
      const member = new Member(await liveSocket(url, person), person.id, channelId);
      await member.subscribe();
      members.push(member);
    }
    const api = await signedInClient(url, live.families[0]!);
    let sending = true;
    let round = 0;
    const chat = (async () => {
      while (sending) {
        round += 1;
        for (const [i, member] of members.entries()) member.send(`jäässä ${round}.${i}`);
        await pause(500);
      }
    })();
    const answers: { ms: number; status: number; code?: string; message?: string }[] = [];
    let asking = true;
    const asked: Promise<void>[] = [];
    const ask = async () => {
      const began = Date.now();
      const res = await api.get<{ error?: { code: string; message: string } }>('/groups');
      answers.push({
        ms: Date.now() - began,
        status: res.status,
        ...(res.body.error ? { code: res.body.error.code, message: res.body.error.message } : {}),
      });
    };
    // A request every 400 ms, each on its own (a slow answer does not hold the next one back).
    const requests = (async () => {
      while (asking) {
        asked.push(ask());
        await pause(400);
      }
      await Promise.all(asked);
    })();
    await pause(2000);
    const pid = ferretdbPid(dataDir)!;
    const frozenAt = Date.now();
    await Promise.all(asked.splice(0));
    answers.length = 0;
    process.kill(pid, 'SIGSTOP');
    await pause(10_000);
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // The supervisor found it hung and replaced it: it is gone.
    }
    asking = false;
    await requests;
    await until('/readyz 200', async () => (await readyz(url)).status === 200, 30_000);
    const readyMs = Date.now() - frozenAt;
    sending = false;
    await chat;
    const sent = members.reduce((n, m) => n + m.sentTexts.length, 0);
    await until('every outbox empty', () => members.every((m) => m.waiting === 0), 60_000);

    const slowest = Math.max(...answers.map((a) => a.ms));
    const refused = answers.filter((a) => a.status !== 200);
    assert.ok(answers.length >= 10, `requests were made meanwhile (${answers.length})`);
    assert.ok(slowest < 2000, `every request answered within 2 s (slowest ${slowest} ms)`);
    for (const answer of refused) {
      assert.equal(answer.status, 503, JSON.stringify(answer));
      assert.equal(answer.code, 'unavailable');
      assert.equal(answer.message, finnish.unavailable, 'in the asker’s language');
    }
    const stored = await Message.find({ channelId }, { clientId: 1 }).lean();
    const once = new Set(stored.map((m) => m.clientId));
    assert.equal(once.size, stored.length, 'nothing stored twice');
    assert.equal(stored.length, sent, 'every message sent is stored');
    for (const member of members) for (const id of member.acked.keys()) assert.ok(once.has(id));
    const replaced = ferretdbPid(dataDir) !== pid;
    console.log(
      `      [heal-2] frozen 10 s: ${answers.length} requests, ${refused.length} answered ` +
        `"unavailable", slowest ${slowest} ms; /readyz 200 when checked ${readyMs} ms after the freeze began ` +
        `(${replaced ? 'the hung FerretDB was replaced' : 'it thawed'}); ${sent} messages, ` +
        `${stored.length} stored, 0 twice`,
    );
  });

  it('[heal-5] a notice due while the database is down goes out once after it is back', async () => {
    const url = server!.url;
    const live = await liveGroup(url, { families: 1 });
    const person = await createPerson({ roles: ['family'], displayName: 'Odottava perhe' });
    const jobId = `heal5-${Date.now()}`;
    const runAt = new Date(Date.now() + 1500);
    await Job.create({
      _id: jobId,
      kind: 'notice',
      topic: 'session-moved',
      runAt,
      personId: person.id,
      groupId: live.group.id,
      sessionId: live.sessionId,
    });
    await enqueue(jobId, runAt);
    // Down before it is due, and for a while after (the supervisor replaces the hung process).
    const pid = ferretdbPid(dataDir)!;
    process.kill(pid, 'SIGSTOP');
    const stoppedAt = Date.now();
    await until('the hung database replaced', () => ferretdbPid(dataDir) !== pid, 30_000);
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // Gone, as expected.
    }
    await until(
      'the notice sent',
      async () => (await Job.findById(jobId).lean())?.status === 'done',
      20_000,
    );
    const sentMs = Date.now() - stoppedAt;
    await pause(3000); // a second round must not send it again
    const emails = await OutboxMessage.countDocuments({
      to: person.email,
      template: 'sessionMoved',
    });
    const inApp = await Notification.countDocuments({ _id: jobId });
    assert.equal(emails, 1, 'one email');
    assert.equal(inApp, 1, 'one in-app notice');
    console.log(
      `      [heal-5] due during a ${sentMs} ms outage: sent once (${sentMs} ms after it began)`,
    );
  });
});

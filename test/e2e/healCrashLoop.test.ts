// [heal-3] A database binary that exits at once (here: the real FerretDB the first time, then a
// stand-in that says why it cannot start and exits): after the configured number of restarts the
// platform stops trying, /readyz says why, and the log quotes the child's last stderr line and
// the way out.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { connectMongoose, disconnectMongoose } from '../../server/db/connect.ts';
import { ferretdbBinary } from '../../server/db/ferretdb.ts';
import { createPerson, signedInClient } from '../support/people.ts';
import type { ServerProcess } from '../support/serverProcess.ts';
import { ferretdbPid, readyz, startEmbedded } from './healSupport.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const finnish = JSON.parse(readFileSync('locales/fi/errors.json', 'utf8')) as Record<
  string,
  string
>;
const LAST_WORDS = 'database file is damaged (a simulated failure)';

describe('[heal-3] a database that cannot start again', function () {
  this.timeout(180_000);
  let dataDir: string;
  let server: ServerProcess | undefined;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-heal3-'));
    const marker = join(dataDir, 'started-once');
    const binary = join(dataDir, 'fake-database.sh');
    writeFileSync(
      binary,
      [
        '#!/bin/sh',
        `if [ -e '${marker}' ]; then echo 'starting' >&2; echo '${LAST_WORDS}' >&2; exit 3; fi`,
        `: > '${marker}'`,
        `exec '${ferretdbBinary()}' "$@"`,
        '',
      ].join('\n'),
    );
    chmodSync(binary, 0o755);
    const started = await startEmbedded(dataDir, {
      FERRETDB_BIN: binary,
      DB_MAX_RESTARTS: '3',
      DB_RESTART_WINDOW_MIN: '5',
    });
    server = started.server;
    await connectMongoose(started.databaseUri, 'heal');
  });
  after(async () => {
    await disconnectMongoose().catch(() => undefined);
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('[heal-3] restarts stop after the configured count, /readyz says why, the log names the last stderr line', async () => {
    const url = server!.url;
    assert.equal((await readyz(url)).status, 200);
    const family = await signedInClient(url, await createPerson({ roles: ['family'] }));
    const pid = ferretdbPid(dataDir);
    assert.ok(pid);
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    let reason = '';
    for (let i = 0; i < 300 && !reason.includes('no more tries'); i += 1) {
      await pause(100);
      const ready = await readyz(url);
      assert.equal(ready.status, 503);
      reason = ready.body.down.find((d) => d.part === 'database')?.reason ?? '';
    }
    const gaveUpMs = Date.now() - killedAt;
    assert.match(reason, /3 restarts within 5 min, no more tries/);
    assert.ok(reason.includes(LAST_WORDS), reason);
    // It stays given up: no further attempts, still 503, the process itself alive.
    const attempts = () => server!.output().match(/restarting it in \d+ ms/g)?.length ?? 0;
    const before = attempts();
    await pause(3000);
    assert.equal(attempts(), before);
    assert.equal(before, 3, 'three restarts were tried');
    assert.equal((await readyz(url)).status, 503);
    assert.equal((await fetch(`${url}/healthz`)).status, 200, '/healthz is liveness only');
    // Meanwhile a request, and a socket connecting, are told to try again in a moment.
    const began = Date.now();
    const groups = await family.get<{ error: { code: string; message: string } }>('/groups');
    assert.ok(Date.now() - began < 2000, `answered in ${Date.now() - began} ms`);
    assert.equal(groups.status, 503);
    assert.deepEqual(groups.body.error, { code: 'unavailable', message: finnish.unavailable });
    const socket = io(url, {
      transports: ['websocket'],
      extraHeaders: { cookie: family.cookie ?? '' },
      auth: { lang: 'fi' },
      reconnection: false,
    });
    const refusal = await new Promise<Error & { data?: unknown }>((resolve) =>
      socket.once('connect_error', resolve),
    );
    socket.disconnect();
    assert.deepEqual(refusal.data, { code: 'unavailable', message: finnish.unavailable });
    const log = server!.output();
    assert.ok(log.includes(LAST_WORDS), 'the log quotes the last stderr line');
    assert.match(log, /MONGODB_URI/);
    assert.match(log, /ferretdb\.log/);
    console.log(`      [heal-3] killed → gave up after 3 failed restarts in ${gaveUpMs} ms`);
  });
});

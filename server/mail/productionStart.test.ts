// [sec-3] Production never falls back to the development outbox: without SMTP_URL the real
// server refuses to start and says why; with it, the same environment starts.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { testDatabaseUri, useTestDatabase } from '../../test/support/database.ts';
import { startServerProcess } from '../../test/support/serverProcess.ts';

describe('[sec-3] production start', function () {
  this.timeout(120_000);
  let dropDatabase: (() => Promise<void>) | undefined;
  let env: Record<string, string> = {};

  before(async () => {
    dropDatabase = await useTestDatabase('sec3production');
    env = {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      ID_SECRET: 'a test secret of at least thirty-two characters',
      MONGODB_URI: testDatabaseUri(),
      MONGODB_DB: mongoose.connection.name,
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
    };
  });
  after(() => dropDatabase?.());

  it('[sec-3] a production start without SMTP exits non-zero with the message', async () => {
    assert.equal(process.env.SMTP_URL, undefined, 'the test runs without an SMTP_URL of its own');
    await assert.rejects(startServerProcess(env, { timeoutMs: 30_000 }), (error: Error) => {
      assert.match(error.message, /server exited \(1\) during start-up/);
      assert.match(error.message, /SMTP_URL: required in production/);
      assert.doesNotMatch(error.message, /\n\s+at /, 'a message, not a stack trace');
      return true;
    });

    // The same environment with a mail server starts (nothing is sent while it runs).
    const server = await startServerProcess({ ...env, SMTP_URL: 'smtp://127.0.0.1:2525' });
    try {
      const health = await fetch(`${server.url}/api/auth/session`);
      assert.equal(health.status, 200);
    } finally {
      await server.stop();
    }
  });
});

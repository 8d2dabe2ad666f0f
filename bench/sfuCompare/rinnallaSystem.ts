// The Rinnalla side of the comparison: the real server as a child process (its own CPU, its
// workers, on the database this machine provides — FerretDB here), and per room a new group
// whose session is open now, its facilitator first and then families, each joining through the
// real session page and its Join button.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { connectMongoose, disconnectMongoose } from '../../server/db/connect.ts';
import { startDatabase } from '../../server/db/engine.ts';
import { liveGroup } from '../../test/support/live.ts';
import { signInCookie } from '../../test/support/people.ts';
import { benchServerEnv, startServer, stopServer } from '../chat/server.ts';
import { cpuSampler } from './processCpu.ts';
import type { ComparedSystem } from './rooms.ts';

export async function startRinnallaSystem(
  workers: number,
): Promise<ComparedSystem & { url: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-bench-sfu-compare-'));
  const database = await startDatabase({
    uri: process.env.MONGODB_URI,
    dataDir: join(dataDir, 'db'),
  });
  const dbName = `bench_sfu_compare_${Date.now()}`;
  await connectMongoose(database.uri, dbName); // this process creates the people
  const server = await startServer(
    benchServerEnv(
      dataDir,
      { uri: database.uri, dbName },
      {
        SFU_WORKERS: String(workers),
        // Every bench person signs in from 127.0.0.1; a room's closed pages free it within a second.
        RATE_LIMIT_AUTH: '100000',
        RATE_LIMIT_WRITE_IP: '100000',
        RATE_LIMIT_WRITE_ACCOUNT: '100000',
        LIVE_RECONNECT_GRACE_SECONDS: '1',
      },
    ),
  );
  const url = server.url;
  const cpu = cpuSampler(server.child.pid!, database.pid ? [database.pid] : []);
  return {
    name: 'rinnalla',
    url,
    cpu,
    async stop() {
      await stopServer(server);
      await mongoose.connection.dropDatabase().catch(() => undefined);
      await disconnectMongoose();
      await database.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async room(size: number) {
      const live = await liveGroup(url, { families: size - 1 });
      const people = [live.staff.facilitator, ...live.families];
      return {
        async open(browser: Browser, index: number, probe: string): Promise<Page> {
          const person = people[index];
          if (!person) throw new Error(`no person ${index} in a room of ${size}`);
          const cookie = await signInCookie(url, person);
          const context = await browser.newContext({
            locale: 'en',
            viewport: { width: 1280, height: 800 },
          });
          try {
            await context.addCookies([{ name: cookie.name, value: cookie.value, url }]);
            await context.addInitScript({ content: probe });
            const page = await context.newPage();
            if (process.env.DEBUG_SFU_COMPARE) {
              page.on('console', (m) => console.log(`    [rinnalla ${index}] ${m.text()}`));
            }
            await page.goto(`${url}/sessions/${live.sessionId}`);
            // Ready as a person is: the device check shows their camera.
            await page.locator('[data-testid="prejoin"] video').waitFor();
            return page;
          } catch (error) {
            await context.close();
            throw error;
          }
        },
        async join(page: Page) {
          await page.getByTestId('join-button').click();
        },
      };
    },
  };
}

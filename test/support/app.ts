// Starts the real app in-process: real database, real mediasoup worker, listening on a free
// loopback port. What a test adds (socket features, fixture routes) comes in as options.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Router } from 'express';
import pino from 'pino';
import { Sfu } from '../../sfu/index.ts';
import { createApp, type App } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { backgroundSettled } from '../../server/platform/afterResponse.ts';
import { freePort } from '../../server/platform/ports.ts';
import { startTurn, type TurnRelay } from '../../server/media/turn/index.ts';
import type { Clock } from '../../server/reminders/runner.ts';
import type { RealtimeFeature } from '../../server/realtime/socket.ts';
import { useTestDatabase } from './database.ts';
import { testMediaRoom } from './mediaRoom.ts';

export interface TestApp {
  url: string;
  app: App;
  sfu: Sfu;
  log: pino.Logger;
  /** The coturn this app runs (with `turn: true`). */
  turn?: TurnRelay;
  close(): Promise<void>;
}

export interface TestAppOptions {
  label: string;
  extraFeatures?: (log: pino.Logger, sfu: Sfu) => RealtimeFeature[];
  /** Admit every signed-in socket with `auth.testRoom` to that media room (see mediaRoom.ts). */
  testMediaRoom?: boolean;
  /** 'ferretdb': on FerretDB even where the suite runs on MongoDB (test/support/database.ts). */
  database?: 'ferretdb';
  extraRoutes?: Router;
  env?: Record<string, string>;
  clock?: Clock;
  /** The address to listen on (and to put in PUBLIC_URL); 127.0.0.1 unless a test needs another. */
  host?: string;
  /** Start a real coturn as `npm start` does, allowed to relay to the loopback SFU (tests only). */
  turn?: boolean;
  /** The test database server reached another way (e.g. through test/support/wireCutter.ts). */
  databaseUri?: string;
}

export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  const dropDatabase = await useTestDatabase(options.label, {
    ...(options.database ? { on: options.database } : {}),
    ...(options.databaseUri ? { uri: options.databaseUri } : {}),
  });
  const port = await freePort();
  const host = options.host ?? '127.0.0.1';
  // Generous rate limits: every test talks from 127.0.0.1. Tests of the limits pass their own.
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_URL: `http://${host}:${port}`,
    SFU_WORKERS: '1',
    SFU_RTC_PORT: '0',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_AUTH: '100000',
    RATE_LIMIT_WRITE_IP: '100000',
    RATE_LIMIT_WRITE_ACCOUNT: '100000',
    ...options.env,
  });
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const sfu = await Sfu.start(config.sfu);
  const media = options.testMediaRoom ? testMediaRoom(sfu) : undefined;
  const turnDir = options.turn ? mkdtempSync(join(tmpdir(), 'rinnalla-test-turn-')) : undefined;
  const turn = turnDir
    ? await startTurn({ ...config, dataDir: turnDir, turn: { ...config.turn, port: 0 } }, log, {
        allowLoopbackPeers: true,
      })
    : undefined;
  const app = createApp({
    config,
    log,
    sfu,
    extraFeatures: [...(options.extraFeatures?.(log, sfu) ?? []), ...(media ? [media.admit] : [])],
    ...(media ? { mediaMembership: media.membership } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.extraRoutes ? { extraRoutes: options.extraRoutes } : {}),
    ...(turn?.service ? { turn: turn.service } : {}),
  });
  await app.listen(port, host);
  return {
    url: `http://${host}:${port}`,
    app,
    sfu,
    log,
    ...(turn ? { turn } : {}),
    async close() {
      await app.close();
      sfu.close();
      await turn?.coturn?.stop();
      if (turnDir) rmSync(turnDir, { recursive: true, force: true });
      await backgroundSettled(); // emails still being written after their answer
      await dropDatabase();
    },
  };
}

// A real Redis for multi-process tests: Debian's redis-server on a free loopback port, nothing
// written to disk, stopped after. `npm test` provisions it (scripts/provision/redis.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createClient } from 'redis';
import { freePort } from '../../server/platform/ports.ts';

export interface TestRedis {
  url: string;
  port: number;
  /** SIGKILL, as a crash or the out-of-memory killer would. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

function redisServerBin(): string {
  const candidates = [process.env.REDIS_SERVER_BIN, '/usr/bin/redis-server'];
  const found = candidates.find((bin): bin is string => !!bin && existsSync(bin));
  if (!found)
    throw new Error(
      'no redis-server: install the Debian package redis-server (as root `npm test` does) ' +
        'or set REDIS_SERVER_BIN',
    );
  return found;
}

async function answersPing(url: string): Promise<boolean> {
  // No reconnecting: one attempt, then the next poll.
  const client = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts redis-server and waits (at most 15 s) until it answers PING. */
export async function startRedis(samePort?: number): Promise<TestRedis> {
  const port = samePort ?? (await freePort());
  const child = spawn(
    redisServerBin(),
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  while (!(await answersPing(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`redis-server did not start on port ${port}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  };
  return { url, port, kill, stop: () => stopChild(child) };
}

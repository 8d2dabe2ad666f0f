// A weak mobile link made on this machine for a test: a network namespace joined to the host by
// a point-to-point link whose rate Linux `tc` limits (htb, both directions) and whose delay and
// loss linkEmulator.py adds (this kernel has no netem). A browser started inside the namespace
// reaches the test server only through that link. Needs root (namespaces, TUN devices, tc).
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const EMULATOR = fileURLToPath(new URL('./linkEmulator.py', import.meta.url));

export interface LinkShape {
  rateKbit: number;
  /** Added in each direction. */
  delayMs: number;
  lossPercent: number;
}

export interface LinkCounts {
  /** `dropped` by the shaped loss; `cut` while the network was gone (or a dead connection's). */
  down: { passed: number; dropped: number; cut: number };
  up: { passed: number; dropped: number; cut: number };
}

export interface WeakLink {
  /** The host's address on the link: what the browser inside connects to. */
  hostAddress: string;
  /** A Chromium executable that runs inside the namespace (for playwright's executablePath). */
  browserPath: string;
  shape(shape: LinkShape): Promise<void>;
  clear(): Promise<void>;
  /** The network is gone: nothing passes either way, and neither end is told (no FIN, no RST). */
  cut(): void;
  /**
   * The network is back. `newPath`: as after a move to another network, the TCP connections
   * open before stay dead (silently); only new ones get through.
   */
  heal(newPath?: boolean): void;
  counts(): Promise<LinkCounts>;
  close(): Promise<void>;
}

/** Why this machine cannot make the link (not root, no `ip`/`tc`/python3), or null. */
export function weakLinkUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'making a network namespace needs root';
  for (const tool of ['/usr/sbin/ip', '/usr/sbin/tc', '/usr/bin/python3', '/dev/net/tun']) {
    if (!existsSync(tool)) return `${tool} is missing`;
  }
  return null;
}

/** `tc` with its arguments written as on a command line, inside `namespace` when given. */
const tc = (command: string, namespace?: string) =>
  run('tc', [...(namespace ? ['-n', namespace] : []), ...command.split(' ')]);

async function tcClass(device: string, rateKbit: number, namespace?: string): Promise<void> {
  // Bursts of 1/50 s at the rate (at least one full packet).
  const burst = Math.max(1600, Math.round((rateKbit * 1000) / 8 / 50));
  const rate = `${rateKbit}kbit`;
  await tc(
    `class replace dev ${device} parent 1: classid 1:10 htb rate ${rate} ceil ${rate} burst ${burst}`,
    namespace,
  );
}

async function limitDevice(device: string, namespace?: string): Promise<void> {
  await tc(`qdisc add dev ${device} root handle 1: htb default 10`, namespace);
  await tcClass(device, 1_000_000, namespace);
  // A queue of 30 packets: a mobile link's buffer, short enough that audio is not seconds late.
  await tc(`qdisc add dev ${device} parent 1:10 handle 10: pfifo limit 30`, namespace);
}

export async function openWeakLink(chromium: string, seed = 17): Promise<WeakLink> {
  const id = process.pid % 10_000;
  const namespace = `rinnalla-weak-${id}`;
  const hostDevice = `rwh${id}`;
  const nsDevice = `rwn${id}`;
  const subnet = `10.231.${id % 250}`;
  const dir = mkdtempSync(join(tmpdir(), 'rinnalla-weak-'));
  let emulator: ChildProcessWithoutNullStreams | undefined;
  const close = async () => {
    emulator?.stdin.end();
    emulator?.kill();
    await run('ip', ['netns', 'del', namespace]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await run('ip', ['netns', 'del', namespace]).catch(() => undefined); // a crashed run's
    await run('ip', ['netns', 'add', namespace]);
    await run('ip', ['-n', namespace, 'link', 'set', 'lo', 'up']);
    emulator = spawn('/usr/bin/python3', [EMULATOR, hostDevice, namespace, nsDevice, String(seed)]);
    const lines = createInterface({ input: emulator.stdout })[Symbol.asyncIterator]();
    const stderr: string[] = [];
    emulator.stderr.on('data', (d: Buffer) => stderr.push(d.toString()));
    const first = await lines.next();
    if (first.value !== 'ready') throw new Error(`link emulator did not start: ${stderr.join('')}`);
    await run('ip', ['addr', 'add', `${subnet}.1/30`, 'dev', hostDevice]);
    await run('ip', ['link', 'set', hostDevice, 'up']);
    await run('ip', ['-n', namespace, 'addr', 'add', `${subnet}.2/30`, 'dev', nsDevice]);
    await run('ip', ['-n', namespace, 'link', 'set', nsDevice, 'up']);
    await limitDevice(hostDevice);
    await limitDevice(nsDevice, namespace);
    const browserPath = join(dir, 'chromium-in-namespace');
    writeFileSync(browserPath, `#!/bin/sh\nexec ip netns exec ${namespace} ${chromium} "$@"\n`);
    chmodSync(browserPath, 0o755);
    const input = emulator.stdin;
    const say = (line: string) => void input.write(`${line}\n`);
    return {
      hostAddress: `${subnet}.1`,
      browserPath,
      async shape({ rateKbit, delayMs, lossPercent }) {
        await tcClass(hostDevice, rateKbit);
        await tcClass(nsDevice, rateKbit, namespace);
        say(`shape ${delayMs} ${lossPercent}`);
      },
      async clear() {
        await tcClass(hostDevice, 1_000_000);
        await tcClass(nsDevice, 1_000_000, namespace);
        say('clear');
      },
      cut: () => say('cut'),
      heal: (newPath = false) => say(newPath ? 'heal-new' : 'heal'),
      async counts() {
        say('stats');
        const next = await lines.next();
        return JSON.parse(String(next.value)) as LinkCounts;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

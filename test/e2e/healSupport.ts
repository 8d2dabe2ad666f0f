// For the [heal-*] tests: the platform as `npm start` runs it (its own FerretDB under DATA_DIR),
// the embedded database's process found by its data folder, and chat members that send through
// the product's own delivery code (client/src/features/chat/delivery.ts: the persisted outbox,
// client ids, retries) over a Socket.IO connection — in Node, with the browser's two globals it
// needs (window timers and localStorage) provided.
import { readdirSync, readFileSync } from 'node:fs';
import type { ChatMessage } from '../../server/protocol/chat.ts';
import { Delivery } from '../../client/src/features/chat/delivery.ts';
import type { ClientSocket } from '../../client/src/lib/socketRequest.ts';
import { must, type TestSocket } from '../support/live.ts';
import {
  startServerProcess,
  UNLIMITED_REQUESTS,
  type ServerProcess,
} from '../support/serverProcess.ts';

class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

export function browserGlobals(): void {
  const scope = globalThis as unknown as { window?: unknown; localStorage?: unknown };
  scope.window ??= globalThis;
  scope.localStorage ??= new MemoryStorage();
}

/** The platform with its embedded database in `dataDir`; the URI it logged. */
export async function startEmbedded(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ server: ServerProcess; databaseUri: string }> {
  if (process.env.MONGODB_URI)
    throw new Error('[heal] needs the embedded database: unset MONGODB_URI');
  const server = await startServerProcess(
    {
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      MONGODB_DB: 'heal',
      SEED_DEMO_DATA: 'false',
      CHAT_MESSAGES_PER_MINUTE: '6000',
      ...UNLIMITED_REQUESTS,
      // info: the line that names the database's address.
      LOG_LEVEL: 'info',
      ...env,
    },
    { timeoutMs: 90_000 },
  );
  const found = /at (mongodb:\/\/127\.0\.0\.1:\d+\/)/.exec(server.output());
  if (!found?.[1]) {
    await server.stop();
    throw new Error(`no database URI in the output:\n${server.output()}`);
  }
  return { server, databaseUri: found[1] };
}

/** The pid of the FerretDB whose files are in `dataDir` (none while it is down). */
export function ferretdbPid(dataDir: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (/\) Z /.test(stat)) continue; // a zombie is gone
      if (cmdline.includes('ferretdb') && cmdline.includes(`--state-dir=${dataDir}`))
        return Number(entry);
    } catch {
      // It went away while we looked.
    }
  }
  return undefined;
}

export async function readyz(url: string): Promise<{ status: number; body: ReadyBody }> {
  const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: (await res.json()) as ReadyBody };
}
export interface ReadyBody {
  status: string;
  database: boolean;
  down: { part: string; reason: string }[];
}

/** One member of the group, sending with the product's delivery code. */
export class Member {
  readonly received = new Map<string, ChatMessage>();
  readonly acked = new Map<string, ChatMessage>();
  readonly sentTexts: string[] = [];
  disconnects = 0;
  private readonly delivery: Delivery;
  private readonly channelId: string;

  constructor(
    readonly socket: TestSocket,
    personId: string,
    channelId: string,
  ) {
    this.channelId = channelId;
    browserGlobals();
    this.delivery = new Delivery(personId, socket as unknown as ClientSocket, {
      changed: () => undefined,
      sent: (message) => {
        this.acked.set(message.clientId, message);
        this.received.set(message.clientId, message);
      },
    });
    socket.on('chat:message', (message: ChatMessage) => {
      this.received.set(message.clientId, message);
      this.delivery.arrived(message.clientId);
    });
    socket.on('disconnect', () => (this.disconnects += 1));
    // As ChatClient does on every (re)connect: subscribe again and send what is waiting.
    socket.on('connect', () => void this.subscribe().then(() => this.delivery.flush()));
  }

  subscribe() {
    return must(this.socket, 'chat:subscribe', { channelIds: [this.channelId] });
  }

  send(text: string): void {
    this.sentTexts.push(text);
    this.delivery.send(this.channelId, text, false);
  }

  get waiting(): number {
    return this.delivery.entries().length;
  }

  retrying(): number {
    return this.delivery.entries().filter((e) => e.status === 'retrying').length;
  }

  close(): void {
    this.delivery.close();
    this.socket.disconnect();
  }
}

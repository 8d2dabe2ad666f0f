// Which server process hosts a live session, when several run behind one address (REDIS_URL).
//
// Design: a session is owned by one process at a time, claimed in Redis with a short lease
// (`SET NX PX`, renewed every third of the lease by a compare-and-set script; released the same
// way). Every process accepts sockets; a `live:join` reaching a process that does not own the
// session is answered `{ state: 'elsewhere', nodeUrl }` and the browser opens its live socket to
// the owner's own address (RINNALLA_NODE_URL: e.g. https://rinnalla.example/node/b behind the
// reverse proxy, or the process's own host and port). Signalling and media then go to one
// process, whose SFU the browser reaches directly — nothing is relayed between processes, so a
// live session behaves exactly as it does with one process. If the owner dies, its lease runs
// out (LIVE_LEASE_MS) and the next join — the browsers' reconnect — claims it somewhere else.
//
// The owner also publishes a summary per session (participants, admitted people) with a TTL:
// dashboards on every process read the counts from there, and a process taking a session over
// re-admits the people the previous owner had admitted, without a second lobby.
//
// Without Redis the single process owns everything, as before.
//
// Adding a process or a machine: point it at the same MongoDB and REDIS_URL, give it its own
// RINNALLA_NODE_URL (a path on the shared address the proxy sends only to it, prefix stripped:
// `location /node/b/ { proxy_pass http://10.0.0.2:3000/; }` with the WebSocket upgrade headers)
// and its own SFU ports (SFU_RTC_PORT, SFU_ANNOUNCED_ADDRESS reachable by browsers), add it to
// the proxy's upstream for everything else (health check /readyz), and start it. New sessions
// land wherever their first person arrives; SIGTERM (a deploy) hands running ones over.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { RedisClient } from '../realtime/redis.ts';

export interface SessionSummaryRecord {
  nodeUrl: string;
  participants: number;
  /**
   * Person ids in the video (admitted, not observers): a process taking over after this one died
   * records them as having left then, and re-admits them directly when they come back.
   */
  admitted: string[];
}

export type Claim =
  { mine: true; previous: SessionSummaryRecord | null } | { mine: false; nodeUrl: string | null };

// Renews a lease held; takes it again when its key is gone (Redis restarted without its data, or
// the lease ran out while this process stalled and nobody claimed it): the session goes on here
// instead of moving everyone. Taken by another process: 0, the session is given up.
const RENEW = `local v = redis.call('get', KEYS[1])
if v == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
if v == false then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const ENDED_TTL_MS = 24 * 60 * 60 * 1000;

export interface OwnershipOptions {
  leaseMs: number;
  /** This process's own address for browsers (resolved after listen when PORT=0). */
  nodeUrl: () => string;
  /** The summaries of the sessions this process hosts now. */
  summaries: () => Map<string, Omit<SessionSummaryRecord, 'nodeUrl'>>;
  /** A session whose lease this process lost (it stalled, or Redis lost the key). */
  lost: (sessionId: string) => void;
  prefix?: string;
}

export class LiveOwnership {
  readonly nodeId = randomBytes(6).toString('hex');
  /** Set on SIGTERM: no new sessions are claimed here. */
  draining = false;
  private readonly owned = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly prefix: string;

  constructor(
    private client: RedisClient | undefined,
    private readonly log: Logger,
    private readonly options: OwnershipOptions,
  ) {
    this.prefix = options.prefix ?? 'rinnalla:live:';
  }

  get shared(): boolean {
    return this.client !== undefined;
  }

  private ownerKey = (id: string) => `${this.prefix}owner:${id}`;
  private summaryKey = (id: string) => `${this.prefix}summary:${id}`;
  private endedKey = (id: string) => `${this.prefix}ended:${id}`;
  private get value() {
    return `${this.nodeId}|${this.options.nodeUrl()}`;
  }

  /** Shares ownership through this Redis connection from now on. */
  attach(client: RedisClient): void {
    this.client = client;
  }

  start(): void {
    if (!this.client) return;
    const every = Math.max(200, Math.floor(this.options.leaseMs / 3));
    this.timer = setInterval(() => void this.renew(), every);
    this.timer.unref();
  }

  /** Claims the session, or says who has it (nodeUrl null: nobody may take it here now). */
  async claim(sessionId: string): Promise<Claim> {
    const client = this.client;
    if (!client) return { mine: true, previous: null };
    if (this.owned.has(sessionId)) return { mine: true, previous: null };
    if (this.draining) {
      const owner = await client.get(this.ownerKey(sessionId));
      return { mine: false, nodeUrl: owner && owner !== this.value ? urlOf(owner) : null };
    }
    const set = await client.set(this.ownerKey(sessionId), this.value, {
      condition: 'NX',
      expiration: { type: 'PX', value: this.options.leaseMs },
    });
    if (set !== 'OK') {
      const owner = await client.get(this.ownerKey(sessionId));
      if (owner === this.value) {
        this.owned.add(sessionId);
        return { mine: true, previous: null };
      }
      return { mine: false, nodeUrl: owner ? urlOf(owner) : null };
    }
    this.owned.add(sessionId);
    const previous = await client.get(this.summaryKey(sessionId));
    this.log.info({ session: sessionId, node: this.nodeId }, 'live session claimed');
    return { mine: true, previous: previous ? parseSummary(previous) : null };
  }

  async release(sessionId: string): Promise<void> {
    if (!this.client || !this.owned.delete(sessionId)) return;
    await this.client
      .multi()
      .eval(RELEASE, { keys: [this.ownerKey(sessionId)], arguments: [this.value] })
      .del(this.summaryKey(sessionId))
      .exec()
      .catch((error: unknown) => this.log.warn({ err: error }, 'live lease not released'));
  }

  async markEnded(sessionId: string): Promise<void> {
    await this.client?.set(this.endedKey(sessionId), '1', {
      expiration: { type: 'PX', value: ENDED_TTL_MS },
    });
  }

  async wasEnded(sessionId: string): Promise<boolean> {
    return this.client ? (await this.client.exists(this.endedKey(sessionId))) > 0 : false;
  }

  /** Participants in a session hosted by any process (0 when it is not live anywhere). */
  async participants(sessionId: string): Promise<number> {
    const raw = await this.client?.get(this.summaryKey(sessionId)).catch(() => null);
    return raw ? (parseSummary(raw)?.participants ?? 0) : 0;
  }

  /** Renews every lease held here and refreshes the summaries; a lease taken is given up. */
  private async renew(): Promise<void> {
    const client = this.client;
    if (!client || this.owned.size === 0) return;
    const summaries = this.options.summaries();
    const leaseMs = String(this.options.leaseMs);
    for (const sessionId of [...this.owned]) {
      try {
        const kept = await client.eval(RENEW, {
          keys: [this.ownerKey(sessionId)],
          arguments: [this.value, leaseMs],
        });
        if (kept !== 1) {
          this.owned.delete(sessionId);
          this.log.warn({ session: sessionId }, 'live session lease lost');
          this.options.lost(sessionId);
          continue;
        }
        const summary = summaries.get(sessionId);
        if (!summary) continue;
        await client.set(
          this.summaryKey(sessionId),
          JSON.stringify({ ...summary, nodeUrl: this.options.nodeUrl() }),
          // Outlives the lease: a process taking over still finds whom to re-admit.
          { expiration: { type: 'PX', value: this.options.leaseMs * 4 } },
        );
      } catch (error) {
        this.log.warn({ err: error, session: sessionId }, 'live lease renewal failed');
      }
    }
  }

  /** Every session this process holds now. */
  held(): string[] {
    return [...this.owned];
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

const urlOf = (value: string) => value.slice(value.indexOf('|') + 1) || null;

function parseSummary(raw: string): SessionSummaryRecord | null {
  try {
    return JSON.parse(raw) as SessionSummaryRecord;
  } catch {
    return null;
  }
}

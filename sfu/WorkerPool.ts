// One mediasoup worker per core, each with one WebRtcServer (all of a worker's WebRTC
// transports share its port). A worker that dies is replaced on the same slot.
import { EventEmitter } from 'node:events';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import type { SfuOptions } from './options.ts';

export interface PooledWorker {
  slot: number;
  worker: types.Worker;
  webRtcServer: types.WebRtcServer;
  /** Routers on this worker, for picking the least loaded one. */
  routers: number;
  /** Consumers of peers on this worker's routers (pipe consumers not counted). */
  consumers: number;
}

/** Fewer consumers first, then fewer routers. */
export const byLoad = (a: PooledWorker, b: PooledWorker): number =>
  a.consumers - b.consumers || a.routers - b.routers;

interface WorkerPoolEvents {
  workerDied: [{ slot: number; pid: number; error: Error }];
  workerReplaced: [{ slot: number; pid: number }];
  replaceFailed: [{ slot: number; error: Error }];
}

export class WorkerPool extends EventEmitter<WorkerPoolEvents> {
  private readonly slots: (PooledWorker | undefined)[] = [];
  private closed = false;

  constructor(private readonly options: SfuOptions) {
    super();
  }

  async start(): Promise<void> {
    for (let slot = 0; slot < this.options.workers; slot += 1) {
      this.slots[slot] = await this.createWorker(slot);
    }
  }

  private async createWorker(slot: number): Promise<PooledWorker> {
    const worker = await mediasoup.createWorker({ logLevel: this.options.logLevel ?? 'warn' });
    const listen = (protocol: 'udp' | 'tcp'): types.TransportListenInfo => ({
      protocol,
      ip: this.options.listenIp,
      ...(this.options.announcedAddress ? { announcedAddress: this.options.announcedAddress } : {}),
      ...(this.options.rtcPort > 0 ? { port: this.options.rtcPort + slot } : {}),
    });
    const webRtcServer = await worker.createWebRtcServer({
      listenInfos: [listen('udp'), listen('tcp')],
    });
    const pooled: PooledWorker = { slot, worker, webRtcServer, routers: 0, consumers: 0 };
    worker.on('died', (error) => void this.replace(pooled, error));
    return pooled;
  }

  private async replace(dead: PooledWorker, error: Error): Promise<void> {
    if (this.closed || this.slots[dead.slot] !== dead) return;
    this.slots[dead.slot] = undefined;
    this.emit('workerDied', { slot: dead.slot, pid: dead.worker.pid, error });
    // Retry a few times: the dead worker's port may take a moment to be released.
    for (let attempt = 1; attempt <= 5 && !this.closed; attempt += 1) {
      // Wait first: a worker killed by the terminal's Ctrl-C dies just before the pool is closed.
      await new Promise((r) => setTimeout(r, 200 * attempt));
      if (this.closed) return;
      try {
        const fresh = await this.createWorker(dead.slot);
        if (this.closed) {
          fresh.worker.close();
          return;
        }
        this.slots[dead.slot] = fresh;
        this.emit('workerReplaced', { slot: dead.slot, pid: fresh.worker.pid });
        return;
      } catch (replaceError) {
        if (attempt === 5)
          this.emit('replaceFailed', { slot: dead.slot, error: replaceError as Error });
      }
    }
  }

  get stopping(): boolean {
    return this.closed;
  }

  /** The live worker with the fewest consumers, then the fewest routers. */
  leastLoaded(): PooledWorker {
    const best = this.alive().sort(byLoad)[0];
    if (!best) throw new Error('no live mediasoup worker');
    return best;
  }

  alive(): PooledWorker[] {
    return this.slots.filter((w): w is PooledWorker => !!w && !w.worker.closed && !w.worker.died);
  }

  close(): void {
    this.closed = true;
    for (const pooled of this.slots) pooled?.worker.close();
  }
}

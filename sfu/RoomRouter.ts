// One of a room's routers: a room that outgrows its share of a worker gets one router on each
// worker it uses. Producers live on the router of the peer that sends them; a consumer on another
// router receives a copy piped there with pipeToRouter, made on demand and only once per router.
// mediasoup ties the copy to the original: it pauses, resumes and closes with it, and so do the
// consumers of the copy.
import type { types } from 'mediasoup';
import type { PeerPlacement } from './SfuPeer.ts';
import type { PooledWorker } from './WorkerPool.ts';

export class RoomRouter implements PeerPlacement {
  /** Consumers of this room's peers on this router. */
  consumers = 0;
  /** Peers placed here that have not consumed anything yet (their load is still to come). */
  readonly unsettled = new Set<string>();
  /** Producers piped here from the room's other routers (by the original producer's id). */
  private readonly piped = new Map<string, Promise<void>>();

  constructor(
    readonly router: types.Router,
    readonly host: PooledWorker,
  ) {
    host.routers += 1;
    router.observer.once('close', () => {
      host.routers -= 1;
      host.consumers = Math.max(0, host.consumers - this.consumers);
      this.consumers = 0;
    });
  }

  get webRtcServer(): types.WebRtcServer {
    return this.host.webRtcServer;
  }

  get slot(): number {
    return this.host.slot;
  }

  consumerOpened(peerId: string): void {
    this.consumers += 1;
    this.host.consumers += 1;
    this.unsettled.delete(peerId);
  }

  consumerClosed(): void {
    if (this.router.closed) return; // counted down all at once when the router closed
    this.consumers = Math.max(0, this.consumers - 1);
    this.host.consumers = Math.max(0, this.host.consumers - 1);
  }

  /** Producers piped into this router now (for tests and figures). */
  get pipedProducers(): number {
    return this.piped.size;
  }

  /** Makes `producer`, which lives on `source`, consumable here (piping it once). */
  async reach(producer: types.Producer, source: RoomRouter): Promise<void> {
    if (source === this) return;
    let pending = this.piped.get(producer.id);
    if (!pending) {
      pending = source.router
        .pipeToRouter({ producerId: producer.id, router: this.router })
        .then(({ pipeProducer }) => {
          // Closed with the original (or this router): a later consumer pipes it afresh.
          pipeProducer?.observer.once('close', () => this.piped.delete(producer.id));
        });
      this.piped.set(producer.id, pending);
      pending.catch(() => this.piped.delete(producer.id));
    }
    await pending;
  }
}

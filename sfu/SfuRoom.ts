// One router for one live meeting; it knows peers and media, nothing about users or groups.
import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import { SfuPeer } from './SfuPeer.ts';
import type { PooledWorker } from './WorkerPool.ts';

export class SfuRoom extends EventEmitter<{ closed: [] }> {
  readonly peers = new Map<string, SfuPeer>();
  closed = false;

  constructor(
    readonly id: string,
    readonly router: types.Router,
    readonly host: PooledWorker,
  ) {
    super();
    host.routers += 1;
    router.observer.once('close', () => this.close());
  }

  get rtpCapabilities(): types.RtpCapabilities {
    return this.router.rtpCapabilities;
  }

  /** Adds a peer, replacing (and closing) an older one with the same id. */
  addPeer(peerId: string): SfuPeer {
    this.peers.get(peerId)?.close();
    const peer = new SfuPeer(peerId, {
      router: this.router,
      webRtcServer: this.host.webRtcServer,
      findProducer: (producerId) => this.findProducer(producerId),
    });
    this.peers.set(peerId, peer);
    return peer;
  }

  removePeer(peerId: string): void {
    this.peers.get(peerId)?.close();
    this.peers.delete(peerId);
  }

  findProducer(producerId: string): types.Producer | undefined {
    for (const peer of this.peers.values()) {
      const producer = peer.producers.get(producerId);
      if (producer) return producer;
    }
    return undefined;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.host.routers -= 1;
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    if (!this.router.closed) this.router.close();
    this.emit('closed');
  }
}

import type { types } from 'mediasoup';

export interface SfuOptions {
  /** Number of mediasoup workers (processes); one per CPU core is the usual choice. */
  workers: number;
  /** IP the WebRTC servers listen on. */
  listenIp: string;
  /** Public address (IP or hostname) put into ICE candidates, when it differs from listenIp. */
  announcedAddress?: string | undefined;
  /** UDP/TCP port of worker 0's WebRtcServer; worker i uses rtcPort + i. 0 = any free port. */
  rtcPort: number;
  logLevel?: types.WorkerLogLevel;
  /**
   * Consumers one worker is taken to carry (mediasoup's guide: about 500 per core; the capacity
   * bench measures this machine). Default DEFAULT_CONSUMERS_PER_WORKER.
   */
  consumersPerWorker?: number | undefined;
  /**
   * Share of a worker's consumers one room may hold on one router before new peers of that room
   * go to a router on another worker (piped with pipeToRouter). Default DEFAULT_ROOM_SHARE.
   */
  roomShareOfWorker?: number | undefined;
}

export const DEFAULT_CONSUMERS_PER_WORKER = 500;
export const DEFAULT_ROOM_SHARE = 0.5;

/** Consumers of one room on one router at which its next peers are placed on another worker. */
export function spreadThreshold(options: SfuOptions): number {
  const perWorker = options.consumersPerWorker ?? DEFAULT_CONSUMERS_PER_WORKER;
  const share = options.roomShareOfWorker ?? DEFAULT_ROOM_SHARE;
  return Math.max(1, Math.floor(perWorker * share));
}

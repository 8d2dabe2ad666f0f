// The SFU's small typed API surface (plain data that crosses to clients).
import type { types } from 'mediasoup';

export type MediaDirection = 'send' | 'recv';
export type MediaSource = 'camera' | 'microphone' | 'screen';

export interface TransportOptions {
  id: string;
  iceParameters: types.IceParameters;
  iceCandidates: types.IceCandidate[];
  dtlsParameters: types.DtlsParameters;
}

export interface ProduceRequest {
  transportId: string;
  kind: types.MediaKind;
  rtpParameters: types.RtpParameters;
  source: MediaSource;
}

export interface ConsumerOptions {
  id: string;
  producerId: string;
  producerPeerId: string;
  kind: types.MediaKind;
  rtpParameters: types.RtpParameters;
}

/**
 * Counts of what the SFU holds, for leak checks (the soak, /metrics): the room objects it keeps
 * and, from the workers themselves (worker.dump()), the routers and the request handlers every
 * router, transport, producer, consumer and observer registers — so something closed on this
 * side but still alive in a worker is counted too.
 */
/** What `Sfu.stats()` counts, in the order reports list them. */
export const SFU_OBJECT_KINDS = [
  'rooms',
  'peers',
  'transports',
  'producers',
  'consumers',
  'workerRouters',
  'workerHandlers',
] as const;

export interface SfuStats {
  rooms: number;
  peers: number;
  transports: number;
  producers: number;
  consumers: number;
  workerRouters: number;
  workerHandlers: number;
}

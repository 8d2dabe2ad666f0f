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

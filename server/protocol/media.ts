// Media signalling payloads, shared by the server's handlers and the client's media layer.
// Parameter objects (DTLS, RTP) are checked for shape here; mediasoup checks them in depth.
import { z } from 'zod';
import type { types } from 'mediasoup';

const id = z.string().min(1).max(64);
const looseObject = z.record(z.string(), z.unknown());

export const mediaSchemas = {
  'media:capabilities': z.object({}).strict(),
  'media:createTransport': z.object({ direction: z.enum(['send', 'recv']) }).strict(),
  'media:connectTransport': z
    .object({
      transportId: id,
      dtlsParameters: z
        .object({
          role: z.enum(['auto', 'client', 'server']).optional(),
          fingerprints: z
            .array(z.object({ algorithm: z.string().max(20), value: z.string().max(200) }).strict())
            .min(1)
            .max(8),
        })
        .strict(),
    })
    .strict(),
  'media:produce': z
    .object({
      transportId: id,
      kind: z.enum(['audio', 'video']),
      source: z.enum(['camera', 'microphone', 'screen']),
      rtpParameters: looseObject,
    })
    .strict(),
  'media:consume': z
    .object({ transportId: id, producerId: id, rtpCapabilities: looseObject })
    .strict(),
  'media:resumeConsumer': z.object({ consumerId: id }).strict(),
  'media:restartIce': z.object({ transportId: id }).strict(),
  'media:closeProducer': z.object({ producerId: id }).strict(),
} as const;

/** A TURN relay with short-lived credentials (RTCIceServer's shape). */
export interface IceServer {
  urls: string[];
  username: string;
  credential: string;
}

export interface TransportInfo {
  id: string;
  iceParameters: types.IceParameters;
  iceCandidates: types.IceCandidate[];
  dtlsParameters: types.DtlsParameters;
  /** TURN relays for this participant (empty when none is configured). */
  iceServers: IceServer[];
}

export interface ConsumerInfo {
  id: string;
  producerId: string;
  producerPeerId: string;
  kind: types.MediaKind;
  rtpParameters: types.RtpParameters;
}

export interface MediaResponses {
  'media:capabilities': { routerRtpCapabilities: types.RtpCapabilities };
  'media:createTransport': TransportInfo;
  'media:connectTransport': null;
  'media:produce': { producerId: string };
  'media:consume': ConsumerInfo;
  'media:resumeConsumer': null;
  /** Fresh TURN credentials too: the ones from joining may have expired since. */
  'media:restartIce': { iceParameters: types.IceParameters; iceServers: IceServer[] };
  'media:closeProducer': null;
}

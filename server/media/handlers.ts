// Media signalling: capabilities, transports, produce, consume. Which room and peer a socket
// may use is decided by the feature that admitted it (a live session, a device check…);
// these handlers only ever touch that peer's own objects.
import type { types } from 'mediasoup';
import type { Logger } from 'pino';
import type { SfuPeer, SfuRoom } from '../../sfu/index.ts';
import { RequestError } from '../errors.ts';
import { handle } from '../realtime/handle.ts';
import type { RealtimeFeature, RealtimeSocket } from '../realtime/socket.ts';
import type { TurnService } from './turn/credentials.ts';

export interface MediaMembership {
  room: SfuRoom;
  peer: SfuPeer;
  /** Whether this peer may receive a producer (absent: any in the room). */
  mayConsume?: (producerId: string) => boolean;
}

export type MembershipOf = (
  socket: RealtimeSocket,
) => MediaMembership | undefined | Promise<MediaMembership | undefined>;

/**
 * `turn`: TURN credentials go only to a socket with a membership (in the product: an admitted
 * live participant), named by its SFU peer id, which is opaque — never the person's id.
 */
export function mediaFeature(
  log: Logger,
  membershipOf: MembershipOf,
  turn?: TurnService,
): RealtimeFeature {
  return (socket) => {
    const member = async () => {
      const membership = await membershipOf(socket);
      if (!membership || membership.peer.closed) throw new RequestError('media.not-in-room');
      return membership;
    };

    handle(socket, log, 'media:capabilities', async () => ({
      routerRtpCapabilities: (await member()).room.rtpCapabilities,
    }));

    handle(socket, log, 'media:createTransport', async ({ direction }) => {
      const { peer } = await member();
      const info = await peer.createWebRtcTransport(direction);
      return { ...info, iceServers: turn?.iceServers(peer.id) ?? [] };
    });

    handle(socket, log, 'media:connectTransport', async ({ transportId, dtlsParameters }) => {
      await (
        await member()
      ).peer.connectTransport(transportId, dtlsParameters as types.DtlsParameters);
      return null;
    });

    handle(socket, log, 'media:produce', async ({ transportId, kind, source, rtpParameters }) => {
      const producer = await (
        await member()
      ).peer.produce({
        transportId,
        kind,
        source,
        rtpParameters: rtpParameters as unknown as types.RtpParameters,
      });
      return { producerId: producer.id };
    });

    handle(socket, log, 'media:consume', async ({ transportId, producerId, rtpCapabilities }) => {
      const { peer, mayConsume } = await member();
      if (mayConsume && !mayConsume(producerId)) throw new RequestError('media.not-for-you', 403);
      return peer.consume(transportId, producerId, rtpCapabilities as types.RtpCapabilities);
    });

    handle(socket, log, 'media:resumeConsumer', async ({ consumerId }) => {
      await (await member()).peer.resumeConsumer(consumerId);
      return null;
    });

    handle(socket, log, 'media:closeProducer', async ({ producerId }) => {
      (await member()).peer.closeProducer(producerId);
      return null;
    });

    handle(socket, log, 'media:restartIce', async ({ transportId }) => {
      const { peer } = await member();
      const iceParameters = await peer.restartIce(transportId);
      return { iceParameters, iceServers: turn?.iceServers(peer.id) ?? [] };
    });
  };
}

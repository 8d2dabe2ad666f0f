// How long joining media takes on the server side: a room (router) and a peer's two transports.
import { Sfu } from '../sfu/index.ts';
import { measure, type Measurement } from './stats.ts';

export async function sfuBenchmarks(): Promise<Measurement[]> {
  const sfu = await Sfu.start({ workers: 1, listenIp: '127.0.0.1', rtcPort: 0 });
  try {
    let n = 0;
    const roomAndTransports = await measure(
      'sfu: new room + send and receive transports',
      50,
      async () => {
        const room = await sfu.getOrCreateRoom(`bench-${(n += 1)}`);
        const peer = room.addPeer('p');
        await peer.createWebRtcTransport('send');
        await peer.createWebRtcTransport('recv');
        room.close();
      },
    );
    const shared = await sfu.getOrCreateRoom('shared');
    let p = 0;
    const joinExisting = await measure(
      'sfu: peer joins an existing room (two transports)',
      100,
      async () => {
        const peer = shared.addPeer(`p${(p += 1)}`);
        await peer.createWebRtcTransport('send');
        await peer.createWebRtcTransport('recv');
      },
    );
    return [roomAndTransports, joinExisting];
  } finally {
    sfu.close();
  }
}

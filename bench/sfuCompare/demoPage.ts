// A bare client for the official mediasoup-demo server: its protoo protocol (JSON requests,
// responses and notifications over a WebSocket with the 'protoo' subprotocol) and the steps of
// its app's RoomClient.js in the same order — _joinRoom() with produce and consume on, data
// channels off (Rinnalla has none), then enableMic() and enableWebcam() with their codec
// options and the default three VP8 simulcast layers at 640×480. Each remote track plays in a
// media element, as the demo app's PeerView does. Bundled by the bench with esbuild.
import { Device } from 'mediasoup-client';
import type { Transport } from 'mediasoup-client/types';
import { pageWindow, type Track } from './pageGlobals.ts';
import type { Probe } from './probe.ts';

type Handler = (data: Record<string, unknown>) => Promise<void>;

/** protoo-client's Peer, reduced to what RoomClient uses. */
class ProtooPeer {
  private readonly pending = new Map<
    number,
    { resolve(data: unknown): void; reject(e: Error): void }
  >();
  private readonly socket;
  readonly opened: Promise<void>;

  constructor(
    url: string,
    private readonly onRequest: Record<string, Handler>,
  ) {
    this.socket = new pageWindow.WebSocket(url, 'protoo');
    this.opened = new Promise((resolve) => this.socket.addEventListener('open', resolve));
    this.socket.addEventListener('message', ({ data }) => void this.received(String(data)));
  }

  private async received(raw: string): Promise<void> {
    const message = JSON.parse(raw) as Record<string, unknown> & { id: number; method: string };
    if (message.response) {
      const sent = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) sent?.resolve(message.data);
      else sent?.reject(new Error(String(message.errorReason)));
    } else if (message.request) {
      const handler = this.onRequest[message.method];
      try {
        if (!handler) throw new Error(`no handler for ${message.method}`);
        await handler(message.data as Record<string, unknown>);
        this.send({ response: true, id: message.id, ok: true, data: {} });
      } catch (error) {
        this.send({ response: true, id: message.id, errorCode: 500, errorReason: String(error) });
      }
    } // notifications (scores, active speaker, new peers…) change nothing here
  }

  private send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  request<T = Record<string, unknown>>(method: string, data: unknown = {}): Promise<T> {
    const id = Math.round(Math.random() * 10_000_000);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (data: unknown) => void, reject });
      this.send({ request: true, id, method, data });
    });
  }
}

function play(track: Track): void {
  const element = pageWindow.document.createElement(track.kind === 'video' ? 'video' : 'audio');
  element.muted = track.kind === 'video';
  element.autoplay = true;
  element.playsInline = true;
  element.srcObject = new pageWindow.MediaStream([track]);
  pageWindow.document.body.append(element);
  void element.play().catch(() => undefined);
}

interface TransportInfo {
  id: string;
  iceParameters: never;
  iceCandidates: never;
  dtlsParameters: { role?: string };
}

async function join(): Promise<void> {
  const params = new URLSearchParams(pageWindow.location.search);
  const device = new Device();
  // Filled before 'join': the server sends newConsumer requests only after it.
  const receiving: { transport?: Transport } = {};
  const protoo = new ProtooPeer(
    `${params.get('ws')}/?roomId=${params.get('roomId')}&peerId=${params.get('peerId')}&consumerReplicas=0`,
    {
      async newConsumer(data) {
        const recvTransport = receiving.transport;
        if (!recvTransport) throw new Error('no receive transport');
        const appData = (data.appData ?? {}) as Record<string, unknown>;
        const consumer = await recvTransport.consume({
          id: String(data.id),
          producerId: String(data.producerId),
          kind: data.kind as 'audio' | 'video',
          rtpParameters: data.rtpParameters as never,
          streamId: `${String(data.peerId)}-${appData.share ? 'share' : 'mic-webcam'}`,
          appData: { ...appData, peerId: data.peerId },
        });
        play(consumer.track as unknown as Track);
      },
    },
  );
  await protoo.opened; // RoomClient joins on the protoo 'open' event
  const routerRtpCapabilities = await protoo.request('getRouterRtpCapabilities');
  await device.load({ routerRtpCapabilities: routerRtpCapabilities as never });
  // RoomClient's "autoplay hack": a muted microphone track held for two minutes.
  const hack = await pageWindow.navigator.mediaDevices.getUserMedia({ audio: true });
  const hackTrack = hack.getAudioTracks()[0];
  if (hackTrack) hackTrack.enabled = false;
  setTimeout(() => hackTrack?.stop(), 120_000);

  const transport = async (producing: boolean) => {
    const info = await protoo.request<TransportInfo>('createWebRtcTransport', {
      forceTcp: false,
      producing,
      consuming: !producing,
    });
    const options = {
      ...info,
      dtlsParameters: { ...info.dtlsParameters, role: 'auto' } as never,
      iceServers: [],
    };
    const created = producing
      ? device.createSendTransport(options)
      : device.createRecvTransport(options);
    created.on('connect', ({ dtlsParameters }, callback, errback) => {
      protoo
        .request('connectWebRtcTransport', { transportId: created.id, dtlsParameters })
        .then(() => callback(), errback);
    });
    return created;
  };
  const sendTransport = await transport(true);
  sendTransport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
    protoo
      .request<{ id: string }>('produce', {
        transportId: sendTransport.id,
        kind,
        rtpParameters,
        appData,
      })
      .then(({ id }) => callback({ id }), errback);
  });
  receiving.transport = await transport(false);
  await protoo.request('join', {
    displayName: params.get('peerId'),
    device: { flag: 'chrome', name: 'Chrome', version: '0' },
    rtpCapabilities: device.rtpCapabilities,
  });
  // As RoomClient: both started, neither awaited before the other.
  void enableMic(sendTransport);
  void enableWebcam(sendTransport);
}

async function enableMic(sendTransport: Transport): Promise<void> {
  const stream = await pageWindow.navigator.mediaDevices.getUserMedia({ audio: true });
  await sendTransport.produce({
    track: stream.getAudioTracks()[0] as never,
    codecOptions: { opusStereo: true, opusDtx: true, opusFec: true, opusNack: true },
  });
}

async function enableWebcam(sendTransport: Transport): Promise<void> {
  const devices = await pageWindow.navigator.mediaDevices.enumerateDevices();
  const camera = devices.find((d) => d.kind === 'videoinput');
  const stream = await pageWindow.navigator.mediaDevices.getUserMedia({
    video: {
      deviceId: { ideal: camera?.deviceId },
      width: { ideal: 640 },
      height: { ideal: 480 },
    },
  });
  await sendTransport.produce({
    track: stream.getVideoTracks()[0] as never,
    encodings: [
      { scaleResolutionDownBy: 4, maxBitrate: 500_000, scalabilityMode: 'L1T3' },
      { scaleResolutionDownBy: 2, maxBitrate: 1_000_000, scalabilityMode: 'L1T3' },
      { scaleResolutionDownBy: 1, maxBitrate: 5_000_000, scalabilityMode: 'L1T3' },
    ],
    codecOptions: { videoGoogleStartBitrate: 1000 },
  });
}

(globalThis as unknown as { demoJoin: () => Promise<void> }).demoJoin = async () => {
  (globalThis as unknown as { sfuProbe: Probe }).sfuProbe.markJoin();
  await join();
};

// The browser's media in a live session: our own tracks and producers, and one consumer per
// remote producer we are told about. Rebuilt from scratch when the SFU moves to a new worker.
import type { Device } from 'mediasoup-client';
import type { Consumer, Producer } from 'mediasoup-client/types';
import type { LiveParticipant } from '../../../../server/protocol/live.ts';
import { MediaConnection, type ProducerSource } from '../../lib/media/MediaConnection.ts';
import { request, type ClientSocket } from '../../lib/socketRequest.ts';
import { noLocalMedia, type LocalMedia, type RemoteTrack } from './liveState.ts';

export interface LinkTotals {
  lost: number;
  received: number;
  rttMs: number;
  sendKbps?: number;
}

export interface DeviceChoice {
  micDeviceId?: string | undefined;
  cameraDeviceId?: string | undefined;
}

const constraint = (deviceId?: string) => (deviceId ? { deviceId: { exact: deviceId } } : true);

export class LiveMedia {
  private connection: MediaConnection;
  private readonly producers = new Map<ProducerSource, Producer>();
  private readonly consumers = new Map<string, { consumer: Consumer; remote: RemoteTrack }>();
  private readonly pending = new Set<string>();
  /** Bumped by reset(): consumers that finish for an older connection are dropped. */
  private generation = 0;
  local: LocalMedia = noLocalMedia();

  constructor(
    private socket: ClientSocket,
    private readonly devices: DeviceChoice,
    private readonly changed: () => void,
    private readonly device?: Device,
  ) {
    this.connection = new MediaConnection(socket, device);
  }

  /** The live socket moved to another server process (the session's owner). */
  useSocket(socket: ClientSocket): void {
    this.socket = socket;
    this.connection.useSocket(socket);
  }

  remoteTracks(): RemoteTrack[] {
    return [...this.consumers.values()].map((c) => c.remote);
  }

  /** Asks for camera and microphone before joining (a refusal leaves them off). */
  async acquire(micOn: boolean, cameraOn: boolean): Promise<void> {
    if (micOn) this.local.micTrack = await this.track('audio').catch(() => null);
    if (cameraOn) this.local.cameraTrack = await this.track('video').catch(() => null);
    this.local.micOn = !!this.local.micTrack;
    this.local.cameraOn = !!this.local.cameraTrack;
    this.changed();
  }

  private async track(kind: 'audio' | 'video'): Promise<MediaStreamTrack> {
    const stream = await navigator.mediaDevices.getUserMedia(
      kind === 'audio'
        ? { audio: constraint(this.devices.micDeviceId) }
        : { video: constraint(this.devices.cameraDeviceId) },
    );
    const [track] = stream.getTracks();
    if (!track) throw new Error('no track');
    return track;
  }

  /** Asks for the SFU's capabilities and the transports at once (a failure: asked again later). */
  prepare(send: boolean): Promise<void> {
    return this.connection.prepare(send).catch(() => undefined);
  }

  /** Starts sending what we have (after admission, and again after a media reset), all at once. */
  async publish(): Promise<void> {
    const { micTrack, cameraTrack, screenTrack } = this.local;
    const microphone = async (track: MediaStreamTrack) => {
      const producer = await this.produce(track, 'microphone');
      if (!this.local.micOn) await this.setPaused(producer, 'microphone', true);
    };
    await Promise.all([
      micTrack ? microphone(micTrack) : undefined,
      cameraTrack && this.local.cameraOn ? this.produce(cameraTrack, 'camera') : undefined,
      screenTrack && this.local.screenOn ? this.produce(screenTrack, 'screen') : undefined,
    ]);
  }

  private async produce(track: MediaStreamTrack, source: ProducerSource): Promise<Producer> {
    const producer = await this.connection.produce(track, source);
    this.producers.set(source, producer);
    return producer;
  }

  private async setPaused(producer: Producer, source: 'microphone' | 'camera', paused: boolean) {
    if (paused) producer.pause();
    else producer.resume();
    await request(this.socket, 'live:selfMute', { source, muted: paused });
  }

  async setMic(on: boolean): Promise<void> {
    if (on && !this.local.micTrack) this.local.micTrack = await this.track('audio');
    const producer = this.producers.get('microphone');
    this.local.micOn = on;
    if (producer) await this.setPaused(producer, 'microphone', !on);
    else if (on && this.local.micTrack) await this.produce(this.local.micTrack, 'microphone');
    this.changed();
  }

  async setCamera(on: boolean): Promise<void> {
    if (on) {
      this.local.cameraTrack ??= await this.track('video');
      this.local.cameraOn = true;
      await this.produce(this.local.cameraTrack, 'camera');
    } else {
      // Off means off: the camera light goes out too.
      await this.stopSource('camera');
    }
    this.changed();
  }

  async setScreen(on: boolean): Promise<void> {
    if (!on) return this.stopSource('screen').then(this.changed);
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const [track] = stream.getVideoTracks();
    if (!track) return;
    track.addEventListener('ended', () => void this.setScreen(false));
    this.local.screenTrack = track;
    this.local.screenOn = true;
    await this.produce(track, 'screen');
    this.changed();
  }

  /** The server closed our camera (a facilitator stopped it) or we did. */
  async stopSource(source: 'camera' | 'screen'): Promise<void> {
    const producer = this.producers.get(source);
    this.producers.delete(source);
    if (producer) await this.connection.closeProducer(producer);
    const key = source === 'camera' ? 'cameraTrack' : 'screenTrack';
    this.local[key]?.stop();
    this.local[key] = null;
    if (source === 'camera') this.local.cameraOn = false;
    else this.local.screenOn = false;
    // Told now, whoever stopped it: a facilitator's stop left the button and the self-view
    // showing a camera that was off until something else redrew the room.
    this.changed();
  }

  /** A facilitator muted us: the SFU already paused the producer; pause ours to match. */
  mutedByHost(): void {
    this.producers.get('microphone')?.pause();
    this.local.micOn = false;
    this.changed();
  }

  /**
   * Consumes every remote producer we do not have yet, and drops those that are gone. An
   * interpreter's voice only on their channel (the server would refuse it on the floor).
   */
  async sync(
    participants: LiveParticipant[],
    selfPeerId: string,
    channel: string | null = null,
  ): Promise<void> {
    const wanted = new Map<string, { peerId: string; source: RemoteTrack['source'] }>();
    for (const p of participants) {
      if (p.peerId === selfPeerId) continue;
      for (const producer of p.producers) {
        if (p.interpreting && p.interpreting !== channel && producer.source === 'microphone') {
          continue;
        }
        wanted.set(producer.producerId, { peerId: p.peerId, source: producer.source });
      }
    }
    for (const [producerId, { consumer }] of this.consumers) {
      if (wanted.has(producerId)) continue;
      consumer.close();
      this.consumers.delete(producerId);
    }
    const generation = this.generation;
    const fresh = [...wanted].filter(
      ([producerId]) => !this.consumers.has(producerId) && !this.pending.has(producerId),
    );
    if (fresh.length > 0) {
      for (const [producerId] of fresh) this.pending.add(producerId);
      try {
        // All at once: one renegotiation in the browser for all of them (MediaConnection).
        const made = await this.connection.consumeAll(fresh.map(([producerId]) => producerId));
        for (const [producerId, { peerId, source }] of fresh) {
          const consumer = made.get(producerId);
          if (!consumer) continue; // gone meanwhile; the next participant update says so
          if (generation !== this.generation) {
            consumer.close();
            continue;
          }
          const remote = { peerId, producerId, kind: consumer.kind, source, track: consumer.track };
          this.consumers.set(producerId, { consumer, remote });
        }
      } catch {
        // The connection was reset meanwhile: reset() starts over.
      } finally {
        for (const [producerId] of fresh) this.pending.delete(producerId);
      }
    }
    this.changed();
  }

  restartIce(): Promise<void> {
    return this.connection.restartIce();
  }

  /** The SFU lost our transports (worker replaced, or our peer expired): start over, same tracks. */
  reset(): void {
    this.generation += 1;
    for (const { consumer } of this.consumers.values()) consumer.close();
    this.consumers.clear();
    this.producers.clear();
    this.connection.close();
    this.connection = new MediaConnection(this.socket, this.device);
    this.changed();
  }

  /**
   * Packets received and lost so far, the round-trip time now and, while we send, the browser's
   * estimate of the bitrate it can send (kbit/s), from WebRTC stats.
   */
  async measure(): Promise<LinkTotals> {
    const totals: LinkTotals = { lost: 0, received: 0, rttMs: 0 };
    for (const transport of this.connection.transports()) {
      const report = await transport.getStats();
      report.forEach((stat: Record<string, unknown>) => {
        if (stat.type === 'inbound-rtp') {
          totals.lost += Number(stat.packetsLost ?? 0);
          totals.received += Number(stat.packetsReceived ?? 0);
        }
        if (stat.type === 'candidate-pair' && stat.nominated) {
          totals.rttMs = Math.max(totals.rttMs, Number(stat.currentRoundTripTime ?? 0) * 1000);
          if (transport.direction === 'send' && typeof stat.availableOutgoingBitrate === 'number') {
            totals.sendKbps = stat.availableOutgoingBitrate / 1000;
          }
        }
      });
    }
    return totals;
  }

  /**
   * Sends what the link can carry: our camera at its smallest simulcast layer only (`lowest`),
   * or not at all while `holdCamera` (others see our initial; the camera stays ours to resume).
   */
  async limitSending({ lowest, holdCamera }: { lowest: boolean; holdCamera: boolean }) {
    const camera = this.producers.get('camera');
    if (!camera || camera.closed) return;
    if (camera.rtpParameters.encodings && camera.rtpParameters.encodings.length > 1) {
      await camera.setMaxSpatialLayer(lowest ? 0 : camera.rtpParameters.encodings.length - 1);
    }
    if (holdCamera !== camera.paused) await this.setPaused(camera, 'camera', holdCamera);
  }

  close(): void {
    this.reset();
    for (const track of [this.local.micTrack, this.local.cameraTrack, this.local.screenTrack]) {
      track?.stop();
    }
    this.local = { ...this.local, micTrack: null, cameraTrack: null, screenTrack: null };
  }
}

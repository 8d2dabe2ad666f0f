// A live session as the browser sees it: the socket conversation with the server (join, lobby,
// events, rejoin after a dropped connection) and the media, published as one immutable state.
import type {
  AdmittedState,
  JoinResult,
  LiveParticipant,
  SessionEntry,
} from '../../../../server/protocol/live.ts';
import type { Device } from 'mediasoup-client';
import type { connectSocket as ConnectSocket } from '../../lib/socket.ts';
import { request, RequestFailed, type ClientSocket } from '../../lib/socketRequest.ts';
import type { LiveMedia } from './liveMedia.ts';
import {
  noLocalMedia,
  type JoinOptions,
  type LiveActions,
  type LiveViewState,
  type LocalMedia,
} from './liveState.ts';
import { toolsPatch } from './tools/toolsTime.ts';
import { LiveRequests } from './liveRequests.ts';
import { LiveViewport } from './liveViewport.ts';
import { listenToSession } from './liveEvents.ts';
import { listenToBreakouts } from './breakoutEvents.ts';
import { QualityMeter } from './qualityMeter.ts';
import type { BandwidthMode } from './bandwidthGovernor.ts';

const initialState: LiveViewState = {
  phase: 'prejoin',
  error: null,
  removedReason: null,
  lobbyMessage: null,
  admitted: null,
  participants: [],
  lobby: [],
  observers: [],
  settings: { locked: false, spotlight: null },
  activeSpeaker: null,
  speaking: [],
  remoteTracks: [],
  videoSlots: [],
  local: noLocalMedia(),
  notice: null,
  whispers: [],
  reactions: [],
  quality: 'good',
  channel: null,
  breakout: null,
  breakoutChat: [],
  tools: null,
  serverOffset: 0,
};

export class LiveClient extends LiveRequests implements LiveActions {
  private state: LiveViewState = initialState;
  private readonly listeners = new Set<() => void>();
  media: LiveMedia | null = null;
  private mode: JoinOptions['mode'] = 'participant';
  private rejoinToken: string | null = null;
  private readonly viewport = new LiveViewport(
    () => (this.socket && this.state.admitted ? this.state.local : null),
    (viewport) => void this.call('live:viewport', viewport).catch(() => undefined),
  );
  private quality: QualityMeter | null = null;
  private disposed = false;
  private users = 0;
  /** Whether we were in the room (with media) when the connection last dropped. */
  private liveBeforeDrop = false;
  /** The camera and microphone being opened while the socket connects: publishing waits. */
  private acquiring: Promise<void> = Promise.resolve();
  /** A media device loaded during the device check (see preload). */
  private preloaded: Promise<Device | undefined> = Promise.resolve(undefined);
  /** Opens a socket (loaded with the media code); see start(). */
  private connectSocket: typeof ConnectSocket | null = null;
  /** The server process this socket was sent to (the session's owner), or null: the page's own. */
  private nodeUrl: string | null = null;
  /** The owner handed the session over (it is stopping): go back through the page's address. */
  private moving = false;

  constructor(
    readonly sessionId: string,
    private readonly lang: () => string,
  ) {
    super();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = () => this.state;

  set(patch: Partial<LiveViewState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  private mediaChanged = () => {
    if (!this.media) return;
    this.set({ local: { ...this.media.local }, remoteTracks: this.media.remoteTracks() });
  };

  async join(options: JoinOptions): Promise<void> {
    if (this.state.phase !== 'prejoin') return;
    this.mode = options.mode;
    this.set({ phase: 'joining', error: null });
    try {
      await this.start(options);
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * Loads the media device with the router's capabilities (from the entry check) while the
   * person tests their camera: loading asks the browser for its own codecs, a peer connection's
   * worth of work that would otherwise come after the Join click. Any failure: loaded at join.
   */
  preload(routerRtpCapabilities: NonNullable<SessionEntry['routerRtpCapabilities']>): void {
    if (this.state.phase !== 'prejoin') return;
    // mediasoup-client arrives here, after the device check has shown ([reach-bundle]).
    this.preloaded = import('mediasoup-client')
      .then(
        async ({ Device }) => {
          const device = new Device();
          await device.load({ routerRtpCapabilities });
          return device;
        },
        () => undefined,
      )
      .catch(() => undefined);
  }

  private async start(options: JoinOptions): Promise<void> {
    // The media code (mediasoup-client with it) is its own chunk: the device check does not wait
    // for it; by the Join click it has usually arrived (preload asked for it).
    const [device, { LiveMedia }, { connectSocket }] = await Promise.all([
      this.preloaded,
      import('./liveMedia.ts'),
      import('../../lib/socket.ts'),
    ]);
    // Listeners first, so the socket's first 'connect' finds them; the devices open while it
    // connects and joins (publishing waits for them, nothing else does).
    this.connectSocket = connectSocket;
    const socket = connectSocket({ lang: this.lang() }, undefined, false);
    const media = new LiveMedia(socket, options, this.mediaChanged, device);
    this.media = media;
    if (options.mode === 'participant')
      this.acquiring = media.acquire(options.micOn, options.cameraOn);
    this.attach(socket);
  }

  /**
   * Makes this the live socket: to the page's own address (nodeUrl null), or to the server
   * process that hosts the session (server/live/ownership.ts). A socket to such a process does
   * not retry by itself: when it drops or cannot connect, the page's address is asked again
   * which process hosts the session now (another one takes over when the owner died).
   */
  private attach(socket: ClientSocket, nodeUrl: string | null = null): void {
    const previous = this.socket;
    this.socket = socket;
    this.nodeUrl = nodeUrl;
    this.moving = false;
    if (previous && previous !== socket) {
      previous.off();
      previous.disconnect();
    }
    this.media?.useSocket(socket);
    listenToSession(socket, this);
    listenToBreakouts(socket, this);
    socket.on('connect', () => void this.connected());
    socket.on('live:moved', () => (this.moving = true));
    socket.on('disconnect', (reason) => {
      if (this.state.phase === 'live' || this.state.phase === 'lobby') {
        this.liveBeforeDrop = this.state.phase === 'live';
        this.set({ phase: 'reconnecting' });
      }
      if (this.socket !== socket || reason === 'io client disconnect') return;
      if (nodeUrl || this.moving) this.reopen(null, 300);
    });
    if (nodeUrl) socket.on('connect_error', () => this.socket === socket && this.reopen(null, 500));
    socket.connect();
  }

  /** A new live socket (to the session's owner, or the page's address) after a pause. */
  private reopen(nodeUrl: string | null, delayMs: number): void {
    const current = this.socket;
    window.setTimeout(() => {
      const done = ['left', 'ended', 'refused', 'removed'].includes(this.state.phase);
      if (this.disposed || done || this.socket !== current || !this.connectSocket) return;
      const auth = { lang: this.lang() };
      if (!nodeUrl) return this.attach(this.connectSocket(auth, undefined, false), null);
      const target = new URL(nodeUrl, window.location.href);
      const path = `${target.pathname.replace(/\/$/, '')}/socket.io`;
      const options = { path, reconnection: false };
      this.attach(this.connectSocket(auth, target.origin, false, options), nodeUrl);
    }, delayMs);
  }

  /** First connection and every reconnection: (re)join with the token we hold. */
  private async connected(): Promise<void> {
    const socket = this.socket;
    if (!socket || this.disposed) return;
    const rejoining = this.rejoinToken !== null;
    let result: JoinResult;
    try {
      // Opening a session may wait for a restarting media worker: be patient.
      result = await request(
        socket,
        'live:join',
        {
          sessionId: this.sessionId,
          mode: this.mode,
          ...(this.rejoinToken ? { rejoinToken: this.rejoinToken } : {}),
        },
        20_000,
      );
    } catch (error) {
      // The server's refusal is final; a timeout or another drop is not: try again.
      if (error instanceof RequestFailed) this.fail(error);
      else if (socket.connected) window.setTimeout(() => void this.connected(), 1000);
      return;
    }
    if (result.state === 'elsewhere') {
      // Another process hosts the session: go there (or, nobody may take it yet, ask again).
      this.reopen(result.nodeUrl, result.nodeUrl ? 0 : 1000);
      return;
    }
    await this.joined(result, rejoining).catch((error: unknown) => this.problem(error));
  }

  private async joined(
    result: Exclude<JoinResult, { state: 'elsewhere' }>,
    rejoining: boolean,
  ): Promise<void> {
    this.rejoinToken = result.rejoinToken;
    const wasLive = this.liveBeforeDrop;
    this.liveBeforeDrop = false;
    if (rejoining && !result.resumed) {
      // Our old place expired: a new peer, so nothing of the old media or lists is valid.
      this.media?.reset();
      this.set({ participants: [], remoteTracks: [], videoSlots: [], lobby: [], observers: [] });
    }
    if (result.state === 'lobby') {
      this.set({ phase: 'lobby', admitted: null });
      return;
    }
    if (rejoining && result.resumed && wasLive && this.media) {
      // Same peer, same transports: only the network path needs renewing.
      this.applyAdmitted(result.admitted);
      try {
        await this.media.restartIce();
        await this.syncMedia();
      } catch {
        await this.mediaReset();
      }
      return;
    }
    await this.enter(result.admitted);
  }

  /** Something failed that does not end the session: say so, stay. */
  problem(error: unknown): void {
    this.set({ error: error instanceof Error ? error.message : String(error) });
  }

  private applyAdmitted(admitted: AdmittedState): void {
    this.set({
      phase: 'live',
      admitted,
      participants: admitted.participants,
      lobby: admitted.lobby,
      observers: admitted.observers,
      settings: admitted.settings,
      activeSpeaker: admitted.activeSpeaker,
      speaking: admitted.speaking,
      channel: admitted.channel,
      breakout: admitted.breakout,
      ...toolsPatch(admitted.tools),
    });
  }

  /** Admitted (directly, from the lobby, or after stepping in): send and receive media. */
  async enter(admitted: AdmittedState): Promise<void> {
    // Media first (before the room renders), sending and receiving side by side: the first
    // remote video does not wait for our own camera to be published.
    const sends = !admitted.self.observer;
    const preparing = this.media?.prepare(sends);
    this.applyAdmitted(admitted);
    this.viewport.sendNow();
    const publishing = sends
      ? this.acquiring.then(() => this.media?.publish()).then(() => this.limitSending())
      : undefined;
    await Promise.all([preparing, publishing, this.syncMedia()]);
    this.quality ??= new QualityMeter(this);
  }

  async syncMedia(): Promise<void> {
    const self = this.state.admitted?.self.peerId;
    if (self && this.media)
      await this.media.sync(this.state.participants, self, this.state.channel);
  }

  /** The SFU lost our media (its worker died): the same place in the session, new media. */
  async mediaReset(): Promise<void> {
    if (!this.media || !this.state.admitted) return;
    this.media.reset();
    const sends = !this.state.admitted.self.observer;
    const preparing = this.media.prepare(sends);
    this.viewport.sendNow();
    const publishing = sends ? this.media.publish().then(() => this.limitSending()) : undefined;
    await Promise.all([preparing, publishing, this.syncMedia()]);
  }

  /** A participant joined or changed: replace them in place, or add them at the end. */
  upsertParticipant(participant: LiveParticipant): void {
    const known = this.state.participants.some((p) => p.peerId === participant.peerId);
    const participants = known
      ? this.state.participants.map((p) => (p.peerId === participant.peerId ? participant : p))
      : [...this.state.participants, participant];
    this.set({ participants });
    void this.syncMedia();
  }

  fail(error: unknown): void {
    const message = error instanceof RequestFailed ? error.message : String(error);
    if (error instanceof RequestFailed && error.error.code === 'live.removed') {
      this.set({ phase: 'removed', error: message });
    } else {
      this.set({ phase: 'refused', error: message });
    }
    this.stop();
  }

  /** Ends everything local: media, socket, timers. */
  stop(): void {
    this.quality?.stop();
    this.quality = null;
    this.viewport.stop();
    this.media?.close();
    this.mediaChanged();
    this.socket?.disconnect();
  }

  async leave(): Promise<void> {
    await this.call('live:leave', {}).catch(() => undefined);
    this.set({ phase: 'left' });
    this.stop();
  }

  async toggleMic() {
    await this.media?.setMic(!this.state.local.micOn);
    if (this.state.notice === 'unmuteRequested' || this.state.notice === 'mutedByHost') {
      this.set({ notice: null });
    }
  }
  async toggleCamera() {
    await this.media?.setCamera(!this.state.local.cameraOn);
    await this.limitSending();
  }
  async toggleScreen() {
    await this.media?.setScreen(!this.state.local.screenOn);
  }
  async setAudioOnly(audioOnly: boolean) {
    await this.setBandwidth({ ...this.state.local, audioOnly, cameraHeld: false });
    this.quality?.personChose(this.bandwidthMode());
  }
  async setLowBandwidth(lowBandwidth: boolean) {
    await this.setBandwidth({ ...this.state.local, lowBandwidth, cameraHeld: false });
    this.quality?.personChose(this.bandwidthMode());
  }

  /** The link watcher stepped down (or back up) by itself: say so when it stepped down. */
  async autoBandwidth(mode: BandwidthMode) {
    const audioOnly = mode === 'audioOnly';
    // Audio first: on a link too weak even for the speaker's video, ours is paused too.
    await this.setBandwidth({ lowBandwidth: mode !== 'normal', audioOnly, cameraHeld: audioOnly });
    if (mode !== 'normal') this.set({ notice: audioOnly ? 'audioOnlyOn' : 'lowBandwidthOn' });
  }

  private bandwidthMode(): BandwidthMode {
    const { audioOnly, lowBandwidth } = this.state.local;
    return audioOnly ? 'audioOnly' : lowBandwidth ? 'low' : 'normal';
  }

  private async setBandwidth(mode: Pick<LocalMedia, 'audioOnly' | 'lowBandwidth' | 'cameraHeld'>) {
    if (!this.media) return;
    Object.assign(this.media.local, {
      audioOnly: mode.audioOnly,
      lowBandwidth: mode.lowBandwidth,
      cameraHeld: mode.cameraHeld,
    });
    this.mediaChanged();
    this.viewport.sendNow();
    await this.limitSending();
  }

  private limitSending(): Promise<void> | undefined {
    const { lowBandwidth, cameraHeld } = this.state.local;
    return this.media?.limitSending({ lowest: lowBandwidth, holdCamera: cameraHeld });
  }
  async setHand(raised: boolean) {
    await this.call('live:hand', { raised });
    if (this.media) this.media.local.handRaised = raised;
    this.mediaChanged();
  }

  reportTiles(tiles: { producerId: string; width: number }[]): void {
    this.viewport.reportTiles(tiles);
  }

  reportQuality(quality: LiveViewState['quality']): void {
    this.set({ quality });
    void this.call('live:quality', { quality }).catch(() => undefined);
  }

  dismissNotice(): void {
    this.set({ notice: null });
  }

  async setChannel(language: string | null) {
    const previous = this.state.channel;
    // Leaving a channel is silent at once; joining one waits for the server to allow it.
    if (language === null) {
      this.set({ channel: null });
      await this.syncMedia();
    }
    try {
      const { channel } = await this.call('live:channel', { language });
      this.set({ channel });
    } catch (error) {
      this.set({ channel: previous });
      throw error;
    } finally {
      await this.syncMedia();
    }
  }
  async endForAll() {
    await this.call('live:end', {});
    this.set({ phase: 'ended' });
    this.stop();
  }
  async stepIn() {
    const admitted = await this.call('live:stepIn', {});
    this.mode = 'participant';
    await this.media?.acquire(true, true);
    await this.enter(admitted);
  }

  /**
   * A page uses the client; returns the release. Released by every user, it is disposed — a
   * moment later, so React's development double-mount does not end the session.
   */
  retain(): () => void {
    this.users += 1;
    return () => {
      this.users -= 1;
      setTimeout(() => {
        if (this.users === 0) this.dispose();
      }, 0);
    };
  }

  dispose(): void {
    if (this.disposed) return;
    if (this.socket?.connected) void this.call('live:leave', {}).catch(() => undefined);
    this.stop();
    this.disposed = true;
    this.listeners.clear();
  }
}

// What the session page renders, and what it can ask for. `LiveClient` (liveClient.ts) owns the
// socket and the media and publishes a new immutable `LiveViewState` after every change.
import type {
  AdmittedState,
  ConnectionQuality,
  LiveParticipant,
  LiveSettings,
  LobbyEntry,
  ObserverEntry,
  SessionEntry,
  Reaction,
  WhisperMessage,
} from '../../../../server/protocol/live.ts';
import type {
  BreakoutMessage,
  BreakoutSplit,
  BreakoutView,
} from '../../../../server/protocol/breakouts.ts';
import type { ToolsView } from '../../../../server/protocol/roomTools.ts';
import type { RequestName, RequestPayload } from '../../../../server/protocol/socket.ts';

/** The room tools' requests (plan, rounds, check-ins: protocol/roomTools.ts). */
export type ToolRequest = Extract<RequestName, `live:${'plan' | 'round' | 'checkIn'}${string}`>;

export type LivePhase =
  /** Choosing devices; nothing sent to the server yet. */
  | 'prejoin'
  | 'joining'
  /** Waiting for a facilitator to admit us. */
  | 'lobby'
  | 'live'
  /** The connection dropped; rejoining by itself (no action needed). */
  | 'reconnecting'
  /** The server said no (not enrolled, outside the join window, removed…): see `error`. */
  | 'refused'
  | 'removed'
  | 'ended'
  | 'left'
  /** The same person joined from another tab or device. */
  | 'replaced';

/** One remote stream we receive (one per consumed producer). */
export interface RemoteTrack {
  peerId: string;
  producerId: string;
  kind: 'audio' | 'video';
  source: 'camera' | 'microphone' | 'screen';
  track: MediaStreamTrack;
}

export interface LocalMedia {
  micOn: boolean;
  cameraOn: boolean;
  screenOn: boolean;
  /** Receive no video at all (weak connection). */
  audioOnly: boolean;
  /** Receive only the speaker's video, at its smallest size; send ours at the smallest size. */
  lowBandwidth: boolean;
  /** Our camera is paused because the link cannot carry it (resumed when it can). */
  cameraHeld: boolean;
  handRaised: boolean;
  micTrack: MediaStreamTrack | null;
  cameraTrack: MediaStreamTrack | null;
  screenTrack: MediaStreamTrack | null;
}

/** Nothing on: before joining, and after leaving. */
export const noLocalMedia = (): LocalMedia => ({
  micOn: false,
  cameraOn: false,
  screenOn: false,
  audioOnly: false,
  lowBandwidth: false,
  cameraHeld: false,
  handRaised: false,
  micTrack: null,
  cameraTrack: null,
  screenTrack: null,
});

export interface TransientReaction {
  id: number;
  peerId: string;
  reaction: Reaction;
}

export interface LiveViewState {
  phase: LivePhase;
  /** A translated message from the server (refusal, failure), or null. */
  error: string | null;
  /** Removed: the facilitator's reason. */
  removedReason: string | null;
  /** In the lobby: the latest message from the facilitator. */
  lobbyMessage: string | null;
  /** Set once admitted (self, session, canModerate, canShareScreen). */
  admitted: AdmittedState | null;
  /** Visible participants other than ourselves, plus ourselves (self.peerId) as the server sees us. */
  participants: LiveParticipant[];
  /** Hosts only. */
  lobby: LobbyEntry[];
  /** Hosts and observers only. */
  observers: ObserverEntry[];
  settings: LiveSettings;
  activeSpeaker: string | null;
  /** Everyone audible right now (the active speaker is the one highlighted most). */
  speaking: string[];
  remoteTracks: RemoteTrack[];
  /** Video producers the server is forwarding to us; other videos show the person's initial. */
  videoSlots: string[];
  local: LocalMedia;
  /** Notices for this person: a host muted us / asks us to unmute / stopped our camera. */
  notice:
    | 'mutedByHost'
    | 'unmuteRequested'
    | 'cameraStopped'
    /** The link was weak: the client stepped down to low bandwidth / audio only by itself. */
    | 'lowBandwidthOn'
    | 'audioOnlyOn'
    | null;
  /** Hosts and observers. */
  whispers: WhisperMessage[];
  /** Reactions of the last few seconds. */
  reactions: TransientReaction[];
  /** Our own connection quality, measured from WebRTC stats. */
  quality: ConnectionQuality;
  /** The interpreted language we listen to, or null for the floor. */
  channel: string | null;
  /** Breakout rooms while they are open (my room, when they end), else null. */
  breakout: BreakoutView | null;
  /** My breakout room's messages and the hosts' broadcasts (never stored). */
  breakoutChat: BreakoutMessage[];
  /** The plan, round and check-in running now (null before admission). */
  tools: ToolsView | null;
  /** The server's clock minus ours (ms), from the tools' `serverNow`: timers count in its time. */
  serverOffset: number;
}

export interface JoinOptions {
  mode: 'participant' | 'observer';
  micDeviceId?: string;
  cameraDeviceId?: string;
  micOn: boolean;
  cameraOn: boolean;
}

/** Every action returns a promise that rejects with `RequestFailed` (translated `message`). */
export interface LiveActions {
  /** Before joining: the router's capabilities from the entry check. */
  preload(routerRtpCapabilities: NonNullable<SessionEntry['routerRtpCapabilities']>): void;
  join(options: JoinOptions): Promise<void>;
  leave(): Promise<void>;
  toggleMic(): Promise<void>;
  toggleCamera(): Promise<void>;
  toggleScreen(): Promise<void>;
  setAudioOnly(audioOnly: boolean): Promise<void>;
  setLowBandwidth(lowBandwidth: boolean): Promise<void>;
  /** Listen to an interpreter's channel (a language), or to the floor (null). */
  setChannel(language: string | null): Promise<void>;
  setHand(raised: boolean): Promise<void>;
  react(reaction: Reaction): Promise<void>;
  /** Report the rendered width (CSS px) of each video tile, so the SFU sends a fitting layer. */
  reportTiles(tiles: { producerId: string; width: number }[]): void;
  dismissNotice(): void;
  // Hosts
  admit(peerId: string | 'all'): Promise<void>;
  messageLobby(peerId: string, text: string): Promise<void>;
  mute(peerId: string): Promise<void>;
  askUnmute(peerId: string): Promise<void>;
  stopCamera(peerId: string): Promise<void>;
  remove(peerId: string, reason: string): Promise<void>;
  lock(locked: boolean): Promise<void>;
  spotlight(peerId: string | null): Promise<void>;
  setInterpreter(peerId: string, language: string | null): Promise<void>;
  endForAll(): Promise<void>;
  openBreakouts(minutes: number, split: BreakoutSplit): Promise<void>;
  /** Moves someone (oneself: a visit) into a room, or back to the main room (null). */
  moveToBreakout(peerId: string, roomId: string | null): Promise<void>;
  closeBreakouts(): Promise<void>;
  broadcastToBreakouts(text: string): Promise<void>;
  // Everyone in a breakout room
  sayInBreakout(text: string): Promise<void>;
  /** The room tools: hosts run the plan, rounds and check-ins; a speaker passes; all answer. */
  tool<N extends ToolRequest>(name: N, payload: RequestPayload<N>): Promise<void>;
  // Observers and hosts
  whisper(text: string): Promise<void>;
  stepIn(): Promise<void>;
}

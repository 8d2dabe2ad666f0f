// Live sessions over Socket.IO: joining (with the lobby), moderation, presence and the trainer's
// whisper. Shared by the server's handlers and the client. Peers are named by an opaque peer id
// that lives only as long as the live session; person ids never reach other participants.
import { z } from 'zod';
import { email, spokenLanguage } from './api.ts';
import type { BreakoutView } from './breakouts.ts';
import type { GroupKind } from './groups.ts';
import type { types } from 'mediasoup';
import type { ToolsView } from './roomTools.ts';

const objectId = z.string().regex(/^[0-9a-f]{24}$/);
const peerId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/);
const shortText = (max: number) => z.string().trim().min(1).max(max);

export const REACTIONS = ['thumbsUp', 'heart', 'clap', 'laugh', 'wave'] as const;
export type Reaction = (typeof REACTIONS)[number];

/** REST: a facilitator invites someone with an account to interpret one session. */
export const interpreterInvite = z.object({ email, language: spokenLanguage }).strict();

/** An interpreter invited for one session, as the facilitator sees the list. */
export interface InvitedInterpreter {
  personId: string;
  displayName: string;
  language: string;
}

export const liveSchemas = {
  /**
   * Join a group session. `mode: 'observer'` is for the group's trainer when the group allows
   * observation. `rejoinToken` (from an earlier join) reattaches a dropped connection to the same
   * peer, keeping its media.
   */
  'live:join': z
    .object({
      sessionId: objectId,
      mode: z.enum(['participant', 'observer']).default('participant'),
      rejoinToken: z.string().min(16).max(80).optional(),
    })
    .strict(),
  'live:leave': z.object({}).strict(),
  // Hosts (the group's lead and co-facilitator).
  'live:admit': z.object({ peerId: z.union([peerId, z.literal('all')]) }).strict(),
  'live:lobbyMessage': z.object({ peerId, text: shortText(200) }).strict(),
  'live:mute': z.object({ peerId }).strict(),
  'live:askUnmute': z.object({ peerId }).strict(),
  'live:stopCamera': z.object({ peerId }).strict(),
  'live:remove': z.object({ peerId, reason: shortText(300) }).strict(),
  'live:lock': z.object({ locked: z.boolean() }).strict(),
  'live:spotlight': z.object({ peerId: peerId.nullable() }).strict(),
  'live:end': z.object({}).strict(),
  // Everyone admitted.
  /** Pause or resume one's own microphone or camera (the server pauses the producer too). */
  'live:selfMute': z
    .object({ source: z.enum(['microphone', 'camera']), muted: z.boolean() })
    .strict(),
  'live:hand': z.object({ raised: z.boolean() }).strict(),
  /** The host names a participant interpreter into a spoken language (null: no longer). */
  'live:interpreter': z.object({ peerId, language: spokenLanguage.nullable() }).strict(),
  /** What I hear: the floor (null), or the channel of a language being interpreted. */
  'live:channel': z.object({ language: spokenLanguage.nullable() }).strict(),
  'live:react': z.object({ reaction: z.enum(REACTIONS) }).strict(),
  /**
   * What the client can show: audio only, at most `maxVideos` camera videos, and each tile's
   * width in CSS pixels (the SFU picks the simulcast layer from it and from the downlink).
   */
  'live:viewport': z
    .object({
      audioOnly: z.boolean(),
      maxVideos: z.number().int().min(0).max(16),
      downlinkKbps: z.number().int().min(0).max(1_000_000).optional(),
      tiles: z
        .array(
          z
            .object({
              producerId: z.string().min(1).max(64),
              width: z.number().int().min(0).max(10_000),
            })
            .strict(),
        )
        .max(40),
    })
    .strict(),
  'live:quality': z.object({ quality: z.enum(['good', 'fair', 'poor']) }).strict(),
  // Observer ↔ hosts, never families.
  'live:whisper': z.object({ text: shortText(500) }).strict(),
  /** The observing trainer becomes a visible participant. */
  'live:stepIn': z.object({}).strict(),
} as const;

/** `guest`: an interpreter invited for one session, not otherwise in the group. */
export type LiveRole = 'host' | 'family' | 'trainer' | 'guest';
export type ConnectionQuality = 'good' | 'fair' | 'poor';

export interface LiveProducer {
  producerId: string;
  kind: 'audio' | 'video';
  source: 'camera' | 'microphone' | 'screen';
  paused: boolean;
}

/** A visible participant as everyone admitted sees them. */
export interface LiveParticipant {
  peerId: string;
  /** First name or pseudonym, as the person chose. */
  name: string;
  role: LiveRole;
  producers: LiveProducer[];
  micMuted: boolean;
  cameraOff: boolean;
  handRaised: boolean;
  quality: ConnectionQuality;
  /** False while their connection is dropped (inside the grace period). */
  connected: boolean;
  /** The spoken language (ISO 639 code) they interpret into, or null. */
  interpreting: string | null;
}

export interface LobbyEntry {
  peerId: string;
  name: string;
  /** ISO instant they started waiting. */
  since: string;
}

export interface ObserverEntry {
  peerId: string;
  name: string;
}

export interface LiveSettings {
  locked: boolean;
  spotlight: string | null;
}

export interface SessionSummary {
  sessionId: string;
  groupId: string;
  /** The group's title in the viewer's language. */
  groupTitle: string;
  /** A family group, or a facilitators' meeting (training, supervision, peer, interview). */
  groupKind: GroupKind;
  startsAt: string;
  endsAt: string;
}

/** What an admitted peer gets (from `live:join` or the `live:admitted` event). */
export interface AdmittedState {
  self: { peerId: string; role: LiveRole; observer: boolean; name: string };
  session: SessionSummary;
  participants: LiveParticipant[];
  settings: LiveSettings;
  /** Who is speaking now, so a late joiner sees it too. */
  activeSpeaker: string | null;
  speaking: string[];
  /** Hosts only (empty for others). */
  lobby: LobbyEntry[];
  /** Hosts and observers only (empty for others). */
  observers: ObserverEntry[];
  /** The interpreted language I listen to, or null for the floor (kept across reconnects). */
  channel: string | null;
  /** Breakout rooms while they are open (participants above are my room's only), else null. */
  breakout: BreakoutView | null;
  /** What a host may do; false for everyone else. */
  canModerate: boolean;
  /** Whether this peer may share its screen. */
  canShareScreen: boolean;
  /** The plan, round and check-in running now (protocol/roomTools.ts). */
  tools: ToolsView;
}

/** GET /api/sessions/:id/entry: one may go in now, as this (else a translated error). */
export interface SessionEntry {
  role: LiveRole;
  observer: boolean;
  /** Every room's router capabilities (see Sfu.rtpCapabilities); absent while no media worker
   *  is up (the page then asks for them when joining, when a replaced worker may be back). */
  routerRtpCapabilities?: types.RtpCapabilities;
}

export type JoinResult = { rejoinToken: string; resumed: boolean } & (
  | { state: 'admitted'; admitted: AdmittedState }
  | { state: 'lobby'; peerId: string; session: SessionSummary }
  /** Another server process hosts the session: open the live socket at `nodeUrl` and join
   * there (null: none may take it now — try again through the shared address shortly). */
  | { state: 'elsewhere'; nodeUrl: string | null }
);

export interface WhisperMessage {
  from: string;
  fromPeerId: string;
  text: string;
  at: string;
}

export interface LiveResponses {
  'live:join': JoinResult;
  'live:leave': null;
  'live:admit': { admitted: number };
  'live:lobbyMessage': null;
  'live:mute': null;
  'live:askUnmute': null;
  'live:stopCamera': null;
  'live:remove': null;
  'live:lock': null;
  'live:spotlight': null;
  'live:end': null;
  'live:selfMute': null;
  'live:hand': null;
  'live:interpreter': null;
  'live:channel': { channel: string | null };
  'live:react': null;
  'live:viewport': null;
  'live:quality': null;
  'live:whisper': null;
  'live:stepIn': AdmittedState;
}

/** Events the server pushes to live peers. */
export interface LiveEvents {
  'live:participantJoined': (participant: LiveParticipant) => void;
  'live:participantUpdated': (participant: LiveParticipant) => void;
  'live:participantLeft': (payload: { peerId: string }) => void;
  /** Hosts: the whole waiting list, after every change (a knock when it grows). */
  'live:lobby': (payload: { waiting: LobbyEntry[] }) => void;
  /** Hosts and observers: who is observing. */
  'live:observers': (payload: { observers: ObserverEntry[] }) => void;
  /** To a waiting peer: you are in. */
  'live:admitted': (state: AdmittedState) => void;
  /** To a waiting peer: a short message from the facilitator. */
  'live:lobbyMessage': (payload: { text: string }) => void;
  /** To the peer concerned: a host paused your microphone (you may unmute yourself). */
  'live:mutedByHost': (payload: Record<string, never>) => void;
  /** To the peer concerned: a host asks you to unmute. */
  'live:unmuteRequested': (payload: Record<string, never>) => void;
  /** To the peer concerned: a host stopped your camera. */
  'live:cameraStopped': (payload: Record<string, never>) => void;
  /** To the peer concerned: removed, with the host's reason. */
  'live:removed': (payload: { reason: string }) => void;
  /** Another tab or device of the same person joined; this one is closed. */
  'live:replaced': (payload: Record<string, never>) => void;
  /** This process handed the session over (drain): rejoin through the shared address. */
  'live:moved': (payload: Record<string, never>) => void;
  'live:ended': (payload: Record<string, never>) => void;
  'live:settings': (settings: LiveSettings) => void;
  'live:reaction': (payload: { peerId: string; reaction: Reaction }) => void;
  'live:activeSpeaker': (payload: { peerId: string | null }) => void;
  /** Everyone whose microphone is above the silence threshold now (sent when it changes). */
  'live:speaking': (payload: { peerIds: string[] }) => void;
  /** Which video producers the SFU currently forwards to you (the rest are capped or audio-only). */
  'live:videoSlots': (payload: { producerIds: string[] }) => void;
  /** Hosts and observers only. */
  'live:whisper': (message: WhisperMessage) => void;
  /**
   * The media server behind this session was replaced (a worker died): close your transports,
   * create new ones and produce again. Your place in the session is kept.
   */
  'live:mediaReset': (payload: Record<string, never>) => void;
}

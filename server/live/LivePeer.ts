// One person in one live session: waiting in the lobby, or admitted with media in the SFU.
import { randomBytes } from 'node:crypto';
import type { SfuPeer } from '../../sfu/index.ts';
import type { ConnectionQuality, LiveParticipant, LiveRole } from '../protocol/live.ts';
import type { RealtimeSocket } from '../realtime/socket.ts';

const token = (bytes: number) => randomBytes(bytes).toString('base64url');

export class LivePeer {
  /** Opaque, for this session only: other participants never see person ids. */
  readonly peerId = token(12);
  /** Proves a reconnecting socket is this peer (sent only to its own socket). */
  readonly rejoinToken = token(24);
  readonly since = new Date();
  state: 'lobby' | 'admitted' = 'lobby';
  socket: RealtimeSocket | null;
  media: SfuPeer | null = null;
  handRaised = false;
  quality: ConnectionQuality = 'good';
  /** Set while the connection is dropped; the peer is removed when it fires. */
  graceTimer: NodeJS.Timeout | null = null;
  lastReactionAt = 0;
  /** The language this person interprets into, or null (see interpretation.ts). */
  interpreting: string | null = null;

  constructor(
    readonly personId: string,
    readonly name: string,
    public role: LiveRole,
    public observer: boolean,
    socket: RealtimeSocket,
  ) {
    this.socket = socket;
  }

  get admitted(): boolean {
    return this.state === 'admitted';
  }

  get isHost(): boolean {
    return this.role === 'host';
  }

  /** Admitted and seen by everyone (observers are admitted but invisible to families). */
  get visible(): boolean {
    return this.admitted && !this.observer;
  }

  toParticipant(): LiveParticipant {
    const producers = [...(this.media?.producers.values() ?? [])].map((p) => ({
      producerId: p.id,
      kind: p.kind,
      source: p.appData.source as 'camera' | 'microphone' | 'screen',
      paused: p.paused,
    }));
    const live = (source: string) => producers.some((p) => p.source === source && !p.paused);
    return {
      peerId: this.peerId,
      name: this.name,
      role: this.role,
      producers,
      micMuted: !live('microphone'),
      cameraOff: !live('camera'),
      handRaised: this.handRaised,
      quality: this.quality,
      connected: this.socket !== null,
      interpreting: this.interpreting,
    };
  }
}

// One live session in this process: who is in the lobby, who is admitted, the SFU room, and
// who hears about what. Audiences are explicit — an observer is never in anything a family
// receives.
import type { Logger } from 'pino';
import type { Sfu, SfuRoom } from '../../sfu/index.ts';
import type {
  AdmittedState,
  LiveEvents,
  LiveSettings,
  LobbyEntry,
  ObserverEntry,
  SessionSummary,
} from '../protocol/live.ts';
import { titleIn } from '../reminders/texts.ts';
import type { Clock } from '../reminders/runner.ts';
import { recordJoin, recordLeave } from '../sessions/attendance.model.ts';
import type { SessionContext } from './admission.ts';
import { Breakouts, breakoutView } from './breakouts.ts';
import { Interpretation } from './interpretation.ts';
import type { LivePeer } from './LivePeer.ts';
import { peerJoinedTools, peerLeftTools } from './tools/rounds.ts';
import { SessionTools } from './tools/SessionTools.ts';

type EventArgs<E extends keyof LiveEvents> = Parameters<LiveEvents[E]>;
type Audience = (peer: LivePeer) => boolean;

/** Everyone admitted: participants, hosts and observers. */
export const everyone: Audience = (p) => p.admitted;
export const staff: Audience = (p) => p.admitted && (p.isHost || p.observer);
export const hosts: Audience = (p) => p.admitted && p.isHost;

const CAMERA_AND_MIC = new Set(['camera', 'microphone'] as const);
const ALL_SOURCES = new Set(['camera', 'microphone', 'screen'] as const);
const NOTHING = new Set<never>();

export interface LiveSessionDeps {
  sfu: Sfu;
  log: Logger;
  clock: Clock;
  /** Told when someone becomes, or stops being, a visible participant (presence). */
  onParticipant?: (personId: string, peerId: string, visible: boolean) => void;
}

export class LiveSession {
  readonly peers = new Map<string, LivePeer>();
  settings: LiveSettings = { locked: false, spotlight: null };
  room!: SfuRoom;
  /** The plan, speaking round and check-in running now (tools/). */
  readonly tools = new SessionTools();
  ended = false;
  readonly interpretation = new Interpretation();
  readonly breakouts = new Breakouts();
  /** People admitted by a previous owner of this session (ownership.ts): no lobby again. */
  readonly readmit = new Set<string>();
  /** Who the audio-level observer last heard, to send changes only. */
  private speaking: string[] = [];
  private activeSpeaker: string | null = null;
  /** The SFU's last dominant speaker, shown or not (it reports changes only). */
  private dominant: string | null = null;

  constructor(
    readonly id: string,
    public context: SessionContext,
    private readonly deps: LiveSessionDeps,
  ) {}

  get groupId(): string {
    return String(this.context.group._id);
  }

  async openRoom(): Promise<void> {
    // A worker that just died may take a moment to be replaced: retry for a few seconds.
    for (let attempt = 1; ; attempt += 1) {
      try {
        this.room = await this.deps.sfu.getOrCreateRoom(this.id);
        break;
      } catch (error) {
        if (attempt >= 40 || this.deps.sfu.stopping) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    const room = this.room;
    room.on('activeSpeaker', (peerId) => {
      this.dominant = peerId;
      this.showActiveSpeaker();
    });
    room.on('audioLevels', (peerIds) => {
      const speaking = peerIds.filter((id) => this.peers.get(id)?.visible).sort();
      if (speaking.join() === this.speaking.join()) return;
      this.speaking = speaking;
      this.sendSpeaking();
    });
    room.on('videoSlots', (peerId, producerIds) =>
      this.peers.get(peerId)?.socket?.emit('live:videoSlots', { producerIds }),
    );
    room.on('producers', (peerId) => {
      const peer = this.peers.get(peerId);
      if (peer) this.participantUpdated(peer);
    });
    room.on('closed', ({ unexpected }) => {
      if (!unexpected || this.ended || this.deps.sfu.stopping) return;
      this.recoverMedia().catch((error: unknown) =>
        this.deps.log.error({ err: error, session: this.id }, 'live session media not recovered'),
      );
    });
  }

  /** The room's worker died: a new room, new SFU peers, and every client produces again. */
  private async recoverMedia(): Promise<void> {
    this.deps.log.warn({ session: this.id }, 'live session media lost; moving to a new worker');
    await this.openRoom();
    if (this.ended) return this.room.close();
    for (const peer of this.peers.values()) {
      if (!peer.admitted) continue;
      this.attachMedia(peer);
      peer.socket?.emit('live:mediaReset', {});
    }
    for (const peer of this.peers.values()) if (peer.visible) this.participantUpdated(peer);
  }

  send<E extends keyof LiveEvents>(audience: Audience, event: E, ...args: EventArgs<E>): void {
    for (const peer of this.peers.values()) {
      if (!audience(peer) || !peer.socket) continue;
      (peer.socket.emit as (e: E, ...a: EventArgs<E>) => boolean)(event, ...args);
    }
  }

  /** In the same room: both in the main room, or both in one breakout room. */
  together(a: LivePeer, b: LivePeer): boolean {
    return this.breakouts.roomOf(a.personId) === this.breakouts.roomOf(b.personId);
  }

  /** Everyone admitted in the same room as `peer` (their audience). */
  roomOf(peer: LivePeer): Audience {
    return (p) => everyone(p) && this.together(p, peer);
  }

  /** Listed to the others in their room: visible, or an observer carried into a breakout (never
   *  hidden there). */
  listed(peer: LivePeer): boolean {
    return peer.visible || (peer.admitted && this.breakouts.roomOf(peer.personId) !== null);
  }

  /** The participants `viewer` sees: those listed in their room. */
  participantsFor(viewer: LivePeer) {
    return [...this.peers.values()]
      .filter((p) => this.listed(p) && this.together(p, viewer))
      .map((p) => p.toParticipant());
  }

  /** Who speaks, to each peer: in their room only. */
  private sendSpeaking(): void {
    for (const peer of this.peers.values()) {
      if (!peer.admitted || !peer.socket) continue;
      const peerIds = this.speaking.filter((id) => {
        const speaker = this.peers.get(id);
        return speaker && this.together(speaker, peer);
      });
      peer.socket.emit('live:speaking', { peerIds });
    }
  }

  participantUpdated(peer: LivePeer): void {
    if (!this.listed(peer)) return;
    const participant = peer.toParticipant();
    this.send(this.roomOf(peer), 'live:participantUpdated', participant);
    // mediasoup's observer only reports a new dominant speaker and ignores paused microphones:
    // someone who mutes would stay "speaking" until another person talks.
    if (participant.micMuted) this.stoppedSpeaking(peer.peerId);
    else this.showActiveSpeaker(); // unmuted, or seen now: still the SFU's dominant speaker
  }

  /** Shows the SFU's dominant speaker while they are seen with their microphone on. */
  private showActiveSpeaker(): void {
    const peer = this.peers.get(this.dominant ?? '');
    if (!peer?.visible || peer.toParticipant().micMuted || this.activeSpeaker === peer.peerId)
      return;
    this.activeSpeaker = peer.peerId;
    this.send(this.roomOf(peer), 'live:activeSpeaker', { peerId: peer.peerId });
  }

  private stoppedSpeaking(peerId: string): void {
    const peer = this.peers.get(peerId);
    if (this.activeSpeaker === peerId) {
      this.activeSpeaker = null;
      this.send(peer ? this.roomOf(peer) : everyone, 'live:activeSpeaker', { peerId: null });
    }
    if (this.speaking.includes(peerId)) {
      this.speaking = this.speaking.filter((id) => id !== peerId);
      this.sendSpeaking();
    }
  }

  lobbyEntries(): LobbyEntry[] {
    return [...this.peers.values()]
      .filter((p) => p.state === 'lobby')
      .map((p) => ({ peerId: p.peerId, name: p.name, since: p.since.toISOString() }));
  }

  observerEntries(): ObserverEntry[] {
    return [...this.peers.values()]
      .filter((p) => p.admitted && p.observer)
      .map((p) => ({ peerId: p.peerId, name: p.name }));
  }

  lobbyChanged(): void {
    this.send(hosts, 'live:lobby', { waiting: this.lobbyEntries() });
  }

  observersChanged(): void {
    this.send(staff, 'live:observers', { observers: this.observerEntries() });
  }

  summary(lang: string): SessionSummary {
    const { session, group } = this.context;
    return {
      sessionId: this.id,
      groupId: this.groupId,
      groupTitle: titleIn(group, lang),
      groupKind: (group.kind ?? 'family') as SessionSummary['groupKind'],
      startsAt: session.startsAt.toISOString(),
      endsAt: session.endsAt.toISOString(),
    };
  }

  admittedState(peer: LivePeer): AdmittedState {
    const seesStaff = peer.isHost || peer.observer;
    const speaker = this.peers.get(this.activeSpeaker ?? '');
    const heard = (id: string) => {
      const other = this.peers.get(id);
      return !!other && this.listed(other) && this.together(other, peer);
    };
    return {
      self: { peerId: peer.peerId, role: peer.role, observer: peer.observer, name: peer.name },
      session: this.summary(peer.socket?.data.lang ?? 'fi'),
      participants: this.participantsFor(peer),
      settings: this.settings,
      activeSpeaker: speaker && heard(speaker.peerId) ? speaker.peerId : null,
      speaking: this.speaking.filter(heard),
      lobby: peer.isHost ? this.lobbyEntries() : [],
      observers: seesStaff ? this.observerEntries() : [],
      channel: this.interpretation.channelOf(peer.personId),
      breakout: breakoutView(this, peer),
      canModerate: peer.isHost,
      canShareScreen: peer.isHost && !peer.observer,
      tools: this.tools.view(peer.personId, this.deps.clock.now()),
    };
  }

  private attachMedia(peer: LivePeer): void {
    peer.interpreting = this.interpretation.interpreting(peer.personId);
    const media = this.room.addPeer(peer.peerId);
    media.allowedSources = peer.observer ? NOTHING : peer.isHost ? ALL_SOURCES : CAMERA_AND_MIC;
    peer.media = media;
  }

  /** Lets a peer in: media, attendance, and the news to those who may hear it. */
  async admit(peer: LivePeer): Promise<void> {
    // Gone meanwhile (left, replaced): nothing to admit.
    if (peer.admitted || this.peers.get(peer.peerId) !== peer || this.ended) return;
    peer.state = 'admitted';
    this.attachMedia(peer);
    if (peer.observer) {
      this.observersChanged();
    } else {
      const audience = this.roomOf(peer);
      this.send((p) => audience(p) && p !== peer, 'live:participantJoined', peer.toParticipant());
      await this.recordJoin(peer);
    }
  }

  /** A visible participant now (admitted, or an observer stepping in). */
  async recordJoin(peer: LivePeer): Promise<void> {
    peerJoinedTools(this, peer, this.deps.clock.now());
    this.deps.onParticipant?.(peer.personId, peer.peerId, true);
    await recordJoin(this.id, this.groupId, peer.personId, this.deps.clock.now());
  }

  /** Takes a peer out (left, removed, replaced, did not come back). */
  async removePeer(peer: LivePeer): Promise<void> {
    if (this.peers.get(peer.peerId) !== peer) return;
    this.peers.delete(peer.peerId);
    if (peer.graceTimer) clearTimeout(peer.graceTimer);
    if (peer.media) this.room.removePeer(peer.peerId);
    if (this.settings.spotlight === peer.peerId) this.setSettings({ spotlight: null });
    if (peer.state === 'lobby') return this.lobbyChanged();
    if (this.listed(peer))
      this.send(this.roomOf(peer), 'live:participantLeft', { peerId: peer.peerId });
    if (peer.observer) return this.observersChanged();
    peerLeftTools(this, peer, this.deps.clock.now());
    this.deps.onParticipant?.(peer.personId, peer.peerId, false);
    await recordLeave(this.id, peer.personId, this.deps.clock.now());
  }

  /** Everyone in the video leaves it now (the session moves to another process). */
  async recordLeaves(): Promise<void> {
    const at = this.deps.clock.now();
    for (const peer of this.peers.values())
      if (peer.visible) await recordLeave(this.id, peer.personId, at);
  }

  setSettings(change: Partial<LiveSettings>): void {
    this.settings = { ...this.settings, ...change };
    if ('spotlight' in change) this.room.pin(this.settings.spotlight);
    this.send(everyone, 'live:settings', this.settings);
  }

  /**
   * Whether `listener` may receive this producer: only someone in the same room (main or
   * breakout), and an interpreter's voice only on their channel.
   */
  mayConsume(listener: LivePeer, producerId: string): boolean {
    const producer = this.room.findProducer(producerId);
    const owner = this.peers.get(String(producer?.appData.peerId ?? ''));
    if (!producer || !owner) return true; // the SFU answers "no such producer" itself
    if (!this.together(listener, owner)) return false;
    return this.interpretation.mayReceive(
      listener.personId,
      owner.personId,
      producer.appData.source,
    );
  }

  /** After who hears whom changed (a channel, an interpreter, a breakout): stop every consumer no longer allowed. */
  enforceAudiences(): void {
    for (const peer of this.peers.values()) {
      for (const consumer of [...(peer.media?.consumers.values() ?? [])]) {
        if (!this.mayConsume(peer, consumer.producerId)) consumer.close();
      }
    }
  }

  peerOfPerson(personId: string): LivePeer | undefined {
    return [...this.peers.values()].find((p) => p.personId === personId);
  }

  close(): void {
    this.ended = true;
    this.breakouts.stop();
    for (const peer of this.peers.values()) if (peer.graceTimer) clearTimeout(peer.graceTimer);
    this.peers.clear();
    this.room.close();
  }
}

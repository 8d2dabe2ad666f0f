// Breakout rooms of one live session. All rooms stay on the session's one SFU router: what
// separates them is who may consume whom (LiveSession.mayConsume → together()), who is listed
// to whom, and whose chat reaches whom. Membership is kept by person, not by peer, so someone
// who reconnects — even as a new peer after their grace period — lands back in their room.
import { randomInt } from 'node:crypto';
import type { BreakoutRoomView, BreakoutView } from '../protocol/breakouts.ts';
import type { LiveParticipant } from '../protocol/live.ts';
import type { LivePeer } from './LivePeer.ts';
import type { LiveSession } from './LiveSession.ts';

/** The warning comes when this much is left (or halfway through, for a shorter time). */
const WARNING_MS = 60_000;

export type SplitRule = { by: 'size'; size: number } | { by: 'rooms'; rooms: number };

function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Shuffles people into rooms: `size` people a room (a remainder joins the others: 5 in pairs is
 * a pair and a triad) or `rooms` rooms; two people to keep apart never share one while possible.
 */
export function splitPeople(people: string[], rule: SplitRule, apart: [string, string][]) {
  const count =
    rule.by === 'size'
      ? Math.floor(people.length / rule.size)
      : Math.min(rule.rooms, people.length);
  const rooms: string[][] = Array.from({ length: Math.max(1, count) }, () => []);
  const avoid = (a: string, b: string) =>
    apart.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
  // People with someone to avoid go first, while every room still has a choice.
  const order = shuffle(people).sort(
    (a, b) => Number(apart.some((p) => p.includes(b))) - Number(apart.some((p) => p.includes(a))),
  );
  const smallest = (rs: string[][]) => rs.reduce((a, b) => (b.length < a.length ? b : a));
  for (const person of order) {
    const fitting = rooms.filter((r) => !r.some((m) => avoid(m, person)));
    smallest(fitting.length > 0 ? fitting : rooms).push(person);
  }
  return rooms.filter((r) => r.length > 0);
}

export class Breakouts {
  /** Room ids in order; room-1 is "Room 1". */
  rooms: string[] = [];
  endsAt: Date | null = null;
  minutes = 0;
  warning = false;
  /** personId → room id; absent: the main room. */
  private readonly members = new Map<string, string>();
  private timers: NodeJS.Timeout[] = [];

  get open(): boolean {
    return this.endsAt !== null;
  }

  roomOf(personId: string): string | null {
    return this.members.get(personId) ?? null;
  }

  has(roomId: string): boolean {
    return this.rooms.includes(roomId);
  }

  /** Opens the rooms: `groups` of person ids, for `minutes`; the callbacks run on the timers. */
  start(
    groups: string[][],
    minutes: number,
    now: Date,
    on: { warning: () => void; end: () => void },
  ): void {
    this.stop();
    this.rooms = groups.map((_, i) => `room-${i + 1}`);
    groups.forEach((people, i) => people.forEach((p) => this.members.set(p, `room-${i + 1}`)));
    const ms = Math.round(minutes * 60_000);
    this.minutes = minutes;
    this.endsAt = new Date(now.getTime() + ms);
    const warnAfter = ms - Math.min(WARNING_MS, ms / 2);
    this.timers = [
      setTimeout(() => {
        this.warning = true;
        on.warning();
      }, warnAfter),
      setTimeout(on.end, ms),
    ];
  }

  move(personId: string, roomId: string | null): void {
    if (roomId) this.members.set(personId, roomId);
    else this.members.delete(personId);
  }

  /** Everyone back to the main room; the timers stop. */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    this.members.clear();
    this.rooms = [];
    this.endsAt = null;
    this.warning = false;
  }
}

/** A room as one peer sees it: number and the names of those in it now. */
function roomView(live: LiveSession, roomId: string): BreakoutRoomView {
  const members = [...live.peers.values()]
    .filter((p) => live.listed(p) && live.breakouts.roomOf(p.personId) === roomId)
    .map((p) => ({ peerId: p.peerId, name: p.name }));
  return { id: roomId, number: live.breakouts.rooms.indexOf(roomId) + 1, members };
}

export function breakoutView(live: LiveSession, peer: LivePeer): BreakoutView | null {
  const { breakouts } = live;
  if (!breakouts.open) return null;
  const mine = breakouts.roomOf(peer.personId);
  return {
    endsAt: breakouts.endsAt!.toISOString(),
    minutes: breakouts.minutes,
    warning: breakouts.warning,
    room: mine ? roomView(live, mine) : null,
    rooms: peer.isHost ? breakouts.rooms.map((id) => roomView(live, id)) : [],
  };
}

/**
 * After rooms opened, changed, warned or closed: consumers across rooms close at once, and
 * every peer gets its room and the participants it now sees (the client consumes from those).
 */
export function publishBreakouts(live: LiveSession): void {
  live.enforceAudiences();
  for (const peer of live.peers.values()) {
    if (!peer.admitted || !peer.socket) continue;
    const participants: LiveParticipant[] = live.participantsFor(peer);
    peer.socket.emit('live:breakout', { breakout: breakoutView(live, peer), participants });
  }
}

// Breakout rooms of a live session over Socket.IO: the host splits the session into rooms for a
// while; everyone's media, participant list and chat are their room's only. Rooms are named by
// number ("Room 2") on the client, in the reader's language.
import { z } from 'zod';
import type { LiveParticipant } from './live.ts';

const peerId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/);
const roomId = z.string().regex(/^room-[0-9]{1,2}$/);
const apart = z
  .array(z.tuple([peerId, peerId]))
  .max(20)
  .default([]);

/** Whole minutes in use; fractions below 1 only where the server allows them (tests). */
export const BREAKOUT_MAX_MINUTES = 180;

export const breakoutSchemas = {
  /**
   * Hosts: open breakout rooms. `size` 2 = pairs, 3 = triads; `rooms` = that many rooms; `hand`
   * = these people in these rooms. `apart`: two people never put in the same room (automatic).
   */
  'live:breakoutOpen': z
    .object({
      minutes: z.number().min(0.05).max(BREAKOUT_MAX_MINUTES),
      split: z.discriminatedUnion('by', [
        z.object({ by: z.literal('size'), size: z.number().int().min(2).max(10), apart }).strict(),
        z
          .object({ by: z.literal('rooms'), rooms: z.number().int().min(2).max(20), apart })
          .strict(),
        z
          .object({
            by: z.literal('hand'),
            rooms: z.array(z.array(peerId).min(1).max(20)).min(1).max(20),
          })
          .strict(),
      ]),
    })
    .strict(),
  /** Hosts: move someone (oneself: a visit) into a room, or back to the main room (null). */
  'live:breakoutMove': z.object({ peerId, roomId: roomId.nullable() }).strict(),
  /** Hosts: everyone back to the main room now. */
  'live:breakoutClose': z.object({}).strict(),
  /** Hosts: a short message shown in every room. */
  'live:breakoutBroadcast': z.object({ text: z.string().trim().min(1).max(300) }).strict(),
  /** Anyone in a breakout room: a message to that room only (not stored). */
  'live:breakoutChat': z.object({ text: z.string().trim().min(1).max(1000) }).strict(),
} as const;

export type BreakoutSplit = z.input<(typeof breakoutSchemas)['live:breakoutOpen']>['split'];

export interface BreakoutMember {
  peerId: string;
  name: string;
}

export interface BreakoutRoomView {
  id: string;
  /** 1, 2, 3…: shown as "Room 2". */
  number: number;
  members: BreakoutMember[];
}

/** What one peer knows of the breakout rooms while they are open. */
export interface BreakoutView {
  /** ISO instant the rooms close by themselves. */
  endsAt: string;
  /** Minutes the host set (for "10 minutes in pairs"). */
  minutes: number;
  /** The last minute has begun (sent once, as its own event). */
  warning: boolean;
  /** My room, or null: I am in the main room. */
  room: BreakoutRoomView | null;
  /** Hosts only: every room and who is in it (empty for others). */
  rooms: BreakoutRoomView[];
}

export interface BreakoutMessage {
  from: string;
  fromPeerId: string;
  text: string;
  at: string;
  /** From a host to every room. */
  broadcast: boolean;
}

export interface BreakoutResponses {
  'live:breakoutOpen': { rooms: number };
  'live:breakoutMove': null;
  'live:breakoutClose': null;
  'live:breakoutBroadcast': null;
  'live:breakoutChat': null;
}

export interface BreakoutEvents {
  /**
   * Rooms opened, changed, warned or closed (null: everyone is in the main room). With it, the
   * participants I now see: my room's only.
   */
  'live:breakout': (payload: {
    breakout: BreakoutView | null;
    participants: LiveParticipant[];
  }) => void;
  'live:breakoutMessage': (message: BreakoutMessage) => void;
}

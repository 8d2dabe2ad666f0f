// Who was at a session: recorded when someone joins the video session, correctable by the
// facilitator. Keyed by session and person, so recording a join and reading who was there are
// look-ups by primary key (on FerretDB every other filter reads the whole collection — years of
// rows). Erasure keeps only anonymous counts (the person's id replaced by a random one).
import mongoose, { type InferSchemaType } from 'mongoose';
import { opaqueId } from '../privacy/opaqueId.ts';

const attendanceSchema = new mongoose.Schema(
  {
    /** Session and person (attendanceKey): joining twice counts once. */
    _id: { type: String, required: true },
    sessionId: { type: mongoose.Schema.Types.ObjectId, ref: 'GroupSession', required: true },
    groupId: { type: mongoose.Schema.Types.ObjectId, ref: 'Group', required: true },
    /** A random id once the person has erased their account: the attendance still counts. */
    personId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    present: { type: Boolean, required: true },
    source: { type: String, enum: ['video', 'facilitator'], required: true },
    joinedAt: { type: Date, default: null },
    /** The last time they left the video (null while there, or when corrected by hand). */
    leftAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false },
);
// For reach figures and a person's export (scanned on FerretDB; neither is on a hot path).
attendanceSchema.index({ groupId: 1 });
attendanceSchema.index({ personId: 1 });

export type AttendanceDoc = InferSchemaType<typeof attendanceSchema>;
export const Attendance = mongoose.model('Attendance', attendanceSchema, 'attendance');

/** A row's key: session and person, as an HMAC that names nobody (privacy/opaqueId.ts). */
export const attendanceKey = (sessionId: string, personId: string) =>
  opaqueId('attendance', sessionId, personId);

/** The rows of these people at a session, by key (absent: no row). */
export async function attendanceAt(
  sessionId: string,
  personIds: string[],
): Promise<Map<string, AttendanceDoc>> {
  const rows = await Promise.all(
    personIds.map((personId) => Attendance.findById(attendanceKey(sessionId, personId)).lean()),
  );
  return new Map(
    rows.flatMap((row) => (row?.personId ? [[String(row.personId), row] as const] : [])),
  );
}

type JoinListener = (join: {
  sessionId: string;
  groupId: string;
  personId: string;
  at: Date;
}) => Promise<void>;
const joinListeners: JoinListener[] = [];

/** Told of each join after it is recorded (e.g. a trainer's meeting attended is a contact). */
export function onJoin(listener: JoinListener): void {
  joinListeners.push(listener);
}

type PresenceListener = (change: { sessionId: string; personId: string }) => Promise<void>;
const presenceListeners: PresenceListener[] = [];

/** Told after a person's row at a session may have changed (e.g. the reach ledger). */
export function onPresence(listener: PresenceListener): void {
  presenceListeners.push(listener);
}

async function presenceChanged(sessionId: string, personId: string): Promise<void> {
  for (const listener of presenceListeners) await listener({ sessionId, personId });
}

/** The hook for live sessions: someone joined the video of this session. */
export async function recordJoin(
  sessionId: string,
  groupId: string,
  personId: string,
  at: Date,
): Promise<void> {
  await Attendance.updateOne(
    { _id: attendanceKey(sessionId, personId) },
    {
      $setOnInsert: { sessionId, groupId, personId, joinedAt: at, present: true, source: 'video' },
      // Rejoining after leaving: there again.
      $set: { leftAt: null },
    },
    { upsert: true },
  );
  await presenceChanged(sessionId, personId);
  for (const listener of joinListeners) await listener({ sessionId, groupId, personId, at });
}

/** The hook for live sessions: someone left the video (or their connection did not come back). */
export async function recordLeave(sessionId: string, personId: string, at: Date): Promise<void> {
  await Attendance.updateOne({ _id: attendanceKey(sessionId, personId) }, { leftAt: at });
}

/** A facilitator's correction (the attendance page, or a session report): who was there. */
export async function correctAttendance(
  sessionId: string,
  groupId: string,
  entries: { personId: string; present: boolean }[],
): Promise<void> {
  for (const entry of entries) {
    await Attendance.updateOne(
      { _id: attendanceKey(sessionId, entry.personId) },
      {
        $set: { present: entry.present, source: 'facilitator' },
        $setOnInsert: { sessionId, groupId, personId: entry.personId, joinedAt: null },
      },
      { upsert: true },
    );
    await presenceChanged(sessionId, entry.personId);
  }
}

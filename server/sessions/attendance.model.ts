// Who was at a session: recorded when someone joins the video session, correctable by the
// facilitator. Erasure keeps only anonymous counts (personId removed).
import mongoose, { type InferSchemaType, type Types } from 'mongoose';

const attendanceSchema = new mongoose.Schema(
  {
    sessionId: { type: mongoose.Schema.Types.ObjectId, ref: 'GroupSession', required: true },
    groupId: { type: mongoose.Schema.Types.ObjectId, ref: 'Group', required: true },
    /** Null once the person has erased their account: the attendance still counts. */
    personId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    present: { type: Boolean, required: true },
    source: { type: String, enum: ['video', 'facilitator'], required: true },
    joinedAt: { type: Date, default: null },
    /** The last time they left the video (null while there, or when corrected by hand). */
    leftAt: { type: Date, default: null },
    /** "session:person" while the person is known; unique so joining twice counts once. */
    key: { type: String, required: true },
  },
  { timestamps: true, versionKey: false },
);
attendanceSchema.index({ key: 1 }, { unique: true });
attendanceSchema.index({ sessionId: 1 });
attendanceSchema.index({ groupId: 1 });

export type AttendanceDoc = InferSchemaType<typeof attendanceSchema> & { _id: Types.ObjectId };
export const Attendance = mongoose.model('Attendance', attendanceSchema, 'attendance');

export const attendanceKey = (sessionId: string, personId: string) => `${sessionId}:${personId}`;

/** The hook for live sessions: someone joined the video of this session. */
export async function recordJoin(
  sessionId: string,
  groupId: string,
  personId: string,
  at: Date,
): Promise<void> {
  await Attendance.updateOne(
    { key: attendanceKey(sessionId, personId) },
    {
      $setOnInsert: { sessionId, groupId, personId, joinedAt: at, present: true, source: 'video' },
      // Rejoining after leaving: there again.
      $set: { leftAt: null },
    },
    { upsert: true },
  );
}

/** The hook for live sessions: someone left the video (or their connection did not come back). */
export async function recordLeave(sessionId: string, personId: string, at: Date): Promise<void> {
  await Attendance.updateOne({ key: attendanceKey(sessionId, personId) }, { leftAt: at });
}

/** A facilitator's correction (the attendance page, or a session report): who was there. */
export async function correctAttendance(
  sessionId: string,
  groupId: string,
  entries: { personId: string; present: boolean }[],
): Promise<void> {
  for (const entry of entries) {
    await Attendance.updateOne(
      { key: attendanceKey(sessionId, entry.personId) },
      {
        $set: { present: entry.present, source: 'facilitator' },
        $setOnInsert: { sessionId, groupId, personId: entry.personId, joinedAt: null },
      },
      { upsert: true },
    );
  }
}

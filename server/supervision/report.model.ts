// A facilitator's report after a session: one per session (the unique sessionId makes a second
// one fail even when two facilitators file at the same moment). It keeps a snapshot of who was
// there, so the report still reads right after families leave the group.
import mongoose, { type FlattenMaps, type InferSchemaType, type Types } from 'mongoose';
import { findByIds } from '../db/byIds.ts';
import { addId, idsIn } from '../db/idLists.ts';
import { registerPersonalData } from '../privacy/personalData.ts';
import { REPORT_THEMES } from '../protocol/supervision.ts';

const reportSchema = new mongoose.Schema(
  {
    sessionId: { type: mongoose.Schema.Types.ObjectId, ref: 'GroupSession', required: true },
    groupId: { type: mongoose.Schema.Types.ObjectId, ref: 'Group', required: true },
    /** When the session started (copied: reports are listed without reading sessions). */
    sessionStartsAt: { type: Date, required: true },
    /** Null once the author has erased their account. */
    authorId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    attendance: [
      {
        _id: false,
        /** Null (and the name emptied) once the family has erased their account. */
        personId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
        displayName: { type: String, default: '' },
        present: { type: Boolean, required: true },
      },
    ],
    themes: { type: [{ type: String, enum: REPORT_THEMES }], default: [] },
    howItWent: { type: Number, min: 1, max: 5, required: true },
    notes: { type: String, default: '' },
    concern: { type: String, default: '' },
    safeguarding: { type: Boolean, default: false },
    /** The session plan as run in the live room (copied when the report is filed). */
    planRun: [
      {
        _id: false,
        title: { type: String, default: '' },
        plannedMinutes: { type: Number, default: 0 },
        actualMinutes: { type: Number, default: 0 },
        skipped: { type: Boolean, default: false },
      },
    ],
    /** Check-in totals the facilitator kept in the room: counts only, never who answered. */
    checkIns: [{ _id: false, kind: { type: String, required: true }, counts: [Number] }],
    /** The group's trainer answering the report. */
    feedback: [
      {
        _id: false,
        byId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
        text: { type: String, required: true },
        at: { type: Date, required: true },
      },
    ],
  },
  { timestamps: true, versionKey: false },
);
reportSchema.index({ sessionId: 1 }, { unique: true });
reportSchema.index({ groupId: 1, createdAt: -1 });
reportSchema.index({ authorId: 1 });

// The shape `.lean()` returns (plain arrays).
export type ReportDoc = FlattenMaps<InferSchemaType<typeof reportSchema>> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const Report = mongoose.model('SessionReport', reportSchema, 'session_reports');

registerPersonalData({
  name: 'sessionReports',
  export: async (person) => ({
    written: await Report.find(
      { authorId: person._id },
      { attendance: 0, 'feedback.byId': 0 },
    ).lean(),
    attended: (
      await Report.find(
        { 'attendance.personId': person._id },
        { sessionId: 1, groupId: 1, attendance: 1 },
      ).lean()
    ).map((r) => ({
      sessionId: r.sessionId,
      groupId: r.groupId,
      present: r.attendance.find((a) => String(a.personId) === String(person._id))?.present,
    })),
  }),
  // The organisation keeps the record of the session (a safeguarding concern may need it); the
  // person is no longer named in it.
  erase: async (person) => {
    await Report.updateMany({ authorId: person._id }, { authorId: null });
    for (const report of await Report.find({
      $or: [{ 'attendance.personId': person._id }, { 'feedback.byId': person._id }],
    }).lean()) {
      const mine = (id: unknown) => String(id) === String(person._id);
      await Report.updateOne(
        { _id: report._id },
        {
          attendance: report.attendance.map((a) =>
            mine(a.personId) ? { personId: null, displayName: '', present: a.present } : a,
          ),
          feedback: report.feedback.map((f) => (mine(f.byId) ? { ...f, byId: null } : f)),
        },
      );
    }
  },
});

/** Reports a group keeps listed (its newest), read by key. */
const LISTED_PER_GROUP = 50;

/** Lists a new report under its group and its session (db/idLists.ts). */
export async function listReport(report: Pick<ReportDoc, '_id' | 'groupId' | 'sessionId'>) {
  await addId('group-reports', report.groupId, report._id, LISTED_PER_GROUP);
  await addId('session-report', report.sessionId, report._id, 1);
}

/** The id of the session's report (null: none filed). */
export async function reportIdOf(sessionId: unknown): Promise<string | null> {
  return (await idsIn('session-report', sessionId))[0] ?? null;
}

/**
 * Reports of these groups, newest first: the newest ids of each group's list (an ObjectId begins
 * with its second of creation), then the reports themselves, ordered by when they were filed.
 */
export async function reportsOfGroups(groupIds: unknown[], limit: number): Promise<ReportDoc[]> {
  const lists = await Promise.all(groupIds.map((id) => idsIn('group-reports', id)));
  const newest = lists
    .flat()
    .sort((a, b) => b.localeCompare(a))
    .slice(0, limit * 2);
  const reports = await findByIds<ReportDoc>(Report, newest);
  return reports
    .sort(
      (a, b) =>
        b.createdAt.getTime() - a.createdAt.getTime() || String(b._id).localeCompare(String(a._id)),
    )
    .slice(0, limit);
}

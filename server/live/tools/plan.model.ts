// A group's reusable session plan (keyed by the group), and a session's plan as it ran with the
// check-in aggregates kept for its report (keyed by the session). Neither names a person: the
// aggregates are counts only.
import mongoose from 'mongoose';
import { CHECK_IN_KINDS } from '../../protocol/roomTools.ts';

const itemSchema = { _id: false, title: String, minutes: Number };

const planSchema = new mongoose.Schema(
  {
    _id: { type: mongoose.Schema.Types.ObjectId, ref: 'Group' },
    items: { type: [itemSchema], default: [] },
  },
  { timestamps: true, versionKey: false },
);
export const SessionPlan = mongoose.model('SessionPlan', planSchema, 'session_plans');

const runSchema = new mongoose.Schema(
  {
    _id: { type: mongoose.Schema.Types.ObjectId, ref: 'GroupSession' },
    groupId: { type: mongoose.Schema.Types.ObjectId, ref: 'Group', required: true },
    plan: {
      type: [
        {
          _id: false,
          title: String,
          plannedMinutes: Number,
          startedAt: Date,
          endedAt: { type: Date, default: null },
          skipped: { type: Boolean, default: false },
        },
      ],
      default: [],
    },
    checkIns: {
      type: [{ _id: false, kind: { type: String, enum: CHECK_IN_KINDS }, counts: [Number] }],
      default: [],
    },
  },
  { timestamps: true, versionKey: false },
);
export const SessionRun = mongoose.model('SessionRun', runSchema, 'session_runs');

export async function planOf(groupId: string) {
  const doc = await SessionPlan.findById(groupId).lean();
  return (doc?.items ?? []).map((i) => ({ title: i.title ?? '', minutes: i.minutes ?? 1 }));
}

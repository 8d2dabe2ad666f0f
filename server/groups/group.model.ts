// A peer group: what it is about, in which languages and where, who runs it, its schedule and
// its places. Seat counters live on the group document so enrolment stays one atomic update.
import mongoose, { type FlattenMaps, type InferSchemaType, type Types } from 'mongoose';
import { addId } from '../db/idLists.ts';
import {
  AUDIENCES,
  GROUP_KINDS,
  GROUP_STATUSES,
  REGIONS,
  TOPICS,
  WEEKDAYS,
} from '../protocol/groups.ts';

const localized = [{ _id: false, lang: String, text: String }];

const scheduleSchema = new mongoose.Schema(
  {
    frequency: { type: String, enum: ['weekly', 'biweekly', 'monthly'], required: true },
    weekday: { type: String, enum: WEEKDAYS, required: true },
    monthlyNth: { type: Number, default: null },
    /** Monthly schedules: every how many months (null: every month). */
    everyMonths: { type: Number, default: null },
    /** Local Helsinki date and time of the first session. */
    startDate: { type: String, required: true },
    startTime: { type: String, required: true },
    durationMinutes: { type: Number, required: true },
    until: { type: String, default: null },
    count: { type: Number, default: null },
  },
  { _id: false },
);

const groupSchema = new mongoose.Schema(
  {
    /** A family group, or a meeting for facilitators (protocol/groups.ts GROUP_KINDS). */
    kind: { type: String, enum: GROUP_KINDS, default: 'family' },
    title: { type: localized, required: true },
    description: { type: localized, required: true },
    topics: { type: [{ type: String, enum: TOPICS }], required: true },
    sessionLanguages: { type: [String], required: true },
    audience: { type: String, enum: AUDIENCES, required: true },
    region: { type: String, enum: REGIONS, required: true },
    capacity: { type: Number, required: true },
    leadFacilitatorId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    coFacilitatorId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    trainerId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    status: { type: String, enum: GROUP_STATUSES, default: 'draft' },
    visibility: { type: String, enum: ['public', 'invitation'], default: 'public' },
    observationAllowed: { type: Boolean, default: false },
    requiresApproval: { type: Boolean, default: false },
    joinWindowMinutes: { type: Number, default: 10 },
    /** Enrolled families enter the live session directly; off = they wait in the lobby. */
    autoAdmit: { type: Boolean, default: true },
    schedule: { type: scheduleSchema, required: true },
    exceptions: [
      {
        _id: false,
        date: String,
        kind: { type: String, enum: ['cancelled', 'moved'] },
        newStart: Date,
        reason: String,
      },
    ],
    /** Derived, for catalogue filters. */
    timeOfDay: { type: String, enum: ['morning', 'afternoon', 'evening'] },
    /** Lower-case titles, descriptions and topics, for free-text search. */
    searchText: { type: String, default: '' },
    /** Bumped when the rules families accept change (observation, approval, capacity). */
    rulesVersion: { type: String, required: true },
    confirmedCount: { type: Number, default: 0 },
    waitlistCount: { type: Number, default: 0 },
    /**
     * The next sessions, copied here by syncSessions so pages that list groups read no session
     * documents (FerretDB scans a collection for such queries). Past ones are skipped on read.
     */
    upcoming: [
      {
        _id: false,
        id: String,
        key: String,
        startsAt: Date,
        endsAt: Date,
        status: String,
        reason: { type: String, default: null },
        startedAt: { type: Date, default: null },
        endedAt: { type: Date, default: null },
      },
    ],
    /**
     * Sessions its facilitators opened on the platform in the last weeks whose report is not
     * written yet (sessions/lifecycle.ts): the facilitator's home lists them without reading
     * session or report documents.
     */
    awaitingReport: [{ _id: false, id: String, startsAt: Date, startedAt: Date }],
    /** Arrival order of enrolments (waitlist positions follow it). */
    arrivalSeq: { type: Number, default: 0 },
  },
  { timestamps: true, versionKey: false },
);
groupSchema.index({ visibility: 1, status: 1, sessionLanguages: 1 });
groupSchema.index({ visibility: 1, status: 1, topics: 1 });
groupSchema.index({ visibility: 1, status: 1, region: 1 });
groupSchema.index({ visibility: 1, status: 1, 'schedule.weekday': 1, timeOfDay: 1 });
groupSchema.index({ leadFacilitatorId: 1 });
groupSchema.index({ coFacilitatorId: 1 });
groupSchema.index({ trainerId: 1 });

// The shape `.lean()` returns (plain arrays, not mongoose document arrays).
export type GroupDoc = FlattenMaps<InferSchemaType<typeof groupSchema>> & { _id: Types.ObjectId };
// A new family group joins the list the coordinator's overview pages through (groups/routes.ts).
groupSchema.pre('save', function () {
  this.$locals.newFamilyGroup = this.isNew && (this.kind ?? 'family') === 'family';
});
groupSchema.post('save', async (doc) => {
  if (doc.$locals.newFamilyGroup) await addId('family-groups', ALL, doc._id);
});
/** The key of the list of every family group. */
export const ALL = 'all';
export const Group = mongoose.model('Group', groupSchema, 'groups');

export function facilitatorIds(
  group: Pick<GroupDoc, 'leadFacilitatorId' | 'coFacilitatorId'>,
): string[] {
  return [group.leadFacilitatorId, group.coFacilitatorId]
    .filter((id) => id !== null && id !== undefined)
    .map(String);
}

// A volunteer's application and its way through the recruitment pipeline: every step with who,
// when and why. Kept as personal data of the applicant (export and erase by email).
import mongoose, { type InferSchemaType, type Types } from 'mongoose';
import { PIPELINE_REASON_CODES, PIPELINE_STATUSES } from '../protocol/training.ts';
import { registerPersonalData } from '../privacy/personalData.ts';

const stepSchema = new mongoose.Schema(
  {
    from: { type: String, enum: [...PIPELINE_STATUSES, null], default: null },
    to: { type: String, enum: PIPELINE_STATUSES, required: true },
    byId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    at: { type: Date, required: true },
    reason: { type: String, default: '' },
    /** Set when the system moved it (a pause, a certification): shown in the reader's language. */
    reasonCode: { type: String, enum: [...PIPELINE_REASON_CODES, null], default: null },
  },
  { _id: false },
);

const applicationSchema = new mongoose.Schema(
  {
    name: { type: String, required: true },
    email: { type: String, required: true, index: true },
    phone: { type: String, default: null },
    languagesSpoken: { type: [String], default: [] },
    region: { type: String, required: true },
    motivation: { type: String, required: true },
    availability: { type: String, required: true },
    language: { type: String, required: true },
    consentAt: { type: Date, required: true },
    status: { type: String, enum: PIPELINE_STATUSES, default: 'applied', index: true },
    interviewAt: { type: Date, default: null },
    /** The booked interview's meeting (a group of kind 'interview') and its one session. */
    interviewGroupId: { type: mongoose.Schema.Types.ObjectId, ref: 'Group', default: null },
    interviewSessionId: {
      type: mongoose.Schema.Types.ObjectId,
      ref: 'GroupSession',
      default: null,
    },
    /** sha256 of the applicant's personal interview link; the link itself is only emailed. */
    interviewTokenHash: { type: String, default: null, index: true },
    interviewTokenValidUntil: { type: Date, default: null },
    /** The account once the volunteer has one (invited after acceptance). */
    personId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    history: { type: [stepSchema], default: [] },
  },
  { timestamps: true, versionKey: false },
);

export type ApplicationDoc = InferSchemaType<typeof applicationSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const Application = mongoose.model(
  'VolunteerApplication',
  applicationSchema,
  'volunteer_applications',
);

registerPersonalData({
  name: 'volunteerApplications',
  export: (person) =>
    Application.find(
      { $or: [{ email: person.email }, { personId: person._id }] },
      { interviewTokenHash: 0 }, // a credential: its link was emailed to them
    ).lean(),
  erase: async (person) => {
    await Application.deleteMany({ $or: [{ email: person.email }, { personId: person._id }] });
  },
});

// Durable jobs: reminders and change notices waiting to be sent. The id stands for what the job
// is (an HMAC of e.g. session, person, 1440), so planning the same thing twice is one job.
import mongoose, { type InferSchemaType } from 'mongoose';

const jobSchema = new mongoose.Schema(
  {
    _id: String,
    kind: { type: String, enum: ['reminder', 'notice'], required: true },
    runAt: { type: Date, required: true },
    personId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    groupId: { type: mongoose.Schema.Types.ObjectId, ref: 'Group', required: true },
    sessionId: { type: mongoose.Schema.Types.ObjectId, ref: 'GroupSession', default: null },
    /** Which notice (session-cancelled, enrolment-promoted…) or reminder offset. */
    topic: { type: String, required: true },
    status: { type: String, enum: ['pending', 'running', 'done', 'cancelled'], default: 'pending' },
    /** A claimed job whose lease ran out (the server stopped mid-way) is taken up again. */
    leaseUntil: { type: Date, default: null },
    attempts: { type: Number, default: 0 },
    doneAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false },
);
jobSchema.index({ status: 1, runAt: 1 });
jobSchema.index({ personId: 1, status: 1 });
jobSchema.index({ sessionId: 1, status: 1 });

export type JobDoc = InferSchemaType<typeof jobSchema> & { _id: string };
export const Job = mongoose.model('Job', jobSchema, 'jobs');

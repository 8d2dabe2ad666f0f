// A partner organisation's named contact persons over time. Leaving keeps the row (who was the
// contact, until when, who took over): the history a partnership needs despite staff turnover.
import mongoose, { type InferSchemaType, type Types } from 'mongoose';

const contactSchema = new mongoose.Schema(
  {
    organisationId: { type: mongoose.Schema.Types.ObjectId, ref: 'Organisation', required: true },
    personId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    since: { type: Date, required: true },
    leftAt: { type: Date, default: null },
    successorId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
  },
  { versionKey: false },
);
contactSchema.index({ organisationId: 1 });
contactSchema.index({ personId: 1 });

export type ContactDoc = InferSchemaType<typeof contactSchema> & { _id: Types.ObjectId };
export const Contact = mongoose.model('Contact', contactSchema, 'partner_contacts');

/** The organisations a person is an active contact person of. */
export async function activeContactOrganisations(personId: string): Promise<string[]> {
  const rows = await Contact.find({ personId, leftAt: null }, { organisationId: 1 }).lean();
  return rows.map((r) => String(r.organisationId));
}

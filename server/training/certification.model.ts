// A facilitator's certification: signed off by their trainer once every required module is
// passed, valid for a period. Renewals add a new document; the newest valid one counts.
import mongoose, { type InferSchemaType, type Types } from 'mongoose';
import { findByIds } from '../db/byIds.ts';
import { addId, dropList, idsIn } from '../db/idLists.ts';
import { registerPersonalData } from '../privacy/personalData.ts';
import { noteContact } from '../supervision/contactCard.ts';

const certificationSchema = new mongoose.Schema(
  {
    personId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    signedOffById: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    certifiedAt: { type: Date, required: true },
    validUntil: { type: Date, required: true },
    note: { type: String, default: '' },
    /** Module ids passed when signed off (what the certification rested on). */
    modulesPassed: { type: [String], default: [] },
    /** The refresher reminder: when it was sent; a sweep's claim (attempt, lease) meanwhile. */
    refresherRemindedAt: { type: Date, default: null },
    refresherAttempts: { type: Number, default: 0 },
    refresherLeaseUntil: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false },
);
certificationSchema.index({ personId: 1, validUntil: -1 });

// Listed under the person (read by key, never searched); and signing off is contact from a
// trainer, however the certification is made.
certificationSchema.post('save', async (doc) => {
  await addId('certifications', doc.personId, doc._id);
  await noteContact(doc.personId, doc.certifiedAt, 'certification');
});

export type CertificationDoc = InferSchemaType<typeof certificationSchema> & {
  _id: Types.ObjectId;
};
export const Certification = mongoose.model('Certification', certificationSchema, 'certifications');

/** These people's certifications from their lists, the longest valid first. */
export async function certificationsOf(personIds: unknown[]): Promise<CertificationDoc[]> {
  const ids = await Promise.all(personIds.map((id) => idsIn('certifications', id)));
  const found = await findByIds<CertificationDoc>(Certification, ids.flat());
  return found.sort((a, b) => b.validUntil.getTime() - a.validUntil.getTime());
}

/** The certification that makes the person a certified facilitator now, if any. */
export async function validCertification(personId: string | Types.ObjectId, now = new Date()) {
  return (await certificationsOf([personId])).find((c) => c.validUntil > now) ?? null;
}

registerPersonalData({
  name: 'certifications',
  export: async (person) => ({
    certifications: await Certification.find(
      { personId: person._id },
      { personId: 0, refresherLeaseUntil: 0, refresherAttempts: 0 },
    ).lean(),
  }),
  // Signed off for this person only: nothing to keep once they erase their account.
  erase: async (person) => {
    await Certification.deleteMany({ personId: person._id });
    await dropList('certifications', person._id);
  },
});

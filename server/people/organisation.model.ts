// The central organisation with its regional branches, and partner organisations (municipal
// family services, other NGOs, parishes).
import mongoose, { type InferSchemaType, type Types } from 'mongoose';
import {
  ORGANISATION_KINDS,
  type OrganisationInfo,
  type OrganisationKind,
} from '../protocol/api.ts';
import { REGIONS } from '../protocol/groups.ts';
import { PARTNER_KINDS } from '../protocol/partners.ts';

const organisationSchema = new mongoose.Schema(
  {
    name: { type: String, required: true },
    kind: { type: String, enum: ORGANISATION_KINDS, required: true },
    parentId: { type: mongoose.Schema.Types.ObjectId, ref: 'Organisation', default: null },
    municipality: { type: String, default: null },
    /** Partner organisations only: what kind, where, and which languages their workers serve. */
    partnerKind: { type: String, enum: [...PARTNER_KINDS, null], default: null },
    region: { type: String, enum: [...REGIONS, null], default: null },
    languagesServed: { type: [String], default: [] },
  },
  { timestamps: true, versionKey: false },
);

export type OrganisationDoc = InferSchemaType<typeof organisationSchema> & { _id: Types.ObjectId };
export const Organisation = mongoose.model('Organisation', organisationSchema, 'organisations');

export function toOrganisationInfo(org: OrganisationDoc): OrganisationInfo {
  return {
    id: String(org._id),
    name: org.name,
    kind: org.kind as OrganisationKind,
    parentId: org.parentId ? String(org.parentId) : null,
    municipality: org.municipality ?? null,
  };
}

// A service in the directory, kept by the partner organisation that runs it. `confirmedAt` is
// when someone of that organisation last said the details are right (editing says so too).
import mongoose from 'mongoose';
import { REGIONS } from '../protocol/groups.ts';
import { SERVICE_NEEDS } from '../protocol/directory.ts';

const entrySchema = new mongoose.Schema(
  {
    organisationId: { type: mongoose.Schema.Types.ObjectId, ref: 'Organisation', required: true },
    name: { type: String, required: true },
    summary: {
      type: [{ _id: false, lang: String, text: String }],
      default: [],
    },
    need: { type: String, enum: SERVICE_NEEDS, required: true },
    region: { type: String, enum: REGIONS, required: true },
    languages: { type: [String], default: [] },
    phone: { type: String, default: '' },
    email: { type: String, default: '' },
    url: { type: String, default: '' },
    address: { type: String, default: '' },
    openingHours: { type: String, default: '' },
    contactPersonId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    confirmedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// The directory is small (hundreds of entries): searches read it whole, in this order.
entrySchema.index({ region: 1, need: 1 });

/** An entry as read (lean); ids as whatever the driver gives (compared as strings). */
export interface EntryDoc {
  _id: unknown;
  organisationId: unknown;
  name: string;
  summary: { lang?: string | null; text?: string | null }[];
  need: string;
  region: string;
  languages: string[];
  phone: string;
  email: string;
  url: string;
  address: string;
  openingHours: string;
  contactPersonId?: unknown;
  confirmedAt: Date;
  updatedAt: Date;
}
export const DirectoryEntry = mongoose.model('DirectoryEntry', entrySchema, 'directory_entries');

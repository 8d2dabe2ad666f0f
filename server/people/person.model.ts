// A person: a family member, a volunteer facilitator, staff or a partner worker — one account,
// one or more roles. Families give only what they choose: a first name or pseudonym, languages,
// optionally a municipality and their children's age ranges (never names).
import mongoose, { type InferSchemaType, type Types } from 'mongoose';
import {
  CHILD_AGE_RANGES,
  ROLES,
  type Me,
  type PersonSummary,
  type Role,
} from '../protocol/api.ts';
import { addId } from '../db/idLists.ts';
import { keepEmailKey } from './emailKey.model.ts';
import { peopleJoined, personJoined, rolesChanged } from './directory.ts';
import { languages, type LanguageCode } from '../protocol/languages.ts';

const personSchema = new mongoose.Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true },
    emailVerifiedAt: { type: Date, default: null },
    passwordHash: { type: String, default: null },
    displayName: { type: String, required: true },
    roles: { type: [{ type: String, enum: ROLES }], default: [] },
    language: { type: String, enum: languages.map((l) => l.code), default: 'fi' },
    languagesSpoken: { type: [String], default: [] },
    municipality: { type: String, default: null },
    childrenAgeRanges: { type: [{ type: String, enum: CHILD_AGE_RANGES }], default: [] },
    organisationId: { type: mongoose.Schema.Types.ObjectId, ref: 'Organisation', default: null },
    /** For a facilitator: the trainer who supervises them. */
    supervisorId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    passwordChangedAt: { type: Date, default: null },
    /** A facilitator taking a break (set by themself): not offered as a group's facilitator. */
    pause: {
      _id: false,
      since: { type: Date, default: null },
      /** Local date (YYYY-MM-DD) they expect to be back, if they said. */
      until: { type: String, default: null },
      note: { type: String, default: '' },
    },
    /** When to be reminded before each session (minutes), and whether by email too. */
    reminders: {
      _id: false,
      offsetsMinutes: { type: [Number], default: [24 * 60, 60] },
      email: { type: Boolean, default: true },
    },
    /**
     * The private calendar feed's token. Kept as is (not hashed) so the person can copy the URL
     * again; it opens only session times, and rotating it revokes old subscriptions.
     */
    calendarToken: { type: String, default: null, index: true },
  },
  { timestamps: true, versionKey: false },
);
personSchema.index({ roles: 1 });
personSchema.index({ supervisorId: 1 });
// A new person with a supervisor is listed under them (the trainer's dashboard reads the list by
// key); a new person and every change of roles keep the people lists (directory.ts). A change of
// supervisor later is listed by the route that makes it (people/routes.ts).
personSchema.pre('save', async function () {
  if (this.isNew) this.$locals.rolesBefore = null;
  else if (this.isModified('roles')) {
    const stored = await Person.findById(this._id, { roles: 1 }).lean();
    this.$locals.rolesBefore = stored?.roles ?? [];
  }
});
personSchema.post('save', async (doc) => {
  await keepEmailKey(doc.email, doc._id);
  if (doc.supervisorId) await addId('supervisees', doc.supervisorId, doc._id);
  const before = doc.$locals.rolesBefore as string[] | null | undefined;
  if (before === null) await personJoined(doc._id, doc.roles);
  else if (before) await rolesChanged(doc._id, before, doc.roles);
  delete doc.$locals.rolesBefore;
});
// An update that sets roles (a coordinator's change, an accepted invitation): the lists follow.
const rolesBefore = new WeakMap<object, { _id: Types.ObjectId; roles: string[] }>();
personSchema.pre(['updateOne', 'findOneAndUpdate'], async function () {
  if (!('roles' in updateOf(this.getUpdate()))) return;
  const person = await this.model.findOne(this.getFilter(), { roles: 1 }).lean<PersonDoc>();
  if (person) rolesBefore.set(this, { _id: person._id, roles: person.roles });
});
// An address changed by an update: its key follows (an old key then leads to nobody with it).
personSchema.post(['updateOne', 'findOneAndUpdate'], async function () {
  const before = rolesBefore.get(this);
  if (before) {
    rolesBefore.delete(this);
    const after = await this.model.findById(before._id, { roles: 1 }).lean<PersonDoc>();
    await rolesChanged(before._id, before.roles, after?.roles ?? []);
  }
  if (typeof updateOf(this.getUpdate()).email !== 'string') return;
  const person = await this.model.findOne(this.getFilter(), { email: 1 }).lean<PersonDoc>();
  if (person) await keepEmailKey(person.email, person._id);
});
// Written in bulk (benches, imports): each address findable by its key, each person listed.
personSchema.post(
  'insertMany',
  async (docs: { email: string; _id: Types.ObjectId; roles?: string[] }[]) => {
    for (const doc of docs) await keepEmailKey(doc.email, doc._id);
    await peopleJoined(docs);
  },
);

/** The fields an update sets, whether given plainly or under `$set`. */
function updateOf(update: unknown): Record<string, unknown> {
  const plain = (update ?? {}) as Record<string, unknown> & { $set?: Record<string, unknown> };
  return { ...plain, ...(plain.$set ?? {}) };
}

export type PersonDoc = InferSchemaType<typeof personSchema> & { _id: Types.ObjectId };
export const Person = mongoose.model('Person', personSchema, 'people');

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

export function toMe(person: PersonDoc): Me {
  return {
    id: String(person._id),
    email: person.email,
    displayName: person.displayName,
    roles: person.roles as Role[],
    language: person.language as LanguageCode,
    languagesSpoken: person.languagesSpoken,
    municipality: person.municipality ?? null,
    childrenAgeRanges: person.childrenAgeRanges as Me['childrenAgeRanges'],
    organisationId: person.organisationId ? String(person.organisationId) : null,
    emailVerified: !!person.emailVerifiedAt,
    createdAt: iso(person.createdAt) ?? '',
  };
}

export function toSummary(person: PersonDoc): PersonSummary {
  return {
    id: String(person._id),
    displayName: person.displayName,
    email: person.email,
    roles: person.roles as Role[],
    organisationId: person.organisationId ? String(person.organisationId) : null,
    supervisorId: person.supervisorId ? String(person.supervisorId) : null,
    emailVerified: !!person.emailVerifiedAt,
    createdAt: iso(person.createdAt) ?? '',
  };
}

export function personRef(person: PersonDoc) {
  return {
    id: String(person._id),
    supervisorId: person.supervisorId ? String(person.supervisorId) : null,
  };
}

// The private calendar feed is fetched by calendar apps every few hours for everyone subscribed:
// its token finds the person by key — a hash of the token, so the key names nobody and the token
// is not kept twice — instead of a search of everyone (FerretDB uses no index but `_id`).
import { createHash } from 'node:crypto';
import mongoose, { type Types } from 'mongoose';
import { replaceById } from '../db/rewrite.ts';
import { Person } from '../people/person.model.ts';
import { registerPersonalData } from '../privacy/personalData.ts';

const feedSchema = new mongoose.Schema(
  {
    _id: String,
    personId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
  },
  { versionKey: false },
);
export const CalendarFeed = mongoose.model('CalendarFeed', feedSchema, 'calendar_feeds');

const feedKey = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Gives the person this feed token, and ends the one they had. */
export async function setFeedToken(
  personId: unknown,
  token: string,
  previous: string | null | undefined,
): Promise<void> {
  await replaceById(CalendarFeed, feedKey(token), { _id: feedKey(token), personId });
  await Person.updateOne({ _id: personId }, { calendarToken: token });
  if (previous) await CalendarFeed.deleteOne({ _id: feedKey(previous) });
}

/** The person whose feed this is (the person's own token is checked: a rotated one is gone). */
export async function personOfFeed(token: string) {
  const feed = await CalendarFeed.findById(feedKey(token)).lean();
  const person = feed ? await Person.findById(feed.personId as Types.ObjectId).lean() : null;
  return person && person.calendarToken === token ? person : null;
}

registerPersonalData({
  name: 'calendarFeed',
  // The token is in the person's own document; this only finds it.
  export: async () => undefined,
  erase: async (person) => {
    if (person.calendarToken) await CalendarFeed.deleteOne({ _id: feedKey(person.calendarToken) });
  },
});

// How far a person has read in a channel. One document per (person, channel); markers only move
// forward, so an old tab reporting late cannot bring back read messages as unread.
import mongoose, { type InferSchemaType } from 'mongoose';
import { serialised } from '../db/claims.ts';
import { opaqueId } from '../privacy/opaqueId.ts';
import { registerPersonalData } from '../privacy/personalData.ts';

const readMarkerSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    personId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true, index: true },
    channelId: { type: String, required: true },
    seq: { type: Number, required: true },
  },
  { timestamps: true, versionKey: false },
);

export const ReadMarker = mongoose.model('ChatReadMarker', readMarkerSchema, 'chat_read_markers');
export type ReadMarkerDoc = InferSchemaType<typeof readMarkerSchema>;

const markerId = (personId: string, channelId: string) => opaqueId('read', personId, channelId);

/** How far the person has read in each of these channels (each marker by its key). */
export async function readSeqs(
  personId: string,
  channelIds: string[],
): Promise<Map<string, number>> {
  const markers = await Promise.all(
    channelIds.map((channelId) =>
      ReadMarker.findById(markerId(personId, channelId), { channelId: 1, seq: 1 }).lean(),
    ),
  );
  return new Map(markers.flatMap((m) => (m ? [[m.channelId, m.seq] as const] : [])));
}

/** Moves the marker forward to `seq` (never back); returns where it stands. */
export function markRead(personId: string, channelId: string, seq: number): Promise<number> {
  const _id = markerId(personId, channelId);
  // Updates are not atomic on this database: one writer per marker in this process.
  return serialised(`read:${_id}`, async () => {
    const current = await ReadMarker.findById(_id, { seq: 1 }).lean();
    if (current && current.seq >= seq) return current.seq;
    await ReadMarker.updateOne({ _id }, { personId, channelId, seq }, { upsert: true });
    return seq;
  });
}

registerPersonalData({
  name: 'chatReadMarkers',
  export: (person) => ReadMarker.find({ personId: person._id }, { _id: 0, personId: 0 }).lean(),
  erase: async (person) => {
    await ReadMarker.deleteMany({ personId: person._id });
  },
});

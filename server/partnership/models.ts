// What a partnership table keeps besides its group: agenda items, minutes and action items.
// FerretDB updates are neither atomic nor index-backed (shared notes): every write here touches
// one document, agenda items are one document per author's item, and minutes are revisions
// claimed by a deterministic _id so two people saving the same version cannot both win.
import mongoose, { type InferSchemaType, type Types } from 'mongoose';
import { ACTION_STATUSES } from '../protocol/partnership.ts';

const id = mongoose.Schema.Types.ObjectId;

const agendaSchema = new mongoose.Schema(
  {
    tableId: { type: id, ref: 'Group', required: true },
    sessionId: { type: id, ref: 'GroupSession', required: true },
    authorId: { type: id, ref: 'Person', required: true },
    text: { type: String, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
agendaSchema.index({ tableId: 1, sessionId: 1 });
export type AgendaItemDoc = InferSchemaType<typeof agendaSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const AgendaItem = mongoose.model('TableAgendaItem', agendaSchema, 'table_agenda_items');

/** The minutes of one meeting as last saved: `_id` is the session id (read by `_id` alone). */
const minutesSchema = new mongoose.Schema(
  {
    _id: String,
    tableId: { type: id, ref: 'Group', required: true },
    text: { type: String, default: '' },
    version: { type: Number, required: true },
    updatedBy: { type: id, ref: 'Person', required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
export type MinutesDoc = InferSchemaType<typeof minutesSchema>;
export const Minutes = mongoose.model('TableMinutes', minutesSchema, 'table_minutes');

/** Every saved version, `_id` "<sessionId>:<version>": inserting it is the claim on that version. */
export const MinutesRevision = mongoose.model(
  'TableMinutesRevision',
  new mongoose.Schema(
    {
      _id: String,
      tableId: { type: id, ref: 'Group', required: true },
      text: { type: String, default: '' },
      authorId: { type: id, ref: 'Person', required: true },
      at: { type: Date, required: true },
    },
    { versionKey: false },
  ),
  'table_minutes_revisions',
);

const actionSchema = new mongoose.Schema(
  {
    tableId: { type: id, ref: 'Group', required: true },
    /** The meeting it was raised at. */
    sessionId: { type: id, ref: 'GroupSession', required: true },
    raisedOn: { type: String, required: true },
    text: { type: String, required: true },
    ownerId: { type: id, ref: 'Person', required: true },
    /** Local Helsinki date. */
    dueDate: { type: String, required: true },
    status: { type: String, enum: ACTION_STATUSES, default: 'open' },
    createdBy: { type: id, ref: 'Person', required: true },
    doneAt: { type: Date, default: null },
    /** The contact person who held it before a hand-over (partners/succession.ts). */
    handedOverFrom: { type: id, ref: 'Person', default: null },
  },
  { timestamps: true, versionKey: false },
);
actionSchema.index({ tableId: 1 });
actionSchema.index({ ownerId: 1, status: 1 });
export type ActionItemDoc = InferSchemaType<typeof actionSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const ActionItem = mongoose.model('TableActionItem', actionSchema, 'table_action_items');

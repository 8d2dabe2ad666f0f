// A member's report of a message, kept for the group's facilitators and trainer with the text as
// it was (it may be edited, deleted or hidden later). One report per person and message.
import mongoose, { type InferSchemaType } from 'mongoose';
import { REPORT_REASONS } from '../protocol/chat.ts';
import { opaqueId } from '../privacy/opaqueId.ts';
import { registerPersonalData } from '../privacy/personalData.ts';

const reportSchema = new mongoose.Schema(
  {
    /** chatReportId(reporter, channel, seq): reporting twice is one report. */
    _id: { type: String, required: true },
    channelId: { type: String, required: true },
    seq: { type: Number, required: true },
    groupId: { type: mongoose.Schema.Types.ObjectId, ref: 'Group', default: null },
    reporterId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    reason: { type: String, enum: REPORT_REASONS, required: true },
    note: { type: String, default: '' },
    textAtReport: { type: String, required: true },
    senderName: { type: String, required: true },
    senderId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    status: { type: String, enum: ['open', 'resolved'], default: 'open' },
  },
  { timestamps: true, versionKey: false },
);
reportSchema.index({ groupId: 1, status: 1 });

export const ChatReport = mongoose.model('ChatReport', reportSchema, 'chat_reports');
export type ChatReportDoc = InferSchemaType<typeof reportSchema>;

/** The facilitators see this id (in their notification): it must not name the reporter. */
export const chatReportId = (reporterId: string, channelId: string, seq: number) =>
  opaqueId('chat-report', reporterId, channelId, seq);

registerPersonalData({
  name: 'chatReports',
  export: (person) =>
    ChatReport.find({ reporterId: person._id }, { _id: 0, reporterId: 0, textAtReport: 0 }).lean(),
  // The report stays for the facilitators (it is about someone else's words); who made it goes.
  erase: async (person) => {
    await ChatReport.updateMany({ reporterId: person._id }, { reporterId: null, note: '' });
    // Like their messages, the reported person's words and name go too.
    await ChatReport.updateMany(
      { senderId: person._id },
      { senderId: null, senderName: '—', textAtReport: '—' },
    );
  },
});

// Where emails go when no SMTP server is configured (development, tests): coordinators read
// them on the outbox page. Erasing an account removes the messages sent to it.
import mongoose from 'mongoose';

const outboxSchema = new mongoose.Schema(
  {
    to: { type: String, required: true, index: true },
    subject: { type: String, required: true },
    /** Which template it came from (reminder, passwordReset…): handy when reading the outbox. */
    template: { type: String, required: true },
    text: { type: String, required: true },
    links: { type: [String], default: [] },
    sentAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const OutboxMessage = mongoose.model('OutboxMessage', outboxSchema, 'outbox_messages');

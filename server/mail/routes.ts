import type { FeatureDeps } from '../deps.ts';
import { notFound } from '../errors.ts';
import type { ApiRouter } from '../http/api.ts';
import type { OutboxMessageInfo } from '../protocol/api.ts';
import { OutboxMessage } from './outbox.model.ts';

/** The development outbox: there only while no SMTP server is configured. */
export function outboxRoutes(api: ApiRouter, deps: FeatureDeps): void {
  api.get('/dev/outbox', { action: 'outbox.read' }, async () => {
    if (!deps.mailer.usesOutbox) throw notFound();
    const messages = await OutboxMessage.find().sort({ sentAt: -1 }).limit(100).lean();
    return messages.map((m): OutboxMessageInfo => ({
      id: String(m._id),
      to: m.to,
      subject: m.subject,
      text: m.text,
      links: m.links,
      sentAt: m.sentAt.toISOString(),
    }));
  });
}

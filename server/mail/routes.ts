import { isSignedIn } from '../access/actor.ts';
import type { FeatureDeps } from '../deps.ts';
import { notFound } from '../errors.ts';
import type { ApiRouter } from '../http/api.ts';
import { Person } from '../people/person.model.ts';
import type { OutboxMessageInfo } from '../protocol/api.ts';
import { OutboxMessage } from './outbox.model.ts';

// Any address in a text: verification, reset, invitation and interview links carry their token
// in the query or the path, so none of them is shown to anyone but the recipient.
const URL_IN_TEXT = /\bhttps?:\/\/\S+/giu;

/**
 * The development outbox: there only while no SMTP server is configured. The reader sees their
 * own emails whole; other people's without links, which are secrets (a reset link is the account).
 */
export function outboxRoutes(api: ApiRouter, deps: FeatureDeps): void {
  api.get('/dev/outbox', { action: 'outbox.read' }, async ({ actor, t }) => {
    if (!deps.mailer.usesOutbox) throw notFound();
    const reader = isSignedIn(actor)
      ? await Person.findById(actor.personId, { email: 1 }).lean()
      : null;
    const messages = await OutboxMessage.find().sort({ sentAt: -1 }).limit(100).lean();
    const withheld = `[${t('outbox.linkWithheld', { ns: 'account' })}]`;
    return messages.map((m): OutboxMessageInfo => {
      const own = reader !== null && m.to === reader.email;
      return {
        id: String(m._id),
        to: m.to,
        subject: m.subject,
        text: own ? m.text : m.text.replace(URL_IN_TEXT, withheld),
        links: own ? m.links : [],
        linksWithheld: !own && m.links.length > 0,
        sentAt: m.sentAt.toISOString(),
      };
    });
  });
}

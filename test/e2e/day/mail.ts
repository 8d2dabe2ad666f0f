// The day's emails, read from the development outbox (the families' mailboxes here).
import assert from 'node:assert/strict';
import { OutboxMessage } from '../../../server/mail/outbox.model.ts';

export interface Mail {
  subject: string;
  text: string;
  links: string[];
}

/** Waits for the email of this template to this address (emails go out within moments). */
export async function mailTo(to: string, template: string, timeoutMs = 15_000): Promise<Mail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await OutboxMessage.findOne({ to, template }).sort({ sentAt: -1 }).lean();
    if (found) return { subject: found.subject, text: found.text, links: found.links };
    if (Date.now() > until) {
      const got = await OutboxMessage.find({ to }, { template: 1 }).lean();
      assert.fail(`no ${template} email to ${to}; got ${got.map((m) => m.template).join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every link in an email appears once, and leads into this app. */
export function checkLinks(mail: Mail, appUrl: string): string {
  assert.ok(mail.links.length > 0, `a link in "${mail.subject}"`);
  for (const link of mail.links) {
    assert.ok(link.startsWith(`${appUrl}/`), `${link} leads to ${appUrl}`);
    assert.equal(mail.text.split(link).length - 1, 1, `${link} appears once in the text`);
  }
  return mail.links[0]!;
}

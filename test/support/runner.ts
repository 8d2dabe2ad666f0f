// A reminder runner as a server process would have one, writing to the outbox.
import pino from 'pino';
import { createMailer } from '../../server/mail/mailer.ts';
import { ReminderRunner, type Clock } from '../../server/reminders/runner.ts';

export function testRunner(publicUrl: string, clock?: Clock): ReminderRunner {
  const log = pino({ level: 'silent' });
  return new ReminderRunner({
    ...(clock ? { clock } : {}),
    mailer: createMailer({ smtpUrl: undefined, from: 'test', log }),
    log,
    publicUrl,
  });
}

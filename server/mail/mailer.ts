// Emails in the recipient's language, from templates in locales/<lang>/email.json. With
// SMTP_URL they go out through nodemailer's SMTP transport; without it, to the outbox.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { translator } from '../i18n/index.ts';
import type { LanguageCode } from '../protocol/languages.ts';
import { OutboxMessage } from './outbox.model.ts';

export type EmailTemplate =
  | 'verifyEmail'
  | 'alreadyRegistered'
  | 'passwordReset'
  | 'passwordChanged'
  | 'invitation'
  | 'accountErased'
  | 'reminder'
  | 'sessionCancelled'
  | 'sessionMoved'
  | 'enrolmentConfirmed'
  | 'enrolmentPromoted'
  | 'enrolmentRemoved'
  | 'applicationReceived'
  | 'certificationExpiring'
  | 'interviewBooked'
  | 'applicationDeclined'
  | 'safeguardingAlert';

export interface Email {
  to: string;
  lang: LanguageCode;
  template: EmailTemplate;
  /** Interpolated into the template; `link` is the action the email asks for. */
  params?: Record<string, string>;
}

export interface Mailer {
  readonly usesOutbox: boolean;
  send(email: Email): Promise<void>;
}

export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  log: Logger;
}): Mailer {
  const transport: Transporter | undefined = options.smtpUrl
    ? nodemailer.createTransport(options.smtpUrl)
    : undefined;
  return {
    usesOutbox: !transport,
    async send({ to, lang, template, params = {} }) {
      const t = translator(lang);
      const subject = t(`${template}.subject`, { ns: 'email', ...params });
      const text = [
        t('greeting', { ns: 'email' }),
        t(`${template}.body`, { ns: 'email', ...params }),
        params.link ?? '',
        t('signature', { ns: 'email' }),
      ]
        .filter(Boolean)
        .join('\n\n');
      if (transport) {
        await transport.sendMail({ from: options.from, to, subject, text });
      } else {
        await OutboxMessage.create({
          to,
          subject,
          template,
          text,
          links: params.link ? [params.link] : [],
          sentAt: new Date(),
        });
      }
      options.log.info({ template, outbox: !transport }, 'email sent');
    },
  };
}

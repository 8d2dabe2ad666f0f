// Emails in the recipient's language, from templates in locales/<lang>/email.json. With
// SMTP_URL they go out through nodemailer's SMTP transport; without it (development and tests
// only: config.ts refuses production without SMTP_URL), to the outbox.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { translator } from '../i18n/index.ts';
import type { LanguageCode } from '../protocol/languages.ts';
import { afterResponse } from '../platform/afterResponse.ts';
import { countStep } from '../platform/workCounts.ts';
import { insertOnce, keyDigest, keyedObjectId } from '../db/claims.ts';
import { OutboxMessage } from './outbox.model.ts';

export type EmailTemplate =
  | 'verifyEmail'
  | 'alreadyRegistered'
  | 'passwordReset'
  | 'passwordResetNoAccount'
  | 'passwordChanged'
  | 'invitation'
  | 'accountErased'
  | 'reminder'
  | 'sessionCancelled'
  | 'sessionMoved'
  | 'enrolmentConfirmed'
  | 'enrolmentWaitlisted'
  | 'enrolmentRequested'
  | 'enrolmentCancelled'
  | 'enrolmentPromoted'
  | 'enrolmentRemoved'
  | 'applicationReceived'
  | 'certificationExpiring'
  | 'interviewBooked'
  | 'applicationDeclined'
  | 'safeguardingAlert'
  | 'referralReminder'
  | 'referralLink'
  | 'alongsidePairedFamily'
  | 'alongsidePairedVolunteer'
  | 'appointmentReminder'
  | 'appointmentNote';

export interface Email {
  /**
   * The same key is the same email: sent again (a job retried after its process or database
   * died between sending and recording it), the outbox keeps it once and an SMTP delivery
   * carries the same Message-ID, by which mail systems drop the copy.
   */
  key?: string;
  to: string;
  lang: LanguageCode;
  template: EmailTemplate;
  /** Interpolated into the template; `link` is the action the email asks for. */
  params?: Record<string, string>;
}

export interface Mailer {
  readonly usesOutbox: boolean;
  /** Resolves once the email is in the outbox or accepted by the SMTP server. */
  send(email: Email): Promise<void>;
  /**
   * For emails sent while answering a request: the outbox write is awaited as in `send`, an SMTP
   * delivery goes on after the answer (retried a few times) — a busy or refusing SMTP server
   * neither fails a request whose work is already done nor tells its timing (sign-up, reset).
   * `send` is for the reminder runner and sweeps, which retry a failed job themselves.
   */
  queue(email: Email): Promise<void>;
}

const RETRY_AFTER_MS = [2_000, 15_000];

/**
 * Parameters as i18next takes them: a `count` (stored, like every parameter, as a string) picks the
 * plural form only as a number.
 */
export function withCount(params: Record<string, string>): Record<string, string | number> {
  return params.count === undefined ? params : { ...params, count: Number(params.count) };
}

export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  log: Logger;
}): Mailer {
  const { log } = options;
  const senderDomain = /@([^>\s]+)/.exec(options.from)?.[1] ?? 'rinnalla.invalid';
  const transport: Transporter | undefined = options.smtpUrl
    ? nodemailer.createTransport(options.smtpUrl)
    : undefined;

  const render = ({ lang, template, params: given = {} }: Email) => {
    const t = translator(lang);
    const params = withCount(given);
    const subject = t(`${template}.subject`, { ns: 'email', ...params });
    const text = [
      t('greeting', { ns: 'email' }),
      t(`${template}.body`, { ns: 'email', ...params }),
      params.link ?? '',
      t('signature', { ns: 'email' }),
    ]
      .filter(Boolean)
      .join('\n\n');
    return { subject, text };
  };

  const store = async (email: Email) => {
    const { subject, text } = render(email);
    const created = await insertOnce(() =>
      OutboxMessage.create({
        ...(email.key ? { _id: keyedObjectId(email.key) } : {}),
        to: email.to,
        subject,
        template: email.template,
        text,
        links: email.params?.link ? [email.params.link] : [],
        sentAt: new Date(),
      }),
    );
    log.info({ template: email.template, outbox: true, again: !created }, 'email sent');
  };

  const deliver = async (smtp: Transporter, email: Email) => {
    const { subject, text } = render(email);
    const messageId = email.key ? `<${keyDigest(email.key)}@${senderDomain}>` : undefined;
    await smtp.sendMail({
      from: options.from,
      to: email.to,
      subject,
      text,
      ...(messageId ? { messageId } : {}),
    });
    log.info({ template: email.template, outbox: false }, 'email sent');
  };

  const deliverWithRetries = async (smtp: Transporter, email: Email) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await deliver(smtp, email);
      } catch (error) {
        const wait = RETRY_AFTER_MS[attempt];
        if (wait === undefined) throw error;
        log.warn({ err: error, template: email.template }, 'email delivery failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  };

  return {
    usesOutbox: !transport,
    send: (email) => (transport ? deliver(transport, email) : store(email)),
    async queue(email) {
      countStep('mail.queued');
      if (!transport) return store(email);
      render(email); // the same work before the answer as the outbox path, minus the write
      afterResponse(log, `email ${email.template}`, () => deliverWithRetries(transport, email));
    },
  };
}

// A real SMTP server for tests (the smtp-server package) on 127.0.0.1 and a free port: it keeps
// every message it accepts, decoded enough to read (headers with RFC 2047 words, a
// quoted-printable or base64 text body), and can refuse the next deliveries as a busy server would.
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { freePort } from '../../server/platform/ports.ts';

export interface ReceivedMail {
  /** The envelope's recipients, as the SMTP conversation named them. */
  rcptTo: string[];
  mailFrom: string;
  /** Header names in lower case, decoded. */
  headers: Record<string, string>;
  subject: string;
  text: string;
  raw: string;
}

export interface SmtpSink {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Refuse the next `count` messages with a temporary 451 (after their data was sent). */
  refuseNext(count: number): void;
  refused: number;
  /** Waits for a message to this address matching `where`; throws after `timeoutMs`. */
  waitFor(
    to: string,
    where?: (mail: ReceivedMail) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const port = await freePort();
  const received: ReceivedMail[] = [];
  let toRefuse = 0;
  const sink: SmtpSink = {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    refused: 0,
    refuseNext(count) {
      toRefuse = count;
    },
    async waitFor(to, where = () => true, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find((m) => m.rcptTo.includes(to) && where(m));
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(
            `no email to ${to} within ${timeoutMs} ms; received: ${received
              .map((m) => `${m.rcptTo.join(',')}: ${m.subject}`)
              .join(' | ')}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const options: SMTPServerOptions = {
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (toRefuse > 0) {
          toRefuse -= 1;
          sink.refused += 1;
          const busy = Object.assign(new Error('Try again later'), { responseCode: 451 });
          callback(busy);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          ...parseMessage(raw),
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          raw,
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(options);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return sink;
}

function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2') // whitespace between encoded words is not part of the text
    .replace(
      /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
      (_all, _charset, encoding: string, data: string) =>
        encoding.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64').toString('utf8')
          : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(value: string): string {
  const bytes: number[] = [];
  const chars = [...value.replace(/=\r?\n/g, '')];
  for (let i = 0; i < chars.length; i += 1) {
    const hex = chars.slice(i + 1, i + 3).join('');
    if (chars[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(chars[i] ?? '', 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseMessage(raw: string): Pick<ReceivedMail, 'headers' | 'subject' | 'text'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body, 'base64').toString('utf8')
        : body;
  return { headers, subject: headers.subject ?? '', text: text.replace(/\r\n/g, '\n').trimEnd() };
}

import { SMTPServer } from 'smtp-server';
import { createSmtpTransport, type MailTransport } from '../../server/modules/notifications/mail-transport.js';

export interface CapturedMail {
  from: string;
  to: string[];
  subject: string;
  messageId: string;
  raw: string;
}

export interface SmtpCapture {
  readonly port: number;
  readonly messages: CapturedMail[];
  /** A real SMTP transport pointed at this server. */
  transport(): MailTransport;
  /** Refuse the next `count` messages with a temporary failure, as a busy relay would. */
  failNext(count: number): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps every message it accepts. A client that goes away
 * mid-message (a server process killed) resets its connection, which smtp-server reports as an
 * 'error' event: the capture carries on, as a relay does.
 */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  const messages: CapturedMail[] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (failures > 0) {
          failures -= 1;
          const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          subject: decodeHeader(header(raw, 'subject')),
          messageId: header(raw, 'message-id'),
          raw,
        });
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const transports: MailTransport[] = [];

  return {
    port,
    messages,
    transport() {
      const transport = createSmtpTransport({ host: '127.0.0.1', port, secure: false, user: undefined, password: undefined });
      transports.push(transport);
      return transport;
    },
    failNext(count) {
      failures = count;
    },
    async close() {
      for (const transport of transports) transport.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((candidate) => candidate.toLowerCase().startsWith(`${name}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}

/** Decodes RFC 2047 encoded words (=?UTF-8?Q?...?= / =?UTF-8?B?...?=), as non-ASCII subjects arrive. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_match, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

import type { Transporter } from 'nodemailer';
import type { SmtpConfig } from '../../config/config.js';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Stable across retries, so a receiving system can drop a duplicate. */
  messageId: string;
}

/** Where email goes. Production: SMTP. Tests: SMTP too, to a capture server. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function createSmtpTransport(config: SmtpConfig): MailTransport {
  // nodemailer loads with the first message, not at start: a server that sends none (email
  // read in the mail viewer, or none due yet) keeps its few megabytes.
  let transporter: Promise<Transporter> | undefined;
  const open = () =>
    (transporter ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        host: config.host,
        port: config.port,
        secure: config.secure,
        auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
        // Fail an attempt quickly; the dispatcher retries with backoff.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    ));
  return {
    async send(mail) {
      await (
        await open()
      ).sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
      });
    },
    close: () => {
      void transporter?.then((opened) => opened.close());
    },
  };
}

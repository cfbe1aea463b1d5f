import nodemailer from 'nodemailer';
import type { MailConfig } from '../config.js';

/** One rendered mail, ready for SMTP. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
  inReplyTo?: string;
  references?: string[];
  /** A calendar invitation (iTIP): sent as the text/calendar part mail clients offer to accept or decline. */
  icalEvent?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/**
 * What went wrong, as the outbox acts on it: `temporary` (the relay is down or said 4xx) waits and tries
 * again; `permanent` (5xx for this recipient or message) gives the mail up and marks the address.
 */
export class MailDeliveryError extends Error {
  override name = 'MailDeliveryError';
  constructor(
    readonly kind: 'temporary' | 'permanent',
    message: string,
    readonly responseCode?: number,
  ) {
    super(message);
  }
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function classifySmtpError(error: unknown): MailDeliveryError {
  const details = error as { responseCode?: number; code?: string; message?: string; response?: string };
  const code = details.responseCode;
  const message = details.response ?? details.message ?? String(error);
  if (typeof code === 'number' && code >= 500 && code < 600) {
    return new MailDeliveryError('permanent', message, code);
  }
  return new MailDeliveryError('temporary', message, code);
}

/** nodemailer over SMTP, one pooled connection per process. */
export function createMailTransport(config: Pick<MailConfig, 'smtpUrl' | 'from'>): MailTransport {
  const url = new URL(config.smtpUrl);
  const transporter = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    // A local relay (MailDev) offers no TLS; a remote one upgrades with STARTTLS when it offers it.
    ignoreTLS: url.searchParams.get('tls') === 'false',
    requireTLS: url.searchParams.get('tls') === 'required',
    pool: true,
    maxConnections: 2,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const from = config.from.name
    ? { name: config.from.name, address: config.from.address }
    : config.from.address;
  return {
    async send(mail) {
      try {
        await transporter.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          inReplyTo: mail.inReplyTo,
          references: mail.references,
          headers: mail.headers,
          ...(mail.icalEvent
            ? {
                icalEvent: {
                  method: mail.icalEvent.method,
                  content: mail.icalEvent.content,
                  filename: mail.icalEvent.method === 'CANCEL' ? 'absage.ics' : 'einladung.ics',
                },
              }
            : {}),
        });
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    close() {
      transporter.close();
    },
  };
}

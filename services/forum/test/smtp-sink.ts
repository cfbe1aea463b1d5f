import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { waitFor } from './forum.js';

export interface ReceivedMail {
  to: string;
  parsed: ParsedMail;
  messageId: string;
  subject: string;
  text: string;
  html: string;
  header(name: string): string | undefined;
}

/**
 * A real SMTP server in the test process (nodemailer's smtp-server); every mail is parsed with mailparser.
 * `refuse` answers a recipient with a permanent 5xx; `gate` holds each message until the test lets it pass.
 */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  refuse = new Set<string>();
  /** Messages that arrived, whether or not the gate has let them through yet. */
  received = 0;
  /** Resolves before a message is accepted; default: at once. */
  gate: () => Promise<void> = async () => {};
  private server: SMTPServer | undefined;

  private constructor(public port: number) {}

  static async start(port = 0) {
    const sink = new SmtpSink(port);
    await sink.listen();
    return sink;
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async listen() {
    const options: SMTPServerOptions = {
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (this.refuse.has(address.address.toLowerCase())) {
          const error = Object.assign(new Error('5.1.1 no such mailbox'), { responseCode: 550 });
          callback(error);
          return;
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.received += 1;
          this.gate().then(async () => {
            const parsed = await simpleParser(Buffer.concat(chunks));
            for (const recipient of session.envelope.rcptTo) {
              this.mails.push({
                to: recipient.address.toLowerCase(),
                parsed,
                messageId: parsed.messageId ?? '',
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                html: typeof parsed.html === 'string' ? parsed.html : '',
                // The raw header (mailparser turns some, like List-*, into objects).
                header: (name) => {
                  const line = parsed.headerLines.find((entry) => entry.key === name.toLowerCase());
                  return line?.line
                    .slice(line.line.indexOf(':') + 1)
                    .replace(/\r?\n\s+/g, ' ')
                    .trim();
                },
              });
            }
            callback();
          }, callback);
        });
      },
    };
    this.server = new SMTPServer(options);
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
    const address = this.server.server.address();
    if (typeof address === 'object' && address) this.port = address.port;
  }

  /** Stops listening (the relay is "down"); `listen()` brings it back on the same port. */
  async close() {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    this.server = undefined;
  }

  to(address: string) {
    return this.mails.filter((mail) => mail.to === address.toLowerCase());
  }

  async waitFor(predicate: (mails: ReceivedMail[]) => boolean, timeoutMs = 20_000) {
    await waitFor(() => predicate(this.mails), timeoutMs);
  }

  /** The first link in a mail's text that starts with `prefix`. */
  static link(mail: ReceivedMail, prefix: string): string {
    const match = mail.text.match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\S+`));
    if (!match) throw new Error(`no link ${prefix}… in:\n${mail.text}`);
    return match[0];
  }
}

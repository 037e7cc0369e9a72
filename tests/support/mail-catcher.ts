import { createServer } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  language: string | null;
}

/**
 * A real SMTP server on loopback that keeps what it receives, and can be stopped and started on
 * the same port to play a mail server that goes away and comes back.
 */
export interface MailCatcher {
  url: string;
  port: number;
  received: CaughtMail[];
  /** While true, every recipient is refused as a relay that will not relay for this sender does. */
  relayDenied: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function mailCatcher(
  options: {
    /** Addresses refused for good, as a mailbox that does not exist (550). */
    refuse?: (to: string) => boolean;
    /** Addresses refused on policy (554 5.7.1), as a relay refuses domains it does not serve. */
    refuseOnPolicy?: (to: string) => boolean;
    /** Awaited before a message's data is accepted: a slow server, for as long as a test says. */
    beforeAccepting?: () => Promise<void>;
  } = {},
): Promise<MailCatcher> {
  const port = await freePort();
  const received: CaughtMail[] = [];
  let server: SMTPServer | null = null;
  const catcher: MailCatcher = {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    relayDenied: false,
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        // Stopping drops open connections at once, as a mail server that goes away would.
        closeTimeout: 50,
        logger: false,
        onRcptTo(address, _session, callback) {
          if (catcher.relayDenied || options.refuseOnPolicy?.(address.address)) {
            const error = new Error(`5.7.1 <${address.address}>: Relay access denied`) as Error & {
              responseCode: number;
            };
            error.responseCode = 554;
            callback(error);
            return;
          }
          if (options.refuse?.(address.address)) {
            const error = new Error('No such mailbox') as Error & { responseCode: number };
            error.responseCode = 550;
            callback(error);
            return;
          }
          callback();
        },
        onData(stream, session, callback) {
          Promise.all([simpleParser(stream), options.beforeAccepting?.()])
            .then(([mail]: [ParsedMail, unknown]) => {
              for (const to of session.envelope.rcptTo)
                received.push({
                  to: to.address,
                  subject: mail.subject ?? '',
                  text: mail.text ?? '',
                  html: typeof mail.html === 'string' ? mail.html : '',
                  language: (mail.headers.get('content-language') as string | undefined) ?? null,
                });
              callback();
            })
            .catch(callback);
        },
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, '127.0.0.1', () => resolve());
      });
    },
    async stop() {
      const running = server;
      server = null;
      if (running) await new Promise<void>((resolve) => running.close(() => resolve()));
    },
  };
  return catcher;
}

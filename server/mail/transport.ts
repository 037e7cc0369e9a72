import { createTransport } from 'nodemailer';

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The language of the message, for mail clients and screen readers. */
  language: string;
}

/** How the sender hands a message to a mail server; tests may give their own. */
export interface MailTransport {
  send(message: OutgoingMessage): Promise<void>;
  close(): void;
}

/**
 * Delivery through an SMTP server named by a URL (`smtp://user:pass@host:587`, STARTTLS when
 * the server offers it; `smtps://` for TLS from the start). A pooled connection is reused across
 * messages. Timeouts are short so a server that hangs delays sending, not the process.
 */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = createTransport({
    url,
    pool: true,
    maxConnections: 2,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as Parameters<typeof createTransport>[0]);
  return {
    async send(message) {
      await transporter.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: { 'Content-Language': message.language, 'Auto-Submitted': 'auto-generated' },
      });
    },
    close: () => transporter.close(),
  };
}

/** What a failed send says about what to do next. */
export type SendFailure =
  /** The mail server could not be reached or refused everyone: not this message's fault. */
  | 'server-unavailable'
  /** The server refused this message for now (4xx): try it again later. */
  | 'temporary'
  /** The server refused this message for good (5xx): a wrong address, say. */
  | 'permanent';

export function classifySendFailure(error: unknown): SendFailure {
  const { code, responseCode, command } = (error ?? {}) as {
    code?: unknown;
    responseCode?: unknown;
    command?: unknown;
  };
  // Only a refusal of this message's recipient or content is about the message; a refused login,
  // a dropped connection or a timeout is about the server, and must never use up a message's tries.
  // So is a refused sender (MAIL FROM: a MAIL_FROM the relay does not accept, or a relay that wants
  // a login): it refuses every message alike, and giving each up would list every address as bad.
  if (code === 'EENVELOPE' && command === 'MAIL FROM') return 'server-unavailable';
  if (code === 'EENVELOPE' || code === 'EMESSAGE') {
    // 421: the server is closing the connection or throttling everyone, not refusing this one.
    if (responseCode === 421) return 'server-unavailable';
    // 503: commands out of sequence, a fault of the session rather than of this message.
    if (responseCode === 503) return 'temporary';
    if (typeof responseCode === 'number' && responseCode >= 400 && responseCode < 500) return 'temporary';
    // A 5xx, or a refusal before any server answered (an address nodemailer cannot send to).
    return 'permanent';
  }
  return 'server-unavailable';
}

/**
 * Whether the server refused the message in so many words (or it was refused before any server
 * saw it): then it was certainly not delivered. A connection lost during a send may have
 * delivered it.
 */
export function refusedOutright(error: unknown): boolean {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return code === 'EENVELOPE' || (code === 'EMESSAGE' && typeof responseCode === 'number');
}

/**
 * Whether the server refused on policy (an enhanced status 5.7.x: relaying denied, a login
 * wanted), which a relay set up wrongly says of every recipient alike.
 */
export function refusedOnPolicy(error: unknown): boolean {
  const { response } = (error ?? {}) as { response?: unknown };
  return typeof response === 'string' && /^5\d\d[ -]5\.7\.\d{1,3}\b/.test(response);
}

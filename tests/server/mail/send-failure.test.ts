import { describe, expect, it } from 'vitest';
import { classifySendFailure, refusedOnPolicy, refusedOutright } from '../../../server/mail/transport.ts';

/** An error as nodemailer's SMTP connection makes one. */
const refused = (code: string, responseCode: number, command: string) =>
  Object.assign(new Error('refused'), { code, responseCode, command });

describe('what a refused send is about', () => {
  it('gives up a message only for what the server says of its recipient or content, never of its sender', () => {
    expect(classifySendFailure(refused('EENVELOPE', 550, 'RCPT TO'))).toBe('permanent');
    expect(classifySendFailure(refused('EENVELOPE', 452, 'RCPT TO'))).toBe('temporary');
    // A MAIL_FROM the relay does not own, or a relay that wants a login: every message alike.
    expect(classifySendFailure(refused('EENVELOPE', 553, 'MAIL FROM'))).toBe('server-unavailable');
    expect(classifySendFailure(refused('EENVELOPE', 530, 'MAIL FROM'))).toBe('server-unavailable');
    expect(classifySendFailure(refused('EAUTH', 535, 'AUTH PLAIN'))).toBe('server-unavailable');
    expect(classifySendFailure(refused('EENVELOPE', 421, 'RCPT TO'))).toBe('server-unavailable');
    // Commands out of sequence: the session's fault, tried again rather than given up.
    expect(classifySendFailure(refused('EENVELOPE', 503, 'RCPT TO'))).toBe('temporary');
  });

  it('tells a refusal on policy (5.7.x) from one of the mailbox', () => {
    const said = (response: string) => Object.assign(new Error(response), { code: 'EENVELOPE', response });
    expect(refusedOnPolicy(said('554 5.7.1 <a@b.org>: Relay access denied'))).toBe(true);
    expect(refusedOnPolicy(said('550-5.7.26 Unauthenticated email is not accepted'))).toBe(true);
    expect(refusedOnPolicy(said('550 5.1.1 <a@b.org>: Recipient address rejected: User unknown'))).toBe(
      false,
    );
    expect(refusedOnPolicy(said('451 4.7.1 Greylisted, try again later'))).toBe(false);
    expect(refusedOnPolicy(new Error('no response'))).toBe(false);
  });

  it('tells a message the server refused, certainly not delivered, from one lost with the connection', () => {
    expect(refusedOutright(refused('EENVELOPE', 550, 'RCPT TO'))).toBe(true);
    expect(refusedOutright(refused('EMESSAGE', 554, 'DATA'))).toBe(true);
    expect(refusedOutright(Object.assign(new Error('no recipients'), { code: 'EENVELOPE' }))).toBe(true);
    expect(refusedOutright(Object.assign(new Error('lost'), { code: 'ECONNECTION' }))).toBe(false);
    expect(refusedOutright(Object.assign(new Error('slow'), { code: 'ETIMEDOUT' }))).toBe(false);
    expect(refusedOutright(Object.assign(new Error('cut'), { code: 'EMESSAGE' }))).toBe(false);
  });
});

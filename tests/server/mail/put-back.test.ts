import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMailTask, type MailTask } from '../../../server/mail/mail-task.ts';
import type { MailTransport, OutgoingMessage } from '../../../server/mail/transport.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, setUpAssessment } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';

const PUBLIC_URL = 'https://pulse.example.org';

/** A refusal in words, as nodemailer reports one the server gave at RCPT TO. */
const refusal = (response: string) =>
  Object.assign(new Error(`Can't send mail - all recipients were rejected: ${response}`), {
    code: 'EENVELOPE',
    command: 'RCPT TO',
    responseCode: Number(response.slice(0, 3)),
    response,
  });

/**
 * A mail server scripted per address: what it says to each, and, when told, a send that waits
 * to be let go (a slow server, while the consultant changes the list).
 */
function scriptedServer() {
  const delivered: OutgoingMessage[] = [];
  const says = new Map<string, Error>();
  let holding: { reached: (to: string) => void; until: Promise<void> } | null = null;
  const transport: MailTransport = {
    async send(message) {
      const error = says.get(message.to);
      if (error) throw error;
      if (holding) {
        const { reached, until } = holding;
        holding = null;
        reached(message.to);
        await until;
      }
      delivered.push(message);
    },
    close() {},
  };
  return {
    transport,
    delivered,
    says,
    /** The next send waits for `letGo`; resolves with its address once it has reached the server. */
    holdNext() {
      let letGo!: () => void;
      const until = new Promise<void>((resolve) => {
        letGo = resolve;
      });
      const reached = new Promise<string>((resolve) => {
        holding = { reached: resolve, until };
      });
      return { reached, letGo };
    },
  };
}

/**
 * A personal-code recipient taken off the list and put back is invited again only if their
 * invitation certainly did not go: a second invitation would carry a second valid code, and with
 * it a second answer. A refusal in words (554 5.7.1, a 4xx) certainly did not deliver; a
 * connection lost during the send, or a send under way, may have.
 */
describe.each(testDatabases())(
  'a personal-code recipient taken off the list and put back on $name',
  (database) => {
    let test: TestApp;
    let server: ReturnType<typeof scriptedServer>;
    let mail: MailTask;
    beforeAll(async () => {
      // The app's own sender never runs here (no timers); the list still needs email set up.
      test = await startTestApp(database, {
        publicUrl: PUBLIC_URL,
        mail: { smtpUrl: 'smtp://127.0.0.1:1', from: 'pulse@example.org', perMinute: 60_000 },
      });
      server = scriptedServer();
      mail = createMailTask({
        db: test.handle.db,
        catalog: test.app.questionnaires,
        log: test.app.log,
        transport: server.transport,
        publicUrl: PUBLIC_URL,
        perMinute: 60_000,
      });
    });
    afterAll(async () => {
      await mail?.stop();
      await test?.close();
    });

    const setUp = async () => {
      const assessment = await setUpAssessment(test);
      const { waveId, consultant } = assessment;
      await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/teams/sales`, { personalCodes: true });
      const put = (emails: string[]) =>
        call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
          recipients: emails.map((email) => ({ email, teamKey: 'sales' })),
        });
      return { ...assessment, tag: waveId.slice(0, 8), put };
    };
    const mailTo = (to: string) => server.delivered.filter((m) => m.to === to);
    const codeOf = (message: OutgoingMessage) => message.text.match(/\?code=([0-9A-Z-]+)/)![1]!;

    it('invites again one whose invitation the server refused in words, and sends it once it accepts', async () => {
      const { tag, put, codes } = await setUp();
      const greylisted = `grey.${tag}@example.org`;
      const denied = `denied.${tag}@example.org`;
      server.says.set(greylisted, refusal('451 4.7.1 Greylisted, try again later'));
      server.says.set(denied, refusal(`554 5.7.1 <${denied}>: Relay access denied`));
      await put([greylisted, denied]);
      expect(await mail.runOnce(new Date())).toEqual({ sent: 0, retried: 2, failed: 0 });

      await put([]);
      expect((await put([greylisted, denied])).invited).toBe(2);
      server.says.clear();
      expect(await mail.runOnce(new Date())).toEqual({ sent: 2, retried: 0, failed: 0 });
      for (const person of [greylisted, denied]) {
        expect(mailTo(person)).toHaveLength(1);
        const checked = await test.app.inject({
          method: 'POST',
          url: `/api/participate/${codes.sales}/invitation`,
          payload: { invitation: codeOf(mailTo(person)[0]!) },
        });
        expect(checked.json()).toEqual({ status: 'valid' });
      }
    });

    it('does not invite again one whose invitation was lost with the connection', async () => {
      const { tag, put } = await setUp();
      const person = `lost.${tag}@example.org`;
      server.says.set(
        person,
        Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' }),
      );
      await put([person]);
      try {
        expect(await mail.runOnce(new Date())).toEqual({ sent: 0, retried: 1, failed: 0 });
      } finally {
        server.says.clear();
      }
      await put([]);
      expect((await put([person])).invited).toBe(0);
    });

    it('sends once to each of two taken off and put back while the round hands the first to the server', async () => {
      const { tag, put } = await setUp();
      const people = [`first.${tag}@example.org`, `second.${tag}@example.org`];
      await put(people);
      const { reached, letGo } = server.holdNext();
      // An hour on, so that the server's pause after the lost connection above has passed.
      const round = mail.runOnce(new Date(Date.now() + 3_600_000));
      const underWay = await reached;
      try {
        await put([]);
        // The one under way may have gone, and keeps it; the other's never went: invited again.
        expect((await put(people)).invited).toBe(1);
      } finally {
        letGo();
      }
      expect(await round).toEqual({ sent: 1, retried: 0, failed: 0 });
      expect(mailTo(underWay)).toHaveLength(1);
      await mail.runOnce(new Date(Date.now() + 3_600_000));
      for (const person of people) expect(mailTo(person), person).toHaveLength(1);
    });

    it('leaves what another round holds as it is, when a send outlasts the lease', async () => {
      const { tag, put } = await setUp();
      const greylisted = `late-grey.${tag}@example.org`;
      const slow = `slow.${tag}@example.org`;
      server.says.set(greylisted, refusal('451 4.7.1 Greylisted, try again later'));
      await put([greylisted, slow]);
      const { reached, letGo } = server.holdNext();
      // The round's own clock: a send that hangs eleven minutes, without waiting them here.
      vi.useFakeTimers({ toFake: ['performance'] });
      const start = new Date(Date.now() + 2 * 3_600_000);
      const theirs = new Date(start.getTime() + 30 * 60_000);
      try {
        const round = mail.runOnce(start);
        try {
          expect(await reached).toBe(slow);
          vi.advanceTimersByTime(11 * 60_000);
          // Past the ten-minute lease, another round has taken the greylisted message.
          await test.handle.db
            .updateTable('mail_outbox')
            .set({ next_attempt_at: theirs, last_error: 'held by another round' })
            .where('email', '=', greylisted)
            .execute();
        } finally {
          letGo();
        }
        expect(await round).toMatchObject({ sent: 1 });
      } finally {
        vi.useRealTimers();
        server.says.delete(greylisted);
      }
      // What went is recorded; the other's retry time and error are its holder's, not this round's.
      expect(mailTo(slow)).toHaveLength(1);
      expect(
        await test.handle.db
          .selectFrom('mail_outbox')
          .select(['next_attempt_at', 'last_error'])
          .where('email', 'in', [greylisted, slow])
          .execute(),
      ).toEqual([{ next_attempt_at: theirs, last_error: 'held by another round' }]);
    });
  },
);

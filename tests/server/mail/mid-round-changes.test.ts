import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, setUpAssessment } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';
import { type MailCatcher, mailCatcher } from '../../support/mail-catcher.ts';

/**
 * The consultant changes what is to be sent while a round is sending: closes the wave, takes
 * people off the list, brings the deadline forward. The message the mail server is taking then
 * still goes; none after it that the change stopped.
 */
describe.each(testDatabases())('a change made while a round sends on $name', (database) => {
  let test: TestApp;
  let smtp: MailCatcher;
  /** Runs once, while the mail server takes the next message (before it accepts it). */
  let meanwhile: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    smtp = await mailCatcher({
      beforeAccepting: async () => {
        const change = meanwhile;
        meanwhile = null;
        await change?.();
      },
    });
    await smtp.start();
    test = await startTestApp(database, {
      publicUrl: 'https://pulse.example.org',
      mail: { smtpUrl: smtp.url, from: 'pulse@example.org', perMinute: 60_000 },
    });
  });
  afterAll(async () => {
    await test?.close();
    await smtp?.stop();
  });

  const mailTo = (people: string[]) => smtp.received.filter((mail) => people.includes(mail.to));
  const listOf = async (teamKey: string, count: number, personalCodes = false) => {
    const { waveId, consultant } = await setUpAssessment(test);
    if (personalCodes)
      await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/teams/${teamKey}`, {
        personalCodes: true,
      });
    const people = Array.from({ length: count }, (_, i) => `p${i}.${waveId.slice(0, 8)}@example.org`);
    const put = (emails: string[]) =>
      call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
        recipients: emails.map((email) => ({ email, teamKey })),
      });
    await put(people);
    return { waveId, consultant, people, put };
  };

  it('sends nothing more for a wave closed meanwhile, and leaves its counts as the close left them', async () => {
    const { waveId, consultant, people } = await listOf('ops', 5);
    let atClose: unknown = null;
    meanwhile = async () => {
      await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
      atClose = await call(test.app, consultant, 'GET', `/api/waves/${waveId}/delivery`);
    };
    await test.app.mail!.runOnce(new Date());
    expect(mailTo(people)).toHaveLength(1);
    expect(await call(test.app, consultant, 'GET', `/api/waves/${waveId}/delivery`)).toEqual(atClose);
  });

  it('sends nothing to people taken off the list meanwhile, and their codes serve later ones', async () => {
    const { waveId, people, put } = await listOf('sales', 4, true);
    meanwhile = async () => {
      await put([]);
    };
    // The one the server was taking goes; the three after it do not.
    expect(await test.app.mail!.runOnce(new Date())).toMatchObject({ sent: 1, failed: 0 });
    expect(mailTo(people)).toHaveLength(1);
    const stored = () =>
      test.handle.db
        .selectFrom('invitation')
        .select('code_hash')
        .where('wave_id', '=', waveId)
        .execute()
        .then((rows) => rows.length);
    // Four and five spares, drawn together; the three codes not sent went back to the spares.
    expect(await stored()).toBe(9);
    const later = Array.from({ length: 8 }, (_, i) => `later${i}.${waveId.slice(0, 8)}@example.org`);
    await put(later);
    expect(await test.app.mail!.runOnce(new Date())).toMatchObject({ sent: 8, failed: 0 });
    expect(await stored()).toBe(9);
  });

  it('keeps waiting, unsent and uncharged, the messages of a wave whose deadline was brought forward', async () => {
    const { waveId, consultant, people } = await listOf('ops', 4);
    const hour = 3_600_000;
    meanwhile = async () => {
      await call(test.app, consultant, 'PATCH', `/api/waves/${waveId}`, {
        closesAt: new Date(Date.now() + hour).toISOString(),
      });
    };
    // The sender's clock two hours on: past the new deadline, before the old one (none).
    expect(await test.app.mail!.runOnce(new Date(Date.now() + 2 * hour))).toEqual({
      sent: 1,
      retried: 3,
      failed: 0,
    });
    expect(mailTo(people)).toHaveLength(1);
    const waiting = await test.handle.db
      .selectFrom('mail_outbox')
      .select(['attempts'])
      .where('wave_id', '=', waveId)
      .execute();
    expect(waiting).toEqual([{ attempts: 0 }, { attempts: 0 }, { attempts: 0 }]);
  });
});

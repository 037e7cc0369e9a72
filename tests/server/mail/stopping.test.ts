import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, setUpAssessment } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';
import { type MailCatcher, mailCatcher } from '../../support/mail-catcher.ts';

const [pglite] = testDatabases();

/**
 * An instance told to stop (a deploy, a scale-down) in the middle of a round: it finishes the
 * message the server is taking, sends no more, and leaves the rest due at once, tries given
 * back, for the next round of this instance or another. Stopping must not wait for a whole
 * round against a slow server, nor lose or charge the messages it did not send.
 */
describe('an instance that stops in the middle of a round', () => {
  let test: TestApp;
  let smtp: MailCatcher;
  let accepting: (() => void) | null = null;
  let taking: (() => void) | null = null;
  beforeAll(async () => {
    smtp = await mailCatcher({
      beforeAccepting: () =>
        new Promise<void>((resolve) => {
          accepting = resolve;
          taking?.();
        }),
    });
    await smtp.start();
    test = await startTestApp(pglite!, {
      publicUrl: 'https://pulse.example.org',
      mail: { smtpUrl: smtp.url, from: 'pulse@example.org', perMinute: 60_000 },
    });
  });
  afterAll(async () => {
    accepting?.();
    await test?.close();
    await smtp?.stop();
  });

  it('sends the message under way, then nothing more, and leaves the rest due', async () => {
    const { waveId, consultant } = await setUpAssessment(test);
    const people = Array.from({ length: 4 }, (_, i) => `staff${i}.${waveId.slice(0, 8)}@example.org`);
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
      recipients: people.map((email) => ({ email, teamKey: 'ops' })),
    });

    const underWay = new Promise<void>((resolve) => {
      taking = resolve;
    });
    const now = new Date();
    const round = test.app.mail!.runOnce(now);
    await underWay;
    const stopping = test.app.mail!.stop();
    accepting!();
    expect(await round).toEqual({ sent: 1, retried: 3, failed: 0 });
    await stopping;

    expect(smtp.received).toHaveLength(1);
    const rows = await test.handle.db
      .selectFrom('mail_outbox')
      .select(['attempts', 'failed', 'next_attempt_at'])
      .where('wave_id', '=', waveId)
      .execute();
    // The one sent left the queue; the others were never handed over and are due again now.
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toMatchObject({ attempts: 0, failed: false });
      expect(row.next_attempt_at.getTime()).toBeLessThanOrEqual(now.getTime());
    }
  });
});

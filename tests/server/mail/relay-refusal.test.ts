import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, setUpAssessment } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';
import { type MailCatcher, mailCatcher } from '../../support/mail-catcher.ts';

const [pglite] = testDatabases();

/**
 * A relay that refuses to relay for this sender (no login, or the wrong one) refuses every
 * recipient alike, at RCPT TO. That is the server's problem, not the addresses': nothing may be
 * given up, or every address of the list would be reported as bad.
 */
describe('a relay that refuses every recipient on policy', () => {
  let test: TestApp;
  let smtp: MailCatcher;
  beforeAll(async () => {
    smtp = await mailCatcher({
      refuse: (to) => to.startsWith('nobody'),
      refuseOnPolicy: (to) => to.endsWith('@contractor.example'),
    });
    await smtp.start();
    test = await startTestApp(pglite!, {
      publicUrl: 'https://pulse.example.org',
      mail: { smtpUrl: smtp.url, from: 'Trust OS <pulse@example.org>', perMinute: 60_000 },
    });
  });
  afterAll(async () => {
    await test?.close();
    await smtp?.stop();
  });

  const queued = (waveId: string) =>
    test.handle.db
      .selectFrom('mail_outbox')
      .select(['attempts', 'failed'])
      .where('wave_id', '=', waveId)
      .execute();

  it('gives up no address, waits, and sends everything once the relay accepts', async () => {
    const { waveId, consultant } = await setUpAssessment(test);
    const people = Array.from({ length: 5 }, (_, i) => `staff${i}.${waveId.slice(0, 8)}@example.org`);
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
      recipients: people.map((email) => ({ email, teamKey: 'ops' })),
    });
    smtp.relayDenied = true;
    const now = new Date();
    expect(await test.app.mail!.runOnce(now)).toEqual({ sent: 0, retried: 5, failed: 0 });
    for (const row of await queued(waveId)) expect(row).toEqual({ attempts: 0, failed: false });
    const delivery = await call(test.app, consultant, 'GET', `/api/waves/${waveId}/delivery`);
    expect(delivery).toMatchObject({ failed: 0, failedAddresses: [] });
    // The console can say why nothing goes, in the server's words, without an address (A2).
    expect(delivery.heldUp.messages).toBe(5);
    expect(delivery.heldUp.lastError).toContain('Relay access denied');
    expect(delivery.heldUp.lastError).not.toContain('@');

    smtp.relayDenied = false;
    const later = new Date(now.getTime() + 3_600_000);
    expect(await test.app.mail!.runOnce(later)).toEqual({ sent: 5, retried: 0, failed: 0 });
    expect((await call(test.app, consultant, 'GET', `/api/waves/${waveId}/delivery`)).heldUp).toEqual({
      messages: 0,
      lastError: null,
    });
    for (const person of people) expect(smtp.received.filter((m) => m.to === person)).toHaveLength(1);
  });

  it('tells a relay refusing everyone from rounds of one message at a time', async () => {
    const { waveId, consultant } = await setUpAssessment(test);
    const people = Array.from({ length: 3 }, (_, i) => `one${i}.${waveId.slice(0, 8)}@example.org`);
    smtp.relayDenied = true;
    let now = new Date();
    // Added one by one, each sent in a round of its own.
    for (let i = 1; i <= people.length; i++) {
      await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
        recipients: people.slice(0, i).map((email) => ({ email, teamKey: 'ops' })),
      });
      now = new Date();
      expect(await test.app.mail!.runOnce(now)).toEqual({ sent: 0, retried: 1, failed: 0 });
    }
    // The third made it the server's: nothing given up, and its try given back (the first two,
    // alone in their rounds, could not tell and were charged one).
    const rows = await queued(waveId);
    expect(rows.filter((row) => row.failed)).toEqual([]);
    expect(rows.map((row) => row.attempts).sort()).toEqual([0, 1, 1]);
    smtp.relayDenied = false;
    const later = new Date(now.getTime() + 3_600_000);
    expect(await test.app.mail!.runOnce(later)).toEqual({ sent: 3, retried: 0, failed: 0 });
  });

  it('gives up addresses refused on policy when others go in the same round', async () => {
    const { waveId, consultant } = await setUpAssessment(test);
    const tag = waveId.slice(0, 8);
    const outside = Array.from({ length: 3 }, (_, i) => `c${i}.${tag}@contractor.example`);
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
      recipients: [...outside, `staff.${tag}@example.org`].map((email) => ({ email, teamKey: 'ops' })),
    });
    expect(await test.app.mail!.runOnce(new Date())).toEqual({ sent: 1, retried: 0, failed: 3 });
    const delivery = await call(test.app, consultant, 'GET', `/api/waves/${waveId}/delivery`);
    expect(delivery.failedAddresses).toEqual([...outside].sort());
  });

  it('tries again, at the cost of a try, fewer refusals on policy than tell it is the server', async () => {
    const { waveId, consultant } = await setUpAssessment(test);
    const outside = `alone.${waveId.slice(0, 8)}@contractor.example`;
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
      recipients: [{ email: outside, teamKey: 'ops' }],
    });
    expect(await test.app.mail!.runOnce(new Date())).toEqual({ sent: 0, retried: 1, failed: 0 });
    // It cannot be told whose the refusal is: the try counts, so the address is given up in the end.
    expect(await queued(waveId)).toEqual([{ attempts: 1, failed: false }]);
  });

  it('still gives up an address refused on its own while others go', async () => {
    const { waveId, consultant } = await setUpAssessment(test);
    const tag = waveId.slice(0, 8);
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
      recipients: [
        { email: `first.${tag}@example.org`, teamKey: 'ops' },
        { email: `nobody.${tag}@example.org`, teamKey: 'ops' },
      ],
    });
    expect(await test.app.mail!.runOnce(new Date())).toMatchObject({ sent: 1, failed: 1 });
  });
});

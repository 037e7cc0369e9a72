import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, setUpAssessment } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';
import { type MailCatcher, mailCatcher } from '../../support/mail-catcher.ts';

/**
 * A personal-code team as large as a list may be: its codes are drawn together, all its waiting
 * invitations plus a fifth as spares, and stored in one statement. At 19,000 recipients that is
 * 22,800 codes, more than one draw of random numbers may ask for (64 KiB) and, at three values a
 * row, more than the 65,535 a statement can carry; the round failed, and every round after it,
 * so nobody of the team, nor of any wave behind it in the queue, got an invitation.
 */
describe.each(testDatabases())('a personal-code team of 19,000 on $name', (database) => {
  let test: TestApp;
  let smtp: MailCatcher;
  beforeAll(async () => {
    smtp = await mailCatcher();
    await smtp.start();
    test = await startTestApp(database, {
      publicUrl: 'https://pulse.example.org',
      // One message a round: the team's codes are drawn whole all the same, and the test sends few.
      mail: { smtpUrl: smtp.url, from: 'pulse@example.org', perMinute: 12 },
    });
  });
  afterAll(async () => {
    await test?.close();
    await smtp?.stop();
  });

  it('invites them, drawing all their codes in one statement, and the next from its spares', async () => {
    const { waveId, consultant, codes } = await setUpAssessment(test);
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/teams/sales`, { personalCodes: true });
    const tag = waveId.slice(0, 8);
    const list = ['email,team_key', ...Array.from({ length: 19_000 }, (_, i) => `p${i}.${tag}@x.org,sales`)];
    const upload = await test.app.inject({
      method: 'PUT',
      url: `/api/waves/${waveId}/recipients`,
      headers: { cookie: consultant, 'content-type': 'text/csv' },
      payload: list.join('\n'),
    });
    expect(upload.statusCode, upload.body).toBe(200);
    expect(upload.json().invited).toBe(19_000);

    const now = new Date();
    expect(await test.app.mail!.runOnce(now)).toEqual({ sent: 1, retried: 0, failed: 0 });
    const stored = () =>
      test.handle.db
        .selectFrom('invitation')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('wave_id', '=', waveId)
        .executeTakeFirstOrThrow()
        .then((row) => Number(row.count));
    // 19,000 waiting and a fifth as spares, together.
    expect(await stored()).toBe(22_800);
    expect(await test.app.mail!.runOnce(new Date(now.getTime() + 5_000))).toEqual({
      sent: 1,
      retried: 0,
      failed: 0,
    });
    expect(await stored()).toBe(22_800);

    expect(smtp.received).toHaveLength(2);
    const sent = smtp.received.map((mail) => mail.text.match(/\?code=([0-9A-Z-]+)/)![1]!);
    expect(new Set(sent).size).toBe(2);
    for (const invitation of sent) {
      const checked = await test.app.inject({
        method: 'POST',
        url: `/api/participate/${codes.sales}/invitation`,
        payload: { invitation },
      });
      expect(checked.json()).toEqual({ status: 'valid' });
    }
  });
});

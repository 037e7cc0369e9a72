import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findWave } from '../../../server/db/waves.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, issueCodes, setUpAssessment } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';

describe.each(testDatabases())(
  'an open wave past its deadline that the deadline task has not closed yet, on $name',
  (database) => {
    let test: TestApp;
    beforeAll(async () => {
      // Recipients and reminders need email set up; nothing is sent, since no test runs the mail task.
      test = await startTestApp(database, {
        publicUrl: 'https://pulse.example.org',
        mail: { smtpUrl: 'smtp://127.0.0.1:1', from: 'Trust OS <pulse@example.org>', perMinute: 60 },
      });
    });
    afterAll(() => test?.close());

    it('takes no change to its schedule, recipients, reminders or codes, and then closes at its deadline', async () => {
      const { waveId, consultant, codes } = await setUpAssessment(test);
      await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
        recipients: [{ email: 'a@example.org', teamKey: 'ops' }],
      });
      await issueCodes(test.app, consultant, waveId, 'eng', 1);
      const deadline = new Date(Date.now() - 60_000);
      await test.handle.db
        .updateTable('wave')
        .set({ closes_at: deadline })
        .where('id', '=', waveId)
        .execute();
      const later = new Date(Date.now() + 7 * 86_400_000).toISOString();

      const commands: [string, 'PATCH' | 'PUT' | 'POST', string, object | undefined][] = [
        ['a later deadline', 'PATCH', `/api/waves/${waveId}`, { closesAt: later }],
        ['no deadline', 'PATCH', `/api/waves/${waveId}`, { closesAt: null }],
        ['reminder days', 'PATCH', `/api/waves/${waveId}`, { reminderDays: [1, 2] }],
        [
          'recipients',
          'PUT',
          `/api/waves/${waveId}/recipients`,
          { recipients: [{ email: 'b@example.org', teamKey: 'ops' }] },
        ],
        ['a reminder', 'POST', `/api/waves/${waveId}/reminders`, undefined],
        ['personal codes on', 'PUT', `/api/waves/${waveId}/teams/ops`, { personalCodes: true }],
        ['personal codes', 'POST', `/api/waves/${waveId}/invitations`, { teamKey: 'eng', count: 2 }],
      ];
      const answers: unknown[] = [];
      for (const [what, method, url, payload] of commands) {
        const answer = await test.app.inject({
          method,
          url,
          headers: { cookie: consultant },
          ...(payload ? { payload } : {}),
        });
        answers.push([what, answer.statusCode, answer.json().code]);
      }
      expect(answers).toEqual(commands.map(([what]) => [what, 409, 'wave.closing-time-passed']));

      // Nothing changed: the link stays closed, and the deadline task closes the wave at its deadline.
      expect((await test.app.inject({ url: `/api/participate/${codes.ops}` })).statusCode).toBe(410);
      const before = (await findWave(test.handle.db, waveId))!;
      expect([before.closesAt, before.reminderDays]).toEqual([deadline, []]);
      const outbox = await test.handle.db
        .selectFrom('mail_outbox')
        .select('kind')
        .where('wave_id', '=', waveId)
        .execute();
      expect(outbox.map((m) => m.kind)).toEqual(['invitation']);
      expect(await test.app.deadlines.runOnce()).toContain(waveId);
      expect((await findWave(test.handle.db, waveId))!).toMatchObject({
        status: 'closed',
        closedAt: deadline,
      });
    });

    it('still takes a new deadline for a draft whose deadline passed, so it can open', async () => {
      const { waveId, consultant } = await setUpAssessment(test, { open: false });
      await test.handle.db
        .updateTable('wave')
        .set({ closes_at: new Date(Date.now() - 60_000) })
        .where('id', '=', waveId)
        .execute();
      const later = new Date(Date.now() + 7 * 86_400_000).toISOString();
      await call(test.app, consultant, 'PATCH', `/api/waves/${waveId}`, { closesAt: later });
      expect((await call(test.app, consultant, 'POST', `/api/waves/${waveId}/open`)).status).toBe('open');
    });
  },
);

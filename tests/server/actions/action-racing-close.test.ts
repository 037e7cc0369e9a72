import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeOverdueWavesOf } from '../../../server/waves/wave-lifecycle.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, setUpAssessment, someAnswers } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';
import { dayFromToday } from '../../support/dates.ts';

// Two transactions side by side need a server database; the embedded one runs one at a time.
const onServer = testDatabases().filter((database) => database.name === 'postgres');

describe.skipIf(onServer.length === 0).each(onServer)(
  'an action made while a later wave closes, on $name',
  (database) => {
    let test: TestApp;
    beforeAll(async () => {
      test = await startTestApp(database);
    });
    afterAll(() => test?.close());

    const inject = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
      test.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

    it('gets the outcome of the wave that was closing when it was made, not nothing', async () => {
      const first = await setUpAssessment(test, { threshold: 3 });
      const { orgId, consultant } = first;
      for (let i = 0; i < 4; i++) {
        const response = await test.app.inject({
          method: 'POST',
          url: `/api/participate/${first.codes.ops}/responses`,
          payload: { submissionId: randomUUID(), answers: someAnswers() },
        });
        expect(response.statusCode).toBe(201);
      }
      await call(test.app, consultant, 'POST', `/api/waves/${first.waveId}/close`);

      const deadline = new Date(Date.now() + 24 * 3600_000);
      const second = await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/waves`, {
        title: 'Winter pulse',
        questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
        closesAt: deadline.toISOString(),
      });
      await call(test.app, consultant, 'POST', `/api/waves/${second.id}/open`);
      const links = (await call(test.app, consultant, 'GET', `/api/waves/${second.id}`)).links;
      const opsLink = links.find((l: { teamKey: string }) => l.teamKey === 'ops').code;
      for (let i = 0; i < 4; i++)
        await test.app.inject({
          method: 'POST',
          url: `/api/participate/${opsLink}/responses`,
          payload: { submissionId: randomUUID(), answers: someAnswers() },
        });

      // The second wave's close is under way, not yet committed, when a leader commits to an action
      // on the first wave's report.
      let made: Promise<{ statusCode: number }> | null = null;
      await test.handle.db.transaction().execute(async (trx) => {
        const closed = await closeOverdueWavesOf(
          trx,
          test.app.questionnaires,
          orgId,
          new Date(deadline.getTime() + 1000),
        );
        expect(closed).toBe(1);
        made = inject(consultant, 'POST', `/api/waves/${first.waveId}/actions`, {
          teamKey: 'ops',
          dimension: 'ownership',
          title: 'Name an owner for each next step',
          owner: 'Head of operations',
          dueDate: dayFromToday(60),
          steps: [],
        });
        // Until the action is made, or waits for this close to commit.
        let done = false;
        void made.then(() => {
          done = true;
        });
        for (let poll = 0; poll < 400 && !done; poll++) {
          const { rows } = await sql<{ waiting: number }>`
          select count(*)::int as waiting from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`.execute(test.handle.db);
          if (rows[0]!.waiting > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      });
      expect((await made!).statusCode).toBe(201);

      const actions = await call(test.app, consultant, 'GET', `/api/organizations/${orgId}/actions`);
      expect(actions).toHaveLength(1);
      expect(actions[0].outcome).toMatchObject({ waveId: second.id, current: { n: 4 } });
    });
  },
);

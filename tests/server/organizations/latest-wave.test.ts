import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, setUpAssessment, someAnswers } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

describe.each(testDatabases())(
  "an organization's latest wave, for the list of organizations, on $name",
  (database) => {
    let test: TestApp;
    beforeAll(async () => {
      test = await startTestApp(database);
    });
    afterAll(() => test?.close());

    let people = 0;
    const answer = async (code: string) => {
      people += 1;
      const response = await test.app.inject({
        method: 'POST',
        url: `/api/participate/${code}/responses`,
        payload: { submissionId: randomUUID(), answers: someAnswers() },
        remoteAddress: `10.1.${(people >> 8) & 255}.${people & 255}`,
      });
      expect(response.statusCode).toBe(201);
    };
    const leaderOf = async (orgId: string, teamKey: string | null) => {
      const email = `leader-${randomUUID()}@example.org`;
      await createAccount(test.handle.db, { email, role: 'leader', organizationId: orgId, teamKey });
      return signIn(test.app, email);
    };

    it('gives consultants the live total of the progress view, and leaders nothing of an open wave (R6)', async () => {
      const { orgId, waveId, consultant, codes } = await setUpAssessment(test);
      for (let i = 0; i < 4; i++) await answer(codes.ops!);
      await answer(codes.sales!);
      const latest = await call(test.app, consultant, 'GET', `/api/organizations/${orgId}/latest-wave`);
      const progress = await call(test.app, consultant, 'GET', `/api/waves/${waveId}/progress`);
      expect(latest.wave).toMatchObject({ id: waveId, status: 'open' });
      // 5 answers over the five teams' 40 + 30 + 12 + 14 + 8 = 104 people.
      expect(latest.participation).toEqual(progress.total);
      expect(latest.participation).toMatchObject({ responses: 5, headcount: 104 });

      const leader = await leaderOf(orgId, null);
      expect(await call(test.app, leader, 'GET', `/api/organizations/${orgId}/latest-wave`)).toEqual({
        wave: null,
        participation: null,
      });
    });

    it("gives leaders the closed report's published n for their scope, and nothing for a suppressed one (R1–R3)", async () => {
      const { orgId, waveId, consultant, codes } = await setUpAssessment(test);
      for (let i = 0; i < 10; i++) await answer(codes.ops!);
      for (let i = 0; i < 6; i++) await answer(codes['eng-platform']!);
      for (let i = 0; i < 6; i++) await answer(codes['eng-apps']!);
      await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);

      const whole = await leaderOf(orgId, null);
      const report = await call(test.app, whole, 'GET', `/api/waves/${waveId}/report`);
      const latest = await call(test.app, whole, 'GET', `/api/organizations/${orgId}/latest-wave`);
      expect(latest.wave).toMatchObject({ id: waveId, status: 'closed' });
      expect(latest.participation).toEqual({
        responses: report.organization.n,
        headcount: 104,
        rate: report.organization.n / 104,
      });

      // A leader of Engineering sees their published group's row of the participation list.
      const eng = await leaderOf(orgId, 'eng');
      const [engRow] = await call(test.app, eng, 'GET', `/api/waves/${waveId}/participation`);
      const engLatest = await call(test.app, eng, 'GET', `/api/organizations/${orgId}/latest-wave`);
      expect(engLatest.participation).toEqual({
        responses: engRow.responses,
        headcount: engRow.headcount,
        rate: engRow.rate,
      });
      expect(engLatest.participation.responses).toBe(12);

      // Sales had no answer: its group is not published, so neither is a rate.
      const sales = await leaderOf(orgId, 'sales');
      const salesLatest = await call(test.app, sales, 'GET', `/api/organizations/${orgId}/latest-wave`);
      expect(salesLatest).toMatchObject({ wave: { id: waveId }, participation: null });
    });

    it('answers an organization without waves with nothing, and an outsider with 404', async () => {
      const { orgId, consultant } = await setUpAssessment(test);
      const other = await call(test.app, consultant, 'POST', '/api/organizations', { name: 'Empty client' });
      expect(await call(test.app, consultant, 'GET', `/api/organizations/${other.id}/latest-wave`)).toEqual({
        wave: null,
        participation: null,
      });
      const stranger = await setUpAssessment(test);
      const response = await test.app.inject({
        url: `/api/organizations/${orgId}/latest-wave`,
        headers: { cookie: stranger.consultant },
      });
      expect(response.statusCode).toBe(404);
    });
  },
);

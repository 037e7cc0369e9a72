import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, importTeams } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

/** Under k = 5: a team of 2 and one of 4 are small; 5, 0 and an unknown headcount are not. */
const TEAMS = [
  'key,name,parent_key,headcount',
  'eng,Engineering,,30',
  'eng-lead,Engineering leadership,eng,2',
  'eng-apps,Applications,eng,5',
  'eng-ops,Operations,eng,',
  'sales,Sales,,4',
  'board,Board,,0',
].join('\n');

const PULSE = { key: 'trust-os-pulse', version: '1.0.0' };

describe.each(testDatabases())('the small teams a wave asks on their own, on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database);
  });
  afterAll(() => test?.close());

  async function organization() {
    const email = `consultant-${randomUUID()}@example.org`;
    await createAccount(test.handle.db, { email, role: 'consultant' });
    const consultant = await signIn(test.app, email);
    const org = await call(test.app, consultant, 'POST', '/api/organizations', {
      name: `Small teams ${randomUUID()}`,
      anonymityThreshold: 5,
    });
    expect((await importTeams(test.app, consultant, org.id, TEAMS)).statusCode).toBe(200);
    const wave = (body: object = {}) =>
      call(test.app, consultant, 'POST', `/api/organizations/${org.id}/waves`, {
        title: 'Pulse',
        questionnaire: PULSE,
        ...body,
      });
    const read = (waveId: string) => call(test.app, consultant, 'GET', `/api/waves/${waveId}`);
    return { orgId: org.id as string, consultant, wave, read };
  }

  it('lists the teams of 1 to k − 1 people the wave asks, not those of k or more, of none or unknown', async () => {
    const { wave, read } = await organization();
    const all = await wave();
    expect((await read(all.id)).smallTeams).toEqual([
      { teamKey: 'eng-lead', teamName: 'Engineering leadership', headcount: 2 },
      { teamKey: 'sales', teamName: 'Sales', headcount: 4 },
    ]);

    // Left out of the wave, as docs/anonymity.md advises: nothing to warn about.
    const without = await wave({ teamKeys: ['eng', 'eng-apps', 'eng-ops', 'board'] });
    expect((await read(without.id)).smallTeams).toEqual([]);
    // Only the small team the wave asks.
    const some = await wave({ teamKeys: ['eng', 'sales'] });
    expect((await read(some.id)).smallTeams).toEqual([{ teamKey: 'sales', teamName: 'Sales', headcount: 4 }]);
  });

  it('names none once a team takes no answer of its own, nor once the wave has closed', async () => {
    const { orgId, consultant, wave, read } = await organization();
    const { id } = await wave();
    await call(test.app, consultant, 'POST', `/api/waves/${id}/open`);
    expect((await read(id)).smallTeams.map((team: { teamKey: string }) => team.teamKey)).toEqual([
      'eng-lead',
      'sales',
    ]);
    // As the wave page advises: personal codes on for the small team, and none issued.
    await call(test.app, consultant, 'PUT', `/api/waves/${id}/teams/sales`, { personalCodes: true });
    expect((await read(id)).smallTeams.map((team: { teamKey: string }) => team.teamKey)).toEqual([
      'eng-lead',
    ]);
    // A code issued for it opens its link again to that code's holder: named again.
    await call(test.app, consultant, 'POST', `/api/waves/${id}/invitations`, { teamKey: 'sales', count: 1 });
    expect((await read(id)).smallTeams.map((team: { teamKey: string }) => team.teamKey)).toEqual([
      'eng-lead',
      'sales',
    ]);
    // Headcounts are today's while the wave runs.
    const grown = TEAMS.replace(
      'eng-lead,Engineering leadership,eng,2',
      'eng-lead,Engineering leadership,eng,8',
    );
    expect((await importTeams(test.app, consultant, orgId, grown)).statusCode).toBe(200);
    expect((await read(id)).smallTeams.map((team: { teamKey: string }) => team.teamKey)).toEqual(['sales']);

    await call(test.app, consultant, 'POST', `/api/waves/${id}/close`);
    expect((await read(id)).smallTeams).toEqual([]);

    // A leader reads a wave, but none of its teams' headcounts.
    const email = `leader-${randomUUID()}@example.org`;
    await createAccount(test.handle.db, { email, role: 'leader', organizationId: orgId, teamKey: null });
    const leader = await signIn(test.app, email);
    expect((await call(test.app, leader, 'GET', `/api/waves/${id}`)).smallTeams).toEqual([]);
  });
});

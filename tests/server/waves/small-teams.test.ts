import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { answerThrough, call, importTeams } from '../../support/assessment.ts';
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

  it('reads a closed wave with the headcounts of its close, and today’s where none were frozen', async () => {
    const { orgId, consultant, wave, read } = await organization();
    const { id } = await wave();
    await call(test.app, consultant, 'POST', `/api/waves/${id}/open`);
    const { links } = await read(id);
    const eng = links.find((link: { teamKey: string }) => link.teamKey === 'eng');
    await answerThrough(test.app, eng.code, 5);
    expect((await read(id)).smallTeams.map((team: { teamKey: string }) => team.teamKey)).toEqual([
      'eng-lead',
      'sales',
    ]);
    await call(test.app, consultant, 'POST', `/api/waves/${id}/close`);

    // Since the close, leadership has grown to 8 and Applications shrunk to 3.
    const edited = TEAMS.replace(
      'eng-lead,Engineering leadership,eng,2',
      'eng-lead,Engineering leadership,eng,8',
    ).replace('eng-apps,Applications,eng,5', 'eng-apps,Applications,eng,3');
    expect((await importTeams(test.app, consultant, orgId, edited)).statusCode).toBe(200);
    expect((await read(id)).smallTeams).toEqual([
      { teamKey: 'eng-lead', teamName: 'Engineering leadership', headcount: 2 },
      { teamKey: 'sales', teamName: 'Sales', headcount: 4 },
    ]);
    // A new wave reads today's.
    const next = await wave();
    expect((await read(next.id)).smallTeams).toEqual([
      { teamKey: 'eng-apps', teamName: 'Applications', headcount: 3 },
      { teamKey: 'sales', teamName: 'Sales', headcount: 4 },
    ]);

    // A wave frozen before headcounts were reads today's too.
    await sql`update wave_snapshot set headcounts = null where wave_id = ${id}`.execute(test.handle.db);
    expect((await read(id)).smallTeams).toEqual((await read(next.id)).smallTeams);

    // A leader reads a closed wave, but none of its teams' headcounts.
    const email = `leader-${randomUUID()}@example.org`;
    await createAccount(test.handle.db, { email, role: 'leader', organizationId: orgId, teamKey: null });
    const leader = await signIn(test.app, email);
    expect((await call(test.app, leader, 'GET', `/api/waves/${id}`)).smallTeams).toEqual([]);
  });
});

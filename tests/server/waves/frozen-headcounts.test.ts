import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up as cutToAskedTeams } from '../../../migrations/2026-11-29T1100-snapshot-headcounts-asked-teams.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { answerThrough, call, importTeams, setUpAssessment, TEAMS_CSV } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

describe.each(testDatabases())("a closed wave's response rates, on $name", (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database);
  });
  afterAll(() => test?.close());

  it('stay those of its close, for leaders and consultants, when the organization edits headcounts afterwards', async () => {
    const { orgId, waveId, consultant, codes } = await setUpAssessment(test, { threshold: 3 });
    await answerThrough(test.app, codes.ops!, 4);
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
    const email = `leader-${randomUUID()}@example.org`;
    await createAccount(test.handle.db, { email, role: 'leader', organizationId: orgId, teamKey: null });
    const leader = await signIn(test.app, email);
    const read = async () => ({
      rows: await call(test.app, leader, 'GET', `/api/waves/${waveId}/participation`),
      // The consultant's view of the wave's running gives the closed wave the same rates.
      running: await call(test.app, consultant, 'GET', `/api/waves/${waveId}/participation`),
      latest: (await call(test.app, leader, 'GET', `/api/organizations/${orgId}/latest-wave`)).participation,
      // The consultant's wave page and organization card: the same, and the same tree and names.
      progress: await call(test.app, consultant, 'GET', `/api/waves/${waveId}/progress`),
      card: (await call(test.app, consultant, 'GET', `/api/organizations/${orgId}/latest-wave`))
        .participation,
    });
    const atClose = await read();
    const ops = (rows: { teamKey: string; headcount: number; rate: number }[]) =>
      rows.find((row) => row.teamKey === 'ops')!;
    expect(ops(atClose.rows)).toMatchObject({ headcount: 40, rate: 0.1 });
    expect(ops(atClose.running)).toMatchObject({ headcount: 40, rate: 0.1, responses: 4 });
    expect(atClose.latest).toMatchObject({ responses: 4, headcount: 104 });

    const opsProgress = (progress: { teams: { teamKey: string }[] }) =>
      progress.teams.find((team) => team.teamKey === 'ops');
    expect(opsProgress(atClose.progress)).toMatchObject({ teamName: 'Operations', headcount: 40, depth: 0 });
    expect(atClose.card).toMatchObject({ responses: 4 });

    // A year on, Operations has shrunk to 8 people and is called Field operations, under Sales.
    const edited = TEAMS_CSV.replace('ops,Operations,,40', 'ops,Field operations,sales,8');
    expect((await importTeams(test.app, consultant, orgId, edited)).statusCode).toBe(200);
    expect(await read()).toEqual(atClose);

    // A wave frozen before headcounts were reads today's, as it always did.
    await sql`update wave_snapshot set headcounts = null where wave_id = ${waveId}`.execute(test.handle.db);
    const older = await read();
    expect(ops(older.rows)).toMatchObject({ headcount: 8, rate: 0.5 });
    expect(ops(older.running)).toMatchObject({ headcount: 8, rate: 0.5 });
    expect(older.latest).toMatchObject({ responses: 4, headcount: 72 });
  });

  it('count only the people of the teams the wave asked, as the consultant sees them', async () => {
    const { orgId, consultant } = await setUpAssessment(test, { threshold: 3, open: false });
    // Engineering's two teams are asked; Engineering itself (30 people of its own) is not.
    const wave = await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/waves`, {
      title: 'Engineering only',
      questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
      teamKeys: ['eng-platform', 'eng-apps', 'sales'],
    });
    await call(test.app, consultant, 'POST', `/api/waves/${wave.id}/open`);
    const { links } = await call(test.app, consultant, 'GET', `/api/waves/${wave.id}`);
    // Sales (8 people) answers nothing.
    for (const link of links) if (link.teamKey !== 'sales') await answerThrough(test.app, link.code, 3);
    await call(test.app, consultant, 'POST', `/api/waves/${wave.id}/close`);
    const email = `leader-${randomUUID()}@example.org`;
    await createAccount(test.handle.db, { email, role: 'leader', organizationId: orgId, teamKey: null });
    const leader = await signIn(test.app, email);

    const read = async () => ({
      rows: await call(test.app, leader, 'GET', `/api/waves/${wave.id}/participation`),
      latest: (await call(test.app, leader, 'GET', `/api/organizations/${orgId}/latest-wave`)).participation,
      progress: await call(test.app, consultant, 'GET', `/api/waves/${wave.id}/progress`),
      running: await call(test.app, consultant, 'GET', `/api/waves/${wave.id}/participation`),
    });
    const atClose = await read();
    // 6 answers over Platform's 12 and Applications' 14 people.
    expect(atClose.rows.find((row: { teamKey: string }) => row.teamKey === 'eng')).toMatchObject({
      responses: 6,
      headcount: 26,
    });
    // The whole organization: 6 over 12 + 14 + Sales' 8.
    expect(atClose.latest).toMatchObject({ responses: 6, headcount: 34 });
    expect(atClose.progress.total).toMatchObject({ responses: 6, headcount: 34 });
    expect(atClose.running.map((row: { teamKey: string }) => row.teamKey)).toEqual([
      'eng-platform',
      'eng-apps',
      'sales',
    ]);

    // Sales, which never answered, leaves the hierarchy after the close: the wave reads the same.
    const withoutSales = TEAMS_CSV.split('\n')
      .filter((line) => !line.startsWith('sales,'))
      .join('\n');
    expect((await importTeams(test.app, consultant, orgId, withoutSales)).statusCode).toBe(200);
    expect(await read()).toEqual(atClose);

    // A snapshot frozen before, with every team of its tree, is cut to the teams its wave asked:
    // Sales too, gone from the hierarchy but a leaf of the tree the wave froze.
    await sql`update wave_snapshot set headcounts = ${JSON.stringify({ eng: 30, 'eng-platform': 12, 'eng-apps': 14, sales: 8 })}::json
      where wave_id = ${wave.id}`.execute(test.handle.db);
    await cutToAskedTeams(test.handle.db);
    const { rows } = await sql<{
      headcounts: string;
    }>`select headcounts::text as headcounts from wave_snapshot
      where wave_id = ${wave.id}`.execute(test.handle.db);
    expect(JSON.parse(rows[0]!.headcounts)).toEqual({ 'eng-platform': 12, 'eng-apps': 14, sales: 8 });
  });
});

import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
      teamKeys: ['eng-platform', 'eng-apps'],
    });
    await call(test.app, consultant, 'POST', `/api/waves/${wave.id}/open`);
    const { links } = await call(test.app, consultant, 'GET', `/api/waves/${wave.id}`);
    for (const link of links) await answerThrough(test.app, link.code, 3);
    await call(test.app, consultant, 'POST', `/api/waves/${wave.id}/close`);
    const email = `leader-${randomUUID()}@example.org`;
    await createAccount(test.handle.db, { email, role: 'leader', organizationId: orgId, teamKey: null });
    const leader = await signIn(test.app, email);

    const rows = await call(test.app, leader, 'GET', `/api/waves/${wave.id}/participation`);
    // 6 answers over Platform's 12 and Applications' 14 people.
    expect(rows.find((row: { teamKey: string }) => row.teamKey === 'eng')).toMatchObject({
      responses: 6,
      headcount: 26,
    });
    const latest = (await call(test.app, leader, 'GET', `/api/organizations/${orgId}/latest-wave`))
      .participation;
    expect(latest).toMatchObject({ responses: 6, headcount: 26 });
    const progress = await call(test.app, consultant, 'GET', `/api/waves/${wave.id}/progress`);
    expect(progress.total).toMatchObject({ responses: 6, headcount: 26 });
  });
});

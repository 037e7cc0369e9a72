import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ITEM_RULE } from '../../../server/domain/report/published-figures.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, importTeams, setUpAssessment, someAnswers, TEAMS_CSV } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';
import { dayFromToday } from '../../support/dates.ts';

const DIMENSION = 'ownership';

interface Cell {
  score: number;
  n: number;
  ci95: [number, number];
  trend?: { previousScore: number; change: number };
}
interface Group {
  teamKey: string;
  dimensions: Record<string, Cell | null>;
}

/**
 * Actions read a closed wave as its report shows it today, whatever was frozen beside it: the
 * figures of a wave frozen under an earlier rule 4, and the tree the wave froze at its close.
 */
describe.each(testDatabases())('actions on older closed waves, on $name', (database) => {
  let test: TestApp;

  beforeAll(async () => {
    test = await startTestApp(database);
  });
  afterAll(() => test?.close());

  const inject = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    test.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const submit = async (codes: Record<string, string>, plan: Record<string, number>) => {
    for (const [team, count] of Object.entries(plan))
      for (let i = 0; i < count; i++) {
        const response = await test.app.inject({
          method: 'POST',
          url: `/api/participate/${codes[team]}/responses`,
          payload: { submissionId: randomUUID(), answers: someAnswers(2 + (i % 3)) },
        });
        expect(response.statusCode, response.body).toBe(201);
      }
  };
  const action = (teamKey: string | null) => ({
    teamKey,
    dimension: DIMENSION,
    title: `Name an owner for each next step in ${teamKey ?? 'the organization'}`,
    owner: 'Head of operations',
    dueDate: dayFromToday(60),
  });
  /** A second wave of `orgId`, answered as `plan` says and closed. */
  const closeNextWave = async (orgId: string, consultant: string, plan: Record<string, number>) => {
    const next = await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/waves`, {
      title: 'Winter pulse',
      questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
    });
    await call(test.app, consultant, 'POST', `/api/waves/${next.id}/open`);
    const details = await call(test.app, consultant, 'GET', `/api/waves/${next.id}`);
    await submit(
      Object.fromEntries(details.links.map((l: { teamKey: string; code: string }) => [l.teamKey, l.code])),
      plan,
    );
    await call(test.app, consultant, 'POST', `/api/waves/${next.id}/close`);
    return next.id as string;
  };
  /** Engineering without its applications team, which stands on its own. */
  const APPLICATIONS_OUT = [
    'key,name,parent_key,headcount',
    'ops,Operations,,40',
    'eng,Engineering,,30',
    'eng-platform,Platform,eng,12',
    'eng-apps,Applications,,14',
    'sales,Sales,,8',
  ].join('\n');
  const leaderOf = async (orgId: string, teamKey: string) => {
    const email = `${teamKey}-lead-${orgId}@example.org`;
    await createAccount(test.handle.db, { email, role: 'leader', organizationId: orgId, teamKey });
    return signIn(test.app, email);
  };
  /** What an action reads of a report's cell: its score, n and interval. */
  const figure = (groups: Group[], teamKey: string) => {
    const cell = groups.find((g) => g.teamKey === teamKey)!.dimensions[DIMENSION];
    return cell && { score: cell.score, n: cell.n, ci95: cell.ci95 };
  };
  const published = async (waveId: string) => {
    const row = await test.handle.db
      .selectFrom('wave_snapshot')
      .select(sql<string>`published::text`.as('published'))
      .where('wave_id', '=', waveId)
      .executeTakeFirstOrThrow();
    return JSON.parse(row.published) as { groups: Group[]; itemRule?: number };
  };
  const storePublished = (waveId: string, figures: object) =>
    sql`update wave_snapshot set published = ${JSON.stringify(figures)}::jsonb where wave_id = ${waveId}`.execute(
      test.handle.db,
    );

  it('makes no action on a cell the report hides, though figures frozen under an earlier rule 4 show it', async () => {
    // Threshold 3. Sales has one respondent (R1), so the organization's remainder is 1 and ops,
    // its smallest top-level team, is hidden beside it (R2): 3 in ops, 6 in engineering.
    const { waveId, consultant, codes } = await setUpAssessment(test, { threshold: 3 });
    await submit(codes, { ops: 3, 'eng-platform': 3, 'eng-apps': 3, sales: 1 });
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
    const report = await call(test.app, consultant, 'GET', `/api/waves/${waveId}/report`);
    const reportCell = (key: string) => figure(report.groups, key);
    expect(reportCell('ops')).toBeNull();
    expect(reportCell('eng-apps')).not.toBeNull();

    // The snapshot as a wave closed under an earlier rule 4 may have frozen it: a cell today's
    // report hides, shown with its figures, and no `itemRule` (or an older one).
    const frozen = await published(waveId);
    expect(frozen.itemRule).toBe(ITEM_RULE);
    const shownThen: Cell = { score: 50, n: 3, ci95: [1.5, 4.5] };
    const older = {
      ...frozen,
      groups: frozen.groups.map((g) =>
        g.teamKey === 'ops' ? { ...g, dimensions: { ...g.dimensions, [DIMENSION]: shownThen } } : g,
      ),
    };
    for (const itemRule of [undefined, ITEM_RULE - 1]) {
      await storePublished(waveId, { ...older, itemRule });
      const refused = await inject(consultant, 'POST', `/api/waves/${waveId}/actions`, action('ops'));
      expect(refused.statusCode, `itemRule ${itemRule}`).toBe(409);
      expect(refused.json().message).toMatch(/hides this cell/);
      // A cell both show gets the report's own figures as its baseline.
      const made = await inject(consultant, 'POST', `/api/waves/${waveId}/actions`, action('eng-apps'));
      expect(made.statusCode, made.body).toBe(201);
      expect(made.json().baseline).toEqual(reportCell('eng-apps'));
    }

    // Frozen under today's rule, the figures are read as they were frozen, without building the
    // report again: the same snapshot then gives the cell it shows.
    await storePublished(waveId, { ...older, itemRule: ITEM_RULE });
    const read = await inject(consultant, 'POST', `/api/waves/${waveId}/actions`, action('ops'));
    expect(read.statusCode, read.body).toBe(201);
    expect(read.json().baseline).toEqual(shownThen);
  });

  it("lists a scoped leader's actions in a closed report over the tree frozen at its close", async () => {
    const { orgId, waveId, consultant, codes } = await setUpAssessment(test, { threshold: 3 });
    const plan = { ops: 3, 'eng-platform': 3, 'eng-apps': 3, sales: 3 };
    await submit(codes, plan);
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
    for (const teamKey of ['ops', 'eng-platform', 'eng-apps'])
      await call(test.app, consultant, 'POST', `/api/waves/${waveId}/actions`, action(teamKey));

    const nextId = await closeNextWave(orgId, consultant, plan);

    // After the close, operations moves under engineering and applications moves out of it.
    const moved = await importTeams(
      test.app,
      consultant,
      orgId,
      APPLICATIONS_OUT.replace('ops,Operations,,40', 'ops,Operations,eng,40'),
    );
    expect(moved.statusCode, moved.body).toBe(200);

    const leader = await leaderOf(orgId, 'eng');
    const report = await call(test.app, leader, 'GET', `/api/waves/${nextId}/report`);
    const shown = report.groups.map((g: Group) => g.teamKey).sort();
    expect(shown).toEqual(['eng', 'eng-apps', 'eng-platform']);
    // The actions beside it are those of the teams it shows, each with its outcome.
    const actions: { teamKey: string; outcome: { current: Cell | null } }[] = report.actions;
    expect(actions.map((a) => a.teamKey).sort()).toEqual(['eng-apps', 'eng-platform']);
    for (const a of actions) expect(a.outcome.current).toEqual(figure(report.groups, a.teamKey));

    // The organization's list and its edits judge each action so too, not by today's tree:
    // operations, moved in since, stays out; applications, moved out since, stays in.
    const listed: { id: string; teamKey: string; outcome: { current: Cell | null } }[] = await call(
      test.app,
      leader,
      'GET',
      `/api/organizations/${orgId}/actions`,
    );
    expect(listed.map((a) => a.teamKey).sort()).toEqual(['eng-apps', 'eng-platform']);
    for (const a of listed) expect(a.outcome.current).toEqual(figure(report.groups, a.teamKey));
    const all: { id: string; teamKey: string }[] = await call(
      test.app,
      consultant,
      'GET',
      `/api/organizations/${orgId}/actions`,
    );
    const edit = (teamKey: string) =>
      test.app.inject({
        method: 'PATCH',
        url: `/api/actions/${all.find((a) => a.teamKey === teamKey)!.id}`,
        headers: { cookie: leader },
        payload: { status: 'in-progress' },
      });
    expect((await edit('eng-apps')).statusCode).toBe(200);
    expect((await edit('ops')).statusCode).toBe(404);
  });

  it('gives a scoped leader no trend of a team that lay outside their part in the previous wave', async () => {
    const { orgId, waveId, consultant, codes } = await setUpAssessment(test, { threshold: 3 });
    const plan = { ops: 3, 'eng-platform': 3, 'eng-apps': 3, sales: 3 };
    await submit(codes, plan);
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
    // Between the waves, operations moves under engineering.
    const moved = await importTeams(
      test.app,
      consultant,
      orgId,
      TEAMS_CSV.replace('ops,Operations,,40', 'ops,Operations,eng,40'),
    );
    expect(moved.statusCode, moved.body).toBe(200);
    const nextId = await closeNextWave(orgId, consultant, plan);

    const leader = await leaderOf(orgId, 'eng');
    const trendOf = (groups: Group[], teamKey: string) =>
      groups.find((g) => g.teamKey === teamKey)!.dimensions[DIMENSION]!.trend;
    const report = await call(test.app, leader, 'GET', `/api/waves/${nextId}/report`);
    // Platform was theirs in both waves; operations was not theirs when the first wave closed, and
    // its score then is not theirs to read through a trend (nor through the first wave's report).
    expect(trendOf(report.groups, 'eng-platform')).toBeDefined();
    expect(report.groups.find((g: Group) => g.teamKey === 'ops')).toBeDefined();
    expect(trendOf(report.groups, 'ops')).toBeUndefined();
    const detail = await call(
      test.app,
      leader,
      'GET',
      `/api/waves/${nextId}/report?detail=items&depth=0&root=ops`,
    );
    for (const cell of Object.values(detail.groups[0].items as Record<string, Cell | null>))
      expect(cell?.trend).toBeUndefined();
    const csv = await test.app.inject({
      url: `/api/waves/${nextId}/report.csv`,
      headers: { cookie: leader },
    });
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    const column = lines[0]!.split(',').indexOf('trend_previous_score');
    expect(column).toBeGreaterThan(-1);
    const opsLines = lines.filter((line) => line.startsWith('ops,'));
    expect(opsLines.length).toBeGreaterThan(0);
    for (const line of opsLines) expect(line.split(',')[column]).toBe('');
    // The whole organization's reader keeps every trend.
    const whole = await call(test.app, consultant, 'GET', `/api/waves/${nextId}/report`);
    expect(trendOf(whole.groups, 'ops')).toBeDefined();
  });

  it("withholds an action's outcome from a leader whose part did not hold its team when it was measured", async () => {
    const { orgId, waveId, consultant, codes } = await setUpAssessment(test, { threshold: 3 });
    const plan = { ops: 3, 'eng-platform': 3, 'eng-apps': 3, sales: 3 };
    await submit(codes, plan);
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/actions`, action('eng-apps'));
    // Applications leaves engineering before the next wave, which measures the action there.
    expect((await importTeams(test.app, consultant, orgId, APPLICATIONS_OUT)).statusCode).toBe(200);
    const nextId = await closeNextWave(orgId, consultant, plan);

    const [measured] = await call(test.app, consultant, 'GET', `/api/organizations/${orgId}/actions`);
    expect(measured.outcome).toMatchObject({ waveId: nextId, verdict: expect.any(String) });
    // Engineering's leader made it inside their part, and keeps it with its starting point; the
    // later wave's figure for applications is not theirs to read.
    const leader = await leaderOf(orgId, 'eng');
    const [theirs] = await call(test.app, leader, 'GET', `/api/organizations/${orgId}/actions`);
    expect(theirs).toEqual({ ...measured, outcome: null, outcomeOutsideScope: true });
    const report = await call(test.app, leader, 'GET', `/api/waves/${nextId}/report`);
    expect(report.groups.map((g: Group) => g.teamKey)).not.toContain('eng-apps');
    expect(report.actions).toEqual([]);
    // Applications' own leader reads the outcome the wave measured.
    const own = await leaderOf(orgId, 'eng-apps');
    expect(await call(test.app, own, 'GET', `/api/organizations/${orgId}/actions`)).toEqual([measured]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { answerThrough, call, importTeams, setUpAssessment } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';
import { dayFromToday } from '../../support/dates.ts';

const DIMENSION = 'ownership';

interface Figure {
  score: number;
  n: number;
  ci95: [number, number];
}
interface Action {
  id: string;
  teamKey: string | null;
  teamName: string | null;
  outcome: { waveId: string; current: Figure | null; delta: number | null; verdict: string } | null;
  outcomeOutsideScope?: true;
}
interface Report {
  groups: { teamKey: string; name: string }[];
  actions: Action[];
}

/**
 * Applications renamed and moved out of Engineering, Platform renamed in place: what the
 * organization looks like by the third wave.
 */
const REORGANIZED = [
  'key,name,parent_key,headcount',
  'ops,Operations,,40',
  'eng,Engineering,,30',
  'eng-platform,Core platform,eng,12',
  'eng-apps,Apps and mobile,,14',
  'sales,Sales,,8',
].join('\n');

/**
 * An action on a team is read by a leader limited to Engineering through three waves, threshold 3:
 * - the first asks every team; Applications lies under Engineering, and actions are made on it;
 * - a pulse asks only Operations and Platform: Applications is absent from it, in nobody's part;
 * - Applications is then renamed and moved out of Engineering, and a third wave asks everyone:
 *   Applications is in that wave, outside the leader's part.
 */
describe.each(testDatabases())("a team's place in the waves that follow an action, on $name", (database) => {
  let test: TestApp;
  let orgId: string;
  let consultant: string;
  let engineering: string;
  let first: string;
  let pulse: string;
  let third: string;
  const made: Record<string, Action> = {};

  const everyTeam = { ops: 3, 'eng-platform': 3, 'eng-apps': 3, sales: 3 };
  /** Opens a wave, has `plan[team]` people answer each team's link (2, 3, 4, …), and closes it. */
  const run = async (waveId: string, plan: Record<string, number>) => {
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/open`);
    const { links } = await call(test.app, consultant, 'GET', `/api/waves/${waveId}`);
    for (const link of links as { teamKey: string; code: string }[])
      await answerThrough(test.app, link.code, plan[link.teamKey] ?? 0, (i) => 2 + (i % 3));
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
  };
  const newWave = async (title: string, teamKeys?: string[]) =>
    (
      await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/waves`, {
        title,
        questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
        ...(teamKeys ? { teamKeys } : {}),
      })
    ).id as string;
  const commit = (cookie: string, waveId: string, teamKey: string | null) =>
    test.app.inject({
      method: 'POST',
      url: `/api/waves/${waveId}/actions`,
      headers: { cookie },
      payload: {
        teamKey,
        dimension: DIMENSION,
        title: `Name an owner for each next step in ${teamKey ?? 'the organization'}`,
        owner: 'Head of engineering',
        dueDate: dayFromToday(60),
      },
    });
  const listed = async (cookie: string): Promise<Action[]> =>
    call(test.app, cookie, 'GET', `/api/organizations/${orgId}/actions`);
  const report = async (cookie: string, waveId: string): Promise<Report> =>
    call(test.app, cookie, 'GET', `/api/waves/${waveId}/report`);
  const find = (actions: readonly Action[], id: string) => actions.find((a) => a.id === id);

  beforeAll(async () => {
    test = await startTestApp(database);
    const a = await setUpAssessment(test, { threshold: 3, open: false });
    ({ orgId, consultant } = a);
    first = a.waveId;
    await run(first, everyTeam);
    for (const teamKey of ['eng-apps', 'eng-platform', 'ops', null]) {
      const response = await commit(consultant, first, teamKey);
      expect(response.statusCode, response.body).toBe(201);
      made[teamKey ?? ''] = response.json();
    }
    const email = `eng-lead-${orgId}@example.org`;
    await createAccount(test.handle.db, { email, role: 'leader', organizationId: orgId, teamKey: 'eng' });
    engineering = await signIn(test.app, email);
    pulse = await newWave('Quick pulse', ['ops', 'eng-platform']);
    await run(pulse, everyTeam);
  });
  afterAll(() => test?.close());

  it('shows a scoped leader the outcome of a team the later wave did not ask: not measurable, not withheld', async () => {
    const apps = made['eng-apps']!.id;
    const whole = find(await listed(consultant), apps)!;
    expect(whole.outcome).toMatchObject({
      waveId: pulse,
      current: null,
      delta: null,
      verdict: 'not-measurable',
    });
    // The leader reads it as the consultant does: the pulse published nothing of Applications,
    // so there is nothing to withhold, and it never lay outside their part.
    const theirs = await listed(engineering);
    expect(find(theirs, apps)).toEqual(whole);
    expect(new Set(theirs.map((a) => a.teamKey))).toEqual(new Set(['eng-apps', 'eng-platform', null]));

    // Their report of the pulse lists it beside the others of their part, with the same outcome.
    const wholeReport = await report(consultant, pulse);
    const theirReport = await report(engineering, pulse);
    expect(theirReport.groups.map((g) => g.teamKey)).not.toContain('eng-apps');
    expect(new Set(theirReport.actions.map((a) => a.teamKey))).toEqual(
      new Set(['eng-apps', 'eng-platform', null]),
    );
    expect(find(theirReport.actions, apps)).toEqual(find(wholeReport.actions, apps));
    expect(find(theirReport.actions, apps)!.outcome).toMatchObject({ verdict: 'not-measurable' });
    // Operations was in the pulse, outside their part: its action stays out of their report.
    expect(find(theirReport.actions, made.ops!.id)).toBeUndefined();
  });

  it('still withholds the outcome, figures and all, where the team was asked but lay outside their part', async () => {
    expect((await importTeams(test.app, consultant, orgId, REORGANIZED)).statusCode).toBe(200);
    third = await newWave('Spring pulse');
    await run(third, everyTeam);

    const apps = made['eng-apps']!.id;
    const whole = find(await listed(consultant), apps)!;
    expect(whole.outcome).toMatchObject({ waveId: third, current: { n: 3 } });
    expect(whole.outcome!.delta).not.toBeNull();
    const theirs = await listed(engineering);
    expect(find(theirs, apps)).toEqual({ ...whole, outcome: null, outcomeOutsideScope: true });
    // Platform, inside their part in every wave, keeps its figures.
    expect(find(theirs, made['eng-platform']!.id)!.outcome).toMatchObject({
      waveId: third,
      current: { n: 3 },
    });

    // The third wave's report of their part lists no action on Applications...
    const thirdReport = await report(engineering, third);
    expect(thirdReport.groups.map((g) => g.teamKey)).not.toContain('eng-apps');
    expect(find(thirdReport.actions, apps)).toBeUndefined();
    // ...while the pulse's still lists it with what the pulse measured: nothing.
    const pulseReport = await report(engineering, pulse);
    expect(find(pulseReport.actions, apps)!.outcome).toMatchObject({
      waveId: pulse,
      current: null,
      delta: null,
      verdict: 'not-measurable',
    });
  });

  it("names each action's team as its own wave named it, after a rename or a move", async () => {
    // Made on the first wave: Applications and Platform, whatever the teams are called today.
    const names = (actions: readonly Action[]) =>
      Object.fromEntries(
        actions
          .filter((a) => Object.values(made).some((m) => m.id === a.id))
          .map((a) => [a.teamKey ?? '', a.teamName]),
      );
    expect(made['eng-apps']!.teamName).toBe('Applications');
    expect(names(await listed(consultant))).toEqual({
      'eng-apps': 'Applications',
      'eng-platform': 'Platform',
      ops: 'Operations',
      '': null,
    });
    expect(names(await listed(engineering))).toEqual({
      'eng-apps': 'Applications',
      'eng-platform': 'Platform',
      '': null,
    });
    // In a report whose wave did not ask the team, or calls it otherwise.
    expect(names((await report(engineering, pulse)).actions)).toEqual({
      'eng-apps': 'Applications',
      'eng-platform': 'Platform',
      '': null,
    });
    const thirdReport = await report(consultant, third);
    expect(thirdReport.groups.find((g) => g.teamKey === 'eng-apps')!.name).toBe('Apps and mobile');
    expect(names(thirdReport.actions)).toMatchObject({
      'eng-apps': 'Applications',
      'eng-platform': 'Platform',
    });

    // Made on the third wave: its own names, in the answer to the command and in the list after it.
    const renamed = await commit(consultant, third, 'eng-apps');
    expect(renamed.statusCode, renamed.body).toBe(201);
    expect(renamed.json().teamName).toBe('Apps and mobile');
    const platform = await commit(engineering, third, 'eng-platform');
    expect(platform.statusCode, platform.body).toBe(201);
    expect(platform.json().teamName).toBe('Core platform');
    const changed = await test.app.inject({
      method: 'PATCH',
      url: `/api/actions/${platform.json().id}`,
      headers: { cookie: engineering },
      payload: { note: 'Started' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().teamName).toBe('Core platform');
    const now = await listed(consultant);
    expect(find(now, renamed.json().id)!.teamName).toBe('Apps and mobile');
    expect(find(now, made['eng-apps']!.id)!.teamName).toBe('Applications');
  });
});

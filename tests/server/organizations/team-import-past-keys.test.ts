import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTeams } from '../../../server/db/organizations.ts';
import { pastTeamProblems } from '../../../server/domain/hierarchy/team-import-plan.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { answerThrough, call, importTeams, setUpAssessment } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';
import { dayFromToday } from '../../support/dates.ts';

const tree = (...rows: string[]) => ['key,name,parent_key,headcount', ...rows].join('\n');
// Engineering dissolved: its two teams now under Research.
const DISSOLVED = tree(
  'ops,Operations,,40',
  'rnd,Research,,30',
  'eng-platform,Platform,rnd,12',
  'eng-apps,Applications,rnd,14',
  'sales,Sales,,8',
);

describe('the key of a team a closed wave had, removed since', () => {
  it('is refused to a new team, and only to one', () => {
    const teams = [
      { key: 'ops', name: 'Operations', parentKey: null, headcount: null },
      { key: 'eng', name: 'Engagement desk', parentKey: null, headcount: null },
    ];
    const past = [
      { key: 'eng', wave: 'Autumn pulse' },
      { key: 'ops', wave: 'Autumn pulse' },
    ];
    expect(pastTeamProblems(teams, ['ops'], past)).toEqual([
      expect.objectContaining({ code: 'keyOfPastTeam', values: { key: 'eng', wave: 'Autumn pulse' } }),
    ]);
    // Still there: the same team, kept.
    expect(pastTeamProblems(teams, ['ops', 'eng'], past)).toEqual([]);
  });
});

describe.each(testDatabases())('a team import and the keys of closed waves, on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database);
  });
  afterAll(() => test?.close());

  it("does not hand a removed team's history to a new team under its key", async () => {
    const { orgId, waveId, consultant, codes } = await setUpAssessment(test);
    for (const team of ['eng-platform', 'eng-apps']) await answerThrough(test.app, codes[team]!, 3);
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
    // An action on Engineering, the department that is then dissolved.
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/actions`, {
      teamKey: 'eng',
      dimension: 'decision-stability',
      title: 'Reorganise decision rights',
      owner: 'Head of engineering',
      dueDate: dayFromToday(60),
      steps: [],
    });
    expect((await importTeams(test.app, consultant, orgId, DISSOLVED)).statusCode).toBe(200);

    const withNewEng = `${DISSOLVED}\neng,Engagement desk,sales,3`;
    const preview = await test.app.inject({
      method: 'POST',
      url: `/api/organizations/${orgId}/teams/preview`,
      headers: { cookie: consultant, 'content-type': 'text/csv' },
      payload: withNewEng,
    });
    expect(preview.json().problems).toEqual([
      expect.objectContaining({ code: 'keyOfPastTeam', values: { key: 'eng', wave: 'Autumn pulse' } }),
    ]);
    const refused = await importTeams(test.app, consultant, orgId, withNewEng);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'teams.key-of-past-team',
      params: { teams: 'eng', count: 1 },
      fields: [expect.objectContaining({ field: 'team eng', code: 'teams.team-key-of-past-team' })],
    });
    expect((await listTeams(test.handle.db, orgId)).map((team) => team.key)).not.toContain('eng');
    // Under another key, the new team is welcome; and the same file as before still imports.
    expect(
      (await importTeams(test.app, consultant, orgId, `${DISSOLVED}\neng-desk,Engagement desk,sales,3`))
        .statusCode,
    ).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { answerThrough, call, setUpAssessment } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';
import { dayFromToday } from '../../support/dates.ts';

const [pglite] = testDatabases();

/**
 * A trend compares a group with itself in the previous wave. When the two waves asked different
 * teams under a group, its two scores are of different people, and their difference says nothing
 * about change: the report gives that group no trend, and keeps those of groups asked alike.
 */
describe('trends between waves that asked different teams', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(pglite!);
  });
  afterAll(async () => {
    await test?.close();
  });

  it('gives none to a group whose teams differ, and keeps those of groups asked alike', async () => {
    const { orgId, waveId: first, consultant, codes } = await setUpAssessment(test);
    for (const team of ['ops', 'eng-platform', 'eng-apps', 'sales'])
      await answerThrough(test.app, codes[team]!, 4, () => 2);
    await call(test.app, consultant, 'POST', `/api/waves/${first}/close`);
    // Actions on the organization and on Operations, measured when the next wave closes.
    const action = (teamKey: string | null) =>
      call(test.app, consultant, 'POST', `/api/waves/${first}/actions`, {
        teamKey,
        dimension: 'decision-stability',
        title: 'Decide once, in the room',
        owner: 'Leadership team',
        dueDate: dayFromToday(60),
        steps: [],
      });
    const onOrganization = await action(null);
    const onOps = await action('ops');

    const second = await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/waves`, {
      title: 'Winter pulse',
      questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
      teamKeys: ['ops', 'eng-platform'],
    });
    await call(test.app, consultant, 'POST', `/api/waves/${second.id}/open`);
    const links = (await call(test.app, consultant, 'GET', `/api/waves/${second.id}`)).links as {
      teamKey: string;
      code: string;
    }[];
    for (const link of links) await answerThrough(test.app, link.code, 4);
    await call(test.app, consultant, 'POST', `/api/waves/${second.id}/close`);

    const report = await call(test.app, consultant, 'GET', `/api/waves/${second.id}/report`);
    const trend = (teamKey: string | null) => {
      const group =
        teamKey === null
          ? report.organization
          : report.groups.find((g: { teamKey: string }) => g.teamKey === teamKey);
      return group.dimensions['decision-stability'].trend;
    };
    // Asked alike: a trend.
    expect(trend('ops')).toBeDefined();
    expect(trend('eng-platform')).toBeDefined();
    // The organization lost Sales and Applications, Engineering lost Applications: no trend.
    expect(trend(null)).toBeUndefined();
    expect(trend('eng')).toBeUndefined();
    // The report names what it compares with, so that a cell without a trend can say why; the
    // first wave's compares with none, and neither does an open wave's preview.
    expect(report.wave.previous).toEqual({ id: first, title: 'Autumn pulse' });
    const firstReport = await call(test.app, consultant, 'GET', `/api/waves/${first}/report`);
    expect(firstReport.wave.previous).toBeNull();

    // Nor is an action on the organization measured by a wave that asked other people.
    const actions: { id: string; outcome: { verdict: string } | null }[] = await call(
      test.app,
      consultant,
      'GET',
      `/api/organizations/${orgId}/actions`,
    );
    const outcome = (id: string) => actions.find((a) => a.id === id)!.outcome;
    expect(outcome(onOrganization.id)).toMatchObject({ verdict: 'not-measurable' });
    expect(outcome(onOps.id)).toMatchObject({ verdict: 'no-clear-change' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoIfEmpty, type DemoAccounts } from '../../../server/demo/create-demo.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call } from '../../support/assessment.ts';
import { signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

describe.each(testDatabases())("the demo's actions on $name", (database) => {
  let test: TestApp;
  let demo: DemoAccounts;
  beforeAll(async () => {
    test = await startTestApp(database);
    demo = (await createDemoIfEmpty(test.handle.db, test.app.questionnaires))!;
  });
  afterAll(() => test?.close());

  it('shows a new user the whole loop: actions on the first wave, measured by the second', async () => {
    const leader = await signIn(test.app, demo.leader.email, demo.leader.password);
    const waves = await call(test.app, leader, 'GET', `/api/organizations/${demo.organizationId}/waves`);
    const [second, first] = waves as { id: string }[];
    const actions = await call(test.app, leader, 'GET', `/api/organizations/${demo.organizationId}/actions`);
    expect(actions.length).toBe(4);
    expect(new Set(actions.map((a: { status: string }) => a.status))).toEqual(
      new Set(['planned', 'in-progress', 'done']),
    );
    for (const action of actions) {
      expect(action.waveId).toBe(first!.id);
      expect(action.outcome.waveId).toBe(second!.id);
      expect(action.outcome.verdict).not.toBe('not-measurable');
    }
    const report = await call(test.app, leader, 'GET', `/api/waves/${second!.id}/report`);
    expect(report.actions.map((a: { id: string }) => a.id).sort()).toEqual(
      actions.map((a: { id: string }) => a.id).sort(),
    );
  });
});

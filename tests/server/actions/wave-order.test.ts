import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { answerThrough, call, setUpAssessment } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';
import { dayFromToday } from '../../support/dates.ts';

interface Group {
  teamKey: string | null;
  dimensions: Record<string, { score: number; trend?: { previousScore: number; change: number } } | null>;
}

/**
 * A diagnostic made in advance, to open next month, and a pulse run and closed meanwhile: the
 * diagnostic was created first and closes last. "Previous" and "later" follow the closing.
 */
describe.each(testDatabases())('waves created in one order and closed in another, on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database);
  });
  afterAll(() => test?.close());

  const answerAll = (code: string, value: number) => answerThrough(test.app, code, 4, () => value);
  const opsLink = async (cookie: string, waveId: string): Promise<string> =>
    (await call(test.app, cookie, 'GET', `/api/waves/${waveId}`)).links.find(
      (link: { teamKey: string }) => link.teamKey === 'ops',
    ).code;
  const ops = (report: { groups: Group[] }) => report.groups.find((group) => group.teamKey === 'ops')!;

  const commit = (cookie: string, waveId: string, title: string) =>
    call(test.app, cookie, 'POST', `/api/waves/${waveId}/actions`, {
      teamKey: 'ops',
      dimension: 'ownership',
      title,
      owner: 'Operations lead',
      dueDate: dayFromToday(60),
      steps: [],
    });

  /**
   * A diagnostic made first and left as a draft (`early`); a pulse made after it (`late`), run and
   * closed while the diagnostic waits; `meanwhile`; then the diagnostic run and closed last.
   */
  async function closedOutOfOrder(
    meanwhile: (consultant: string, late: string) => Promise<void> = async () => {},
  ) {
    const { orgId, waveId: early, consultant } = await setUpAssessment(test, { open: false, threshold: 3 });
    const late = (
      await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/waves`, {
        title: 'Quick pulse',
        questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
      })
    ).id as string;
    await call(test.app, consultant, 'POST', `/api/waves/${late}/open`);
    await answerAll(await opsLink(consultant, late), 2);
    await call(test.app, consultant, 'POST', `/api/waves/${late}/close`);
    await meanwhile(consultant, late);
    await call(test.app, consultant, 'POST', `/api/waves/${early}/open`);
    await answerAll(await opsLink(consultant, early), 4);
    await call(test.app, consultant, 'POST', `/api/waves/${early}/close`);
    return { orgId, early, late, consultant };
  }

  it('compares, measures and lands by the order in which the waves closed', async () => {
    let action: { id: string } | undefined;
    let pulseBefore: { groups: Group[] } | undefined;
    const { orgId, early, late, consultant } = await closedOutOfOrder(async (cookie, pulse) => {
      action = await commit(cookie, pulse, 'Name one owner per decision');
      pulseBefore = await call(test.app, cookie, 'GET', `/api/waves/${pulse}/report`);
    });

    // Its trends compare with the pulse, which closed before it.
    const diagnostic = await call(test.app, consultant, 'GET', `/api/waves/${early}/report`);
    const cell = ops(diagnostic).dimensions.ownership!;
    expect(cell.trend).toMatchObject({ previousScore: ops(pulseBefore!).dimensions.ownership!.score });
    expect(cell.trend!.change).toBeCloseTo(cell.score - ops(pulseBefore!).dimensions.ownership!.score, 6);
    // The pulse's report stays as it was: nothing closed before it, and nothing closing later changes it.
    const pulseAfter = await call(test.app, consultant, 'GET', `/api/waves/${late}/report`);
    expect(ops(pulseAfter).dimensions.ownership!.trend).toBeUndefined();
    expect(pulseAfter.groups).toEqual(pulseBefore!.groups);

    // The action made on the pulse is measured by the diagnostic, and its report shows it.
    const actions = await call(test.app, consultant, 'GET', `/api/organizations/${orgId}/actions`);
    const measured = actions.find((a: { id: string }) => a.id === action!.id);
    expect(measured.outcome).toMatchObject({ waveId: early });
    expect(measured.outcome.delta).toBeCloseTo(cell.trend!.change, 6);
    expect(diagnostic.actions.map((a: { id: string }) => a.id)).toEqual([action!.id]);

    // A leader signing in lands on the newest report: the diagnostic's.
    const email = `leader-${randomUUID()}@example.org`;
    await createAccount(test.handle.db, { email, role: 'leader', organizationId: orgId, teamKey: null });
    const leader = await signIn(test.app, email);
    const latest = await call(test.app, leader, 'GET', `/api/organizations/${orgId}/latest-wave`);
    expect(latest.wave.id).toBe(early);
    const waves = await call(test.app, leader, 'GET', `/api/organizations/${orgId}/waves`);
    expect(waves.map((w: { id: string }) => w.id)).toEqual([early, late]);
  });

  it('measures an action made after a later wave closed, by that wave', async () => {
    const { orgId, early, late, consultant } = await closedOutOfOrder();

    // Made on the pulse once the diagnostic had closed after it: measured by the diagnostic.
    const onPulse = await commit(consultant, late, 'Late commitment');
    expect(onPulse.outcome).toMatchObject({ waveId: early });
    // Made on the diagnostic: nothing closed after it yet.
    const onDiagnostic = await commit(consultant, early, 'Next step');
    expect(onDiagnostic.outcome).toBeNull();

    // A wave not closed yet comes after every closed one: its preview lists both actions.
    const next = (
      await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/waves`, {
        title: 'Next pulse',
        questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
      })
    ).id as string;
    const preview = await call(test.app, consultant, 'GET', `/api/waves/${next}/report`);
    expect(preview.actions.map((a: { id: string }) => a.id).sort()).toEqual(
      [onPulse.id, onDiagnostic.id].sort(),
    );
  });

  it('orders two waves closed at the same moment by their ids, the same way everywhere', async () => {
    const { orgId, early, late, consultant } = await closedOutOfOrder();
    await sql`update wave set closed_at = (select closed_at from wave where id = ${early}) where id = ${late}`.execute(
      test.handle.db,
    );
    const [first, second] = [early, late].sort();
    const report = await call(test.app, consultant, 'GET', `/api/waves/${second}/report`);
    const trends = Object.values(ops(report).dimensions).filter((cell) => cell?.trend !== undefined);
    expect(trends.length).toBeGreaterThan(0);
    const firstReport = await call(test.app, consultant, 'GET', `/api/waves/${first}/report`);
    expect(Object.values(ops(firstReport).dimensions).every((cell) => cell?.trend === undefined)).toBe(true);
    const email = `leader-${randomUUID()}@example.org`;
    await createAccount(test.handle.db, { email, role: 'leader', organizationId: orgId, teamKey: null });
    const leader = await signIn(test.app, email);
    const latest = await call(test.app, leader, 'GET', `/api/organizations/${orgId}/latest-wave`);
    expect(latest.wave.id).toBe(second);
  });
});

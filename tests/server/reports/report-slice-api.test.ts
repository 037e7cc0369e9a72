import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoIfEmpty, type DemoAccounts } from '../../../server/demo/create-demo.ts';
import type { Hotspot } from '../../../server/domain/report/build-report.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

interface Group {
  teamKey: string | null;
  name: string;
  parentKey: string | null;
  suppressed: boolean;
  dimensions: Record<string, { score: number; delta: number | null } | null>;
}
interface Report {
  organization: Group;
  groups: Group[];
  hotspots: Hotspot[];
  comments: { teamKey: string | null }[];
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The five shown cells of trust dimensions (those `recommendations` lists) furthest below the
 * organization among `groups`, worked out here from the cells themselves, with the
 * recommendations the whole report gives each dimension.
 */
function weakestOf(groups: Group[], recommendations: Map<string, string[]>) {
  return groups
    .flatMap((group) =>
      Object.entries(group.dimensions).flatMap(([dimension, cell]) =>
        cell && cell.delta !== null && cell.delta < 0 && recommendations.has(dimension)
          ? [
              {
                teamKey: group.teamKey!,
                teamName: group.name,
                dimension,
                score: cell.score,
                delta: cell.delta,
              },
            ]
          : [],
      ),
    )
    .sort(
      (a, b) =>
        a.delta - b.delta || byCodePoint(a.teamKey, b.teamKey) || byCodePoint(a.dimension, b.dimension),
    )
    .slice(0, 5)
    .map((cell) => ({ ...cell, recommendations: recommendations.get(cell.dimension) }));
}

// The demo's hierarchy, as far as these tests read it:
//   eng ─ eng-platform, eng-apps ─ (eng-apps-mobile, eng-apps-web), eng-data
//   ops, sales, people (with their teams)
describe.each(testDatabases())('a report by hierarchy level on $name', (database) => {
  let test: TestApp;
  let demo: DemoAccounts;
  let consultant: string;
  let scoped: string;
  let waveId: string;
  /** Each trust dimension's recommendations, as the questionnaire of the wave gives them. */
  let recommendations: Map<string, string[]>;

  beforeAll(async () => {
    test = await startTestApp(database);
    demo = (await createDemoIfEmpty(test.handle.db, test.app.questionnaires))!;
    consultant = await signIn(test.app, demo.consultant.email, demo.consultant.password);
    const email = `scoped-${randomUUID()}@example.org`;
    await createAccount(test.handle.db, {
      email,
      role: 'leader',
      organizationId: demo.organizationId,
      teamKey: 'eng',
    });
    scoped = await signIn(test.app, email);
    const waves = await call(test.app, consultant, 'GET', `/api/organizations/${demo.organizationId}/waves`);
    const wave = waves.find(
      (w: { questionnaire: { key: string } }) => w.questionnaire.key === 'trust-os-pulse',
    );
    waveId = wave.id;
    const definition = test.app.questionnaires.get(wave.questionnaire.key, wave.questionnaire.version)!;
    // Not the outcome: it is no place where trust is weak (docs/scoring.md, Hotspots).
    recommendations = new Map(
      definition.dimensions
        .filter((d) => !d.outcome)
        .map((d) => [d.id, d.recommendations[definition.defaultLocale] ?? []]),
    );
  });
  afterAll(() => test?.close());

  const get = (cookie: string, query: string) =>
    test.app.inject({ url: `/api/waves/${waveId}/report${query}`, headers: { cookie } });
  const read = async (cookie: string, query: string): Promise<Report> => {
    const response = await get(cookie, query);
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const keys = (report: Report) => report.groups.map((g) => g.teamKey);

  // First, before anything has read the whole report with items: a click on a heat-map cell is
  // then made on the report thread for the groups sent alone, not cut from the whole.
  it('makes item detail for the groups asked alone, as the whole report with items has them (R3)', async () => {
    const queries = ['root=eng-apps-web&depth=0', 'root=eng&depth=1', 'depth=1', 'root=people'];
    const made = [];
    for (const query of queries) made.push(await read(consultant, `?detail=items&${query}`));
    const leader = await read(scoped, '?detail=items&root=eng-apps&depth=1');
    const outside = await get(scoped, '?detail=items&root=people&depth=0');
    expect(outside.statusCode).toBe(404);
    expect((await get(consultant, '?detail=items&root=no-such-team')).statusCode).toBe(404);
    // Now cut from the whole report with items, which is kept once read.
    const whole = await read(consultant, '?detail=items');
    for (const [i, query] of queries.entries()) {
      expect(made[i]).toEqual(await read(consultant, `?detail=items&${query}`));
      for (const group of [made[i]!.organization, ...made[i]!.groups])
        expect(group).toEqual(
          group.teamKey === null ? whole.organization : whole.groups.find((g) => g.teamKey === group.teamKey),
        );
    }
    expect(keys(made[0]!)).toEqual(['eng-apps-web']);
    expect(leader).toEqual(await read(scoped, '?detail=items&root=eng-apps&depth=1'));
    expect(keys(leader)).toEqual(['eng-apps', 'eng-apps-mobile', 'eng-apps-web']);
  });

  it('sends the rows of the whole report, unchanged, for the levels asked (R3)', async () => {
    for (const detail of ['', 'detail=items&']) {
      const whole = await read(consultant, `?${detail}`);
      const rowsOf = (report: Report) => new Map(report.groups.map((g) => [g.teamKey, g]));
      for (const query of [
        'depth=0',
        'depth=1',
        'depth=2',
        'root=eng&depth=1',
        'root=eng-apps&depth=0',
        'root=eng',
      ]) {
        const slice = await read(consultant, `?${detail}${query}`);
        expect(slice.organization).toEqual(whole.organization);
        // Each row is the whole report's, with its suppression, in the whole report's order.
        const wholeRows = rowsOf(whole);
        for (const group of slice.groups) expect(group).toEqual(wholeRows.get(group.teamKey));
        const order = keys(whole);
        expect(keys(slice)).toEqual(order.filter((key) => keys(slice).includes(key)));
      }
    }
  });

  it('cuts the levels as asked: the organization and its first level, a team and its children, a team alone', async () => {
    const whole = await read(consultant, '');
    expect(keys(await read(consultant, '?depth=0'))).toEqual([]);
    expect(keys(await read(consultant, '?depth=1'))).toEqual(
      whole.groups.filter((g) => g.parentKey === null).map((g) => g.teamKey),
    );
    expect(keys(await read(consultant, '?root=eng&depth=1'))).toEqual([
      'eng',
      'eng-platform',
      'eng-apps',
      'eng-data',
    ]);
    expect(keys(await read(consultant, '?root=eng'))).toEqual([
      'eng',
      'eng-platform',
      'eng-apps',
      'eng-apps-mobile',
      'eng-apps-web',
      'eng-data',
    ]);
    expect(keys(await read(consultant, '?root=eng-apps-web&depth=0'))).toEqual(['eng-apps-web']);
    // A slice below the organization carries its subtree's hotspots and comments only.
    const engineering = await read(consultant, '?root=eng');
    for (const spot of engineering.hotspots) expect(spot.teamKey.startsWith('eng')).toBe(true);
    for (const block of engineering.comments) expect(block.teamKey?.startsWith('eng')).toBe(true);
  });

  it("lists the weakest spots of a leader's part or a slice, not the organization's five cut to it", async () => {
    const whole = await read(consultant, '');
    const engineering = whole.groups.filter((g) => g.teamKey === 'eng' || g.teamKey!.startsWith('eng-'));
    const expected = weakestOf(engineering, recommendations);
    // Not equal by accident: engineering has more weak spots than the organization's five show.
    expect(expected.length).toBeGreaterThan(whole.hotspots.filter((s) => s.teamKey.startsWith('eng')).length);
    expect(expected.every((spot) => spot.recommendations!.length > 0)).toBe(true);
    expect(weakestOf(whole.groups, recommendations)).toEqual(whole.hotspots);
    // The leader of engineering, their slices of any depth, and a consultant's slice of it.
    for (const [cookie, query] of [
      [scoped, ''],
      [scoped, '?depth=0'],
      [scoped, '?detail=items&depth=0'],
      [consultant, '?root=eng&depth=1'],
      [consultant, '?detail=items&root=eng&depth=0'],
    ] as const)
      expect({ query, hotspots: (await read(cookie, query)).hotspots }).toEqual({
        query,
        hotspots: expected,
      });
  });

  it("keeps a scoped leader inside their subtree: their slices start there, and another's root is unknown", async () => {
    expect(keys(await read(scoped, '?depth=1'))).toEqual(['eng', 'eng-platform', 'eng-apps', 'eng-data']);
    expect(keys(await read(scoped, '?root=eng-apps&depth=1'))).toEqual([
      'eng-apps',
      'eng-apps-mobile',
      'eng-apps-web',
    ]);
    const outside = await get(scoped, '?root=ops&depth=1');
    expect(outside.statusCode).toBe(404);
    expect(outside.json().fields).toEqual([expect.objectContaining({ field: 'query.root' })]);
    // Told as a team the wave lacks, as an unknown one is: nothing about what lies outside.
    expect(outside.json().code).toBe('wave.team-not-in-wave');
  });

  it('answers a root that is not a team of the report 404, and a bad root or depth 400, naming the field', async () => {
    const unknown = await get(consultant, '?root=no-such-team&depth=1');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().fields).toEqual([expect.objectContaining({ field: 'query.root' })]);
    // Said of the wave, not of the organization: a team added since the close is one of the
    // organization's, and not of this wave's report.
    expect(unknown.json()).toMatchObject({ code: 'wave.team-not-in-wave', params: { team: 'no-such-team' } });
    for (const [query, field] of [
      ['?depth=-1', 'depth'],
      ['?depth=33', 'depth'],
      ['?depth=1.5', 'depth'],
      ['?depth=two', 'depth'],
      ['?root=&depth=1', 'root'],
      ['?root=not%20a%20key', 'root'],
      [`?root=${'x'.repeat(65)}`, 'root'],
    ] as const) {
      const response = await get(consultant, query);
      expect({ query, status: response.statusCode }).toEqual({ query, status: 400 });
      expect(JSON.stringify(response.json())).toContain(field);
    }
  });
  it("gives a leader whose team is not in the closed report the organization's row, never a 500", async () => {
    // A team added after the wave closed: the report keeps the hierarchy frozen at close (R3).
    await test.handle.db
      .insertInto('team')
      .values({ organization_id: demo.organizationId, key: 'added-later', name: 'Added later' })
      .execute();
    const email = `later-${randomUUID()}@example.org`;
    await createAccount(test.handle.db, {
      email,
      role: 'leader',
      organizationId: demo.organizationId,
      teamKey: 'added-later',
    });
    const later = await signIn(test.app, email);
    const whole = await read(consultant, '?detail=items');
    // The whole report, a slice with no root (the heat map's organization row asks for its items
    // so) and item detail: each the organization's row alone, as every leader sees it.
    for (const query of ['', '?depth=1', '?detail=items&depth=0', '?detail=items']) {
      const report = await read(later, query);
      expect(report.groups).toEqual([]);
      expect(report.hotspots).toEqual([]);
      expect(report.comments).toEqual([]);
      if (query.includes('items')) expect(report.organization).toEqual(whole.organization);
    }
    // A root outside their subtree stays unknown.
    const outside = await get(later, '?root=eng&depth=0');
    expect(outside.statusCode).toBe(404);
    expect(outside.json().fields).toEqual([expect.objectContaining({ field: 'query.root' })]);
    // Told as a team the wave lacks, as an unknown one is: nothing about what lies outside.
    expect(outside.json().code).toBe('wave.team-not-in-wave');
  });
});

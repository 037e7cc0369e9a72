import { describe, expect, it } from 'vitest';
import { Hierarchy, ORGANIZATION } from '../../../../server/domain/hierarchy/hierarchy.ts';
import { buildReport } from '../../../../server/domain/report/build-report.ts';
import { createAccumulator } from '../../../../server/domain/scoring/aggregates.ts';
import { decideSuppression } from '../../../../server/domain/suppression/suppress.ts';

// Drawn by hand, siblings in the order a consultant listed them:
//
//   (organization)
//   ├── sales
//   │   ├── west
//   │   └── east
//   └── Zeta            upper case: before every lower-case key by code point, after them by locale
//       ├── web
//       │   └── ui
//       └── api
const teams = [
  { key: 'sales', parentKey: null },
  { key: 'Zeta', parentKey: null },
  { key: 'west', parentKey: 'sales' },
  { key: 'east', parentKey: 'sales' },
  { key: 'web', parentKey: 'Zeta' },
  { key: 'api', parentKey: 'Zeta' },
  { key: 'ui', parentKey: 'web' },
];

describe('a hierarchy drawn by hand', () => {
  const hierarchy = Hierarchy.from(teams);

  it('lists children by code point, or as given', () => {
    expect(hierarchy.children(ORGANIZATION)).toEqual(['Zeta', 'sales']);
    expect(hierarchy.childrenInGivenOrder(ORGANIZATION)).toEqual(['sales', 'Zeta']);
    expect(hierarchy.children('sales')).toEqual(['east', 'west']);
    expect(hierarchy.childrenInGivenOrder('sales')).toEqual(['west', 'east']);
    expect(hierarchy.children('ui')).toEqual([]);
  });

  it('orders groups for suppression: the organization, then level by level, by key within a level (R3)', () => {
    expect(hierarchy.canonical).toEqual([ORGANIZATION, 'Zeta', 'sales', 'api', 'east', 'web', 'west', 'ui']);
  });

  it('orders teams depth first, siblings as given, as the console and reports show them', () => {
    expect(hierarchy.depthFirst).toEqual(['sales', 'west', 'east', 'Zeta', 'web', 'ui', 'api']);
  });

  it('counts levels from the organization, and depth from the top-level teams', () => {
    expect([ORGANIZATION, 'sales', 'west', 'ui'].map((key) => hierarchy.level(key))).toEqual([0, 1, 2, 3]);
    expect([ORGANIZATION, 'sales', 'west', 'ui'].map((key) => hierarchy.depth(key))).toEqual([0, 0, 1, 2]);
  });

  it('gives a subtree depth first and the ancestors nearest first', () => {
    expect(hierarchy.subtree('Zeta')).toEqual(['Zeta', 'web', 'ui', 'api']);
    expect(hierarchy.subtree('ui')).toEqual(['ui']);
    expect(hierarchy.subtree('nobody')).toEqual([]);
    expect(hierarchy.subtree(ORGANIZATION)).toHaveLength(teams.length + 1);
    expect(hierarchy.ancestors('ui')).toEqual(['web', 'Zeta', ORGANIZATION]);
    expect(hierarchy.ancestors('sales')).toEqual([ORGANIZATION]);
    expect(hierarchy.ancestors(ORGANIZATION)).toEqual([]);
  });

  it('rolls up bottom up: every group after all of its descendants, the organization last', () => {
    const order = hierarchy.bottomUp();
    expect(order).toHaveLength(teams.length + 1);
    expect(order.at(-1)).toBe(ORGANIZATION);
    for (const key of order)
      for (const below of hierarchy.subtree(key).slice(1))
        expect(order.indexOf(below), `${below} before ${key}`).toBeLessThan(order.indexOf(key));
  });

  it('refuses teams that do not form a tree', () => {
    expect(() => Hierarchy.from([{ key: 'a', parentKey: 'nobody' }])).toThrow(/unknown parent "nobody"/);
    expect(() =>
      Hierarchy.from([
        { key: 'a', parentKey: null },
        { key: 'a', parentKey: null },
      ]),
    ).toThrow(/repeated/);
    expect(() =>
      Hierarchy.from([
        { key: 'top', parentKey: null },
        { key: 'a', parentKey: 'b' },
        { key: 'b', parentKey: 'a' },
      ]),
    ).toThrow(/cycle/);
  });
});

describe('a chain of 10,000 teams, as deep as a careless spreadsheet', () => {
  const N = 10_000;
  const chain = Array.from({ length: N }, (_, i) => ({
    key: `t${i}`,
    name: `Team ${i}`,
    parentKey: i === 0 ? null : `t${i - 1}`,
  }));
  const last = `t${N - 1}`;

  it('is walked without recursion', () => {
    const hierarchy = Hierarchy.from(chain);
    expect(hierarchy.level(last)).toBe(N);
    expect(hierarchy.ancestors(last)).toHaveLength(N);
    expect(hierarchy.subtree('t0')).toHaveLength(N);
    expect(hierarchy.depthFirst.at(-1)).toBe(last);
    expect(hierarchy.bottomUp()[0]).toBe(last);
  });

  it('is decided for suppression without a stack overflow', () => {
    // Seven respondents, all in the deepest team: every group holds the same seven, so each is
    // published and covers the one below it exactly (remainder 0, R2).
    const decisions = decideSuppression(chain, { [last]: 7 }, 5);
    expect(decisions.size).toBe(N + 1);
    expect([...decisions.values()].every((d) => !d.suppressed)).toBe(true);
  });

  it('is reported without a stack overflow', () => {
    const items = [{ id: 'a1', dimension: 'a', reverse: false }];
    const accumulator = createAccumulator(items, [{ id: 'a', outcome: false }]);
    for (let i = 0; i < 7; i++) accumulator.add({ teamKey: last, answers: { a1: 4 }, comment: null });
    const report = buildReport({
      organizationName: 'Org',
      teams: chain,
      aggregates: accumulator.result(),
      dimensions: [{ id: 'a', name: 'A', outcome: false, recommendations: [] }],
      items,
      k: 5,
      withItems: true,
    });
    expect(report.groups).toHaveLength(N);
    expect(report.organization.n).toBe(7);
    expect(report.groups.at(-1)).toMatchObject({ teamKey: last, depth: N - 1, n: 7 });
  });
});

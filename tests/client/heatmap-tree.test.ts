import { describe, expect, it } from 'vitest';
import {
  findTeams,
  heatmapTree,
  initialExpansion,
  revealed,
  toggled,
  visibleRows,
} from '../../client/src/pages/report/heatmap-tree.ts';
import type { Group } from '../../client/src/pages/report/report-types.ts';

const group = (
  teamKey: string | null,
  parentKey: string | null,
  depth: number,
  name = teamKey ?? 'Org',
): Group => ({
  teamKey,
  name,
  parentKey,
  depth,
  suppressed: false,
  n: 10,
  trustIndex: 50,
  dimensions: {},
});

//  Org
//  ├ ops (Operations)
//  │ ├ ops-north (North)
//  │ │ └ ops-north-a (Zürich depot)
//  │ └ ops-south (South)
//  └ eng (Engineering)
//    └ eng-north (North)
const report = {
  organization: group(null, null, 0),
  groups: [
    group('ops', null, 0, 'Operations'),
    group('ops-north', 'ops', 1, 'North'),
    group('ops-north-a', 'ops-north', 2, 'Zürich depot'),
    group('ops-south', 'ops', 1, 'South'),
    group('eng', null, 0, 'Engineering'),
    group('eng-north', 'eng', 1, 'North'),
  ],
};
const tree = heatmapTree(report);
const keys = (rows: Group[]) => rows.map((g) => g.teamKey);

describe("the heat map's rows as a tree", () => {
  it('counts the teams directly under each row', () => {
    expect(tree.children.get(null)).toBe(2);
    expect(tree.children.get('ops')).toBe(2);
    expect(tree.children.get('ops-north')).toBe(1);
    expect(tree.children.get('ops-south')).toBeUndefined();
  });

  it('shows a team only when every row above it is unfolded', () => {
    expect(keys(visibleRows(tree, new Set()))).toEqual([null]);
    expect(keys(visibleRows(tree, new Set([null])))).toEqual([null, 'ops', 'eng']);
    expect(keys(visibleRows(tree, new Set([null, 'ops'])))).toEqual([
      null,
      'ops',
      'ops-north',
      'ops-south',
      'eng',
    ]);
    // Unfolded below a folded row: still hidden, and shown again as it was when the row unfolds.
    expect(keys(visibleRows(tree, new Set([null, 'ops-north'])))).toEqual([null, 'ops', 'eng']);
    const again = toggled(new Set([null, 'ops-north']), 'ops');
    expect(keys(visibleRows(tree, again))).toEqual([
      null,
      'ops',
      'ops-north',
      'ops-north-a',
      'ops-south',
      'eng',
    ]);
    expect(toggled(again, 'ops').has('ops')).toBe(false);
  });

  it('opens whole levels while they fit: all of a small organization, the first levels of a large one', () => {
    expect(keys(visibleRows(tree, initialExpansion(tree, 60)))).toHaveLength(7);
    // 1 + 2 rows fit in 4, the next level (3 rows) does not.
    expect(keys(visibleRows(tree, initialExpansion(tree, 4)))).toEqual([null, 'ops', 'eng']);
    expect(keys(visibleRows(tree, initialExpansion(tree, 6)))).toEqual([
      null,
      'ops',
      'ops-north',
      'ops-south',
      'eng',
      'eng-north',
    ]);
  });

  it('unfolds every row above a team found by name, and only those', () => {
    const shown = revealed(tree, new Set(), 'ops-north-a');
    expect([...shown].sort()).toEqual([null, 'ops', 'ops-north'].sort());
    expect(keys(visibleRows(tree, shown))).toContain('ops-north-a');
    expect(keys(visibleRows(tree, shown))).not.toContain('eng-north');
  });

  it('finds teams by a part of their name or key, without minding case or accents, names starting with it first', () => {
    // Names that start with it, then names or keys that contain it.
    expect(keys(findTeams(tree, 'north', 10))).toEqual(['ops-north', 'eng-north', 'ops-north-a']);
    expect(keys(findTeams(tree, 'ZURICH', 10))).toEqual(['ops-north-a']);
    expect(keys(findTeams(tree, 'depot', 10))).toEqual(['ops-north-a']);
    expect(keys(findTeams(tree, 'o', 10))).toEqual([
      'ops',
      'ops-north',
      'ops-north-a',
      'ops-south',
      'eng-north',
    ]);
    expect(keys(findTeams(tree, 'o', 2))).toEqual(['ops', 'ops-north']);
    expect(findTeams(tree, '  ', 10)).toEqual([]);
  });

  it('walks a hierarchy far deeper than any call stack without recursing', () => {
    const deep = Array.from({ length: 50_000 }, (_, i) => group(`t${i}`, i === 0 ? null : `t${i - 1}`, i));
    const big = heatmapTree({ organization: group(null, null, 0), groups: deep });
    const all = new Set([null, ...deep.map((g) => g.teamKey)]);
    expect(visibleRows(big, all)).toHaveLength(50_001);
    expect(revealed(big, new Set(), 't49999').size).toBe(50_000);
  });
});

describe("a leader limited to a team below the top's heat map", () => {
  // What the server sends a leader limited to ops-north: the organization's row and that subtree,
  // its top row still naming its own parent, which the report does not have.
  const scoped = {
    organization: group(null, null, 0),
    groups: [
      group('ops-north', 'ops', 1, 'North'),
      group('ops-north-a', 'ops-north', 2, 'Zürich depot'),
      group('ops-north-b', 'ops-north', 2, 'Basel depot'),
      group('ops-north-b1', 'ops-north-b', 3, 'Night shift'),
    ],
  };

  it('shows their team under the organization, opened as a report of its own would be', () => {
    const tree = heatmapTree(scoped);
    expect(tree.children.get(null)).toBe(1);
    // What a folded row hides: its whole subtree.
    expect(tree.descendants.get('ops-north')).toBe(3);
    expect(tree.descendants.get('ops-north-b')).toBe(1);
    expect(tree.descendants.get(null)).toBe(4);
    const expanded = initialExpansion(tree, 60);
    expect(visibleRows(tree, expanded).map((g) => [g.teamKey, g.depth])).toEqual([
      [null, 0],
      ['ops-north', 0],
      ['ops-north-a', 1],
      ['ops-north-b', 1],
      ['ops-north-b1', 2],
    ]);
    // Folded down to the organization, a search still finds a team and shows it.
    const folded = new Set<string | null>([null]);
    expect(visibleRows(tree, folded).map((g) => g.teamKey)).toEqual([null, 'ops-north']);
    const night = revealed(tree, folded, 'ops-north-b1');
    expect(visibleRows(tree, night).map((g) => g.teamKey)).toContain('ops-north-b1');
  });

  it("leaves a whole organization's rows as they came", () => {
    expect(heatmapTree(report).all.slice(1)).toEqual(report.groups);
    expect(heatmapTree(report).all[1]).toBe(report.groups[0]);
  });
});

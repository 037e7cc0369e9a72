import { describe, expect, it } from 'vitest';
import { findHotspots, hotspotsAmong, rankHotspots } from '../../../../server/domain/report/hotspots.ts';
import type { Group, ReportDimension } from '../../../../server/domain/report/report-types.ts';
import type { Cell } from '../../../../server/domain/scoring/cells.ts';

const cell = (score: number, delta: number): Cell => ({
  n: 10,
  mean: 1 + score / 25,
  score,
  favorable: 0.5,
  neutral: 0.2,
  unfavorable: 0.3,
  ci95: [2, 4],
  rwg: 0.8,
  delta,
});
const team = (teamKey: string, parentKey: string | null, dimensions: Record<string, Cell | null>): Group => ({
  teamKey,
  name: teamKey,
  parentKey,
  depth: parentKey === null ? 0 : 1,
  suppressed: false,
  n: 10,
  trustIndex: null,
  dimensions,
});
const dimensions: ReportDimension[] = [
  { id: 'ownership', name: 'Ownership', outcome: false, recommendations: ['Name one owner'] },
  { id: 'authority', name: 'Authority', outcome: false, recommendations: ['Back decisions'] },
  { id: 'execution', name: 'Execution', outcome: true, recommendations: ['Look at trust first'] },
];
// Execution is by far the weakest cell of every team (−30, −25), then ownership and authority.
const groups = [
  team('eng', null, { ownership: cell(40, -10), authority: cell(45, -5), execution: cell(20, -30) }),
  team('eng-web', 'eng', { ownership: cell(44, -6), authority: cell(52, 2), execution: cell(25, -25) }),
  team('ops', null, { ownership: cell(47, -3), authority: null, execution: cell(30, -20) }),
];

describe('where trust is weakest', () => {
  it('ranks the trust dimensions only: the outcome they drive is not a place where trust is weak', () => {
    expect(findHotspots(groups, dimensions).map((s) => [s.teamKey, s.dimension, s.delta])).toEqual([
      ['eng', 'ownership', -10],
      ['eng-web', 'ownership', -6],
      ['eng', 'authority', -5],
      ['ops', 'ownership', -3],
    ]);
    expect(findHotspots(groups, dimensions)[0]!.recommendations).toEqual(['Name one owner']);
  });

  it("leaves the outcome out of a leader's part and a slice as from the whole report", () => {
    const ranking = rankHotspots(groups, dimensions);
    const engineering = hotspotsAmong(ranking, groups, (key) => key.startsWith('eng'));
    expect(engineering.map((s) => [s.teamKey, s.dimension])).toEqual([
      ['eng', 'ownership'],
      ['eng-web', 'ownership'],
      ['eng', 'authority'],
    ]);
  });
});

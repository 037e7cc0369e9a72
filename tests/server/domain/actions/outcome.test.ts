import { describe, expect, it } from 'vitest';
import { actionInScope } from '../../../../server/domain/actions/action-scope.ts';
import { measureOutcome } from '../../../../server/domain/actions/outcome.ts';
import { Hierarchy } from '../../../../server/domain/hierarchy/hierarchy.ts';

const baseline = { score: 50, n: 12, ci95: [2.6, 3.4] as [number, number] };

describe("an action's verdict, from the two published intervals", () => {
  it('is improved only when the later interval lies wholly above the baseline', () => {
    // Score 70 is mean 3.8 (70 / 100 × 4 + 1); its interval starts at 3.5, above 3.4.
    const current = { score: 70, n: 10, ci95: [3.5, 4.1] as [number, number] };
    expect(measureOutcome('w2', baseline, current)).toEqual({
      waveId: 'w2',
      current,
      delta: 20,
      verdict: 'improved',
    });
  });

  it('is worsened only when the later interval lies wholly below', () => {
    const current = { score: 30.1, n: 9, ci95: [1.9, 2.5] as [number, number] };
    expect(measureOutcome('w2', baseline, current)).toMatchObject({ delta: -19.9, verdict: 'worsened' });
  });

  it('is no clear change when the intervals overlap, even by touching, however large the delta', () => {
    const touching = { score: 75, n: 5, ci95: [3.4, 5] as [number, number] };
    expect(measureOutcome('w2', baseline, touching)).toMatchObject({ delta: 25, verdict: 'no-clear-change' });
    const inside = { score: 50, n: 40, ci95: [2.9, 3.1] as [number, number] };
    expect(measureOutcome('w2', baseline, inside)).toMatchObject({ delta: 0, verdict: 'no-clear-change' });
  });

  it('is not measurable when the later wave hides the cell, with no figure and no delta', () => {
    expect(measureOutcome('w2', baseline, null)).toEqual({
      waveId: 'w2',
      current: null,
      delta: null,
      verdict: 'not-measurable',
    });
  });
});

describe("a scoped leader's actions", () => {
  const hierarchy = Hierarchy.from([
    { key: 'eng', parentKey: null },
    { key: 'eng-apps', parentKey: 'eng' },
    { key: 'eng-apps-web', parentKey: 'eng-apps' },
    { key: 'ops', parentKey: null },
  ]);
  it('are those inside the subtree, at any depth; never the whole organization or another branch', () => {
    expect(actionInScope(hierarchy, 'eng', 'eng')).toBe(true);
    expect(actionInScope(hierarchy, 'eng', 'eng-apps-web')).toBe(true);
    expect(actionInScope(hierarchy, 'eng-apps', 'eng')).toBe(false);
    expect(actionInScope(hierarchy, 'eng', 'ops')).toBe(false);
    expect(actionInScope(hierarchy, 'eng', null)).toBe(false);
    expect(actionInScope(hierarchy, 'eng', 'gone')).toBe(false);
    expect(actionInScope(hierarchy, null, null)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { absentFrom, outcomeVisible } from '../../../../server/domain/actions/action-scope.ts';
import { Hierarchy } from '../../../../server/domain/hierarchy/hierarchy.ts';

/** A pulse that asked Operations and Platform only: Applications is not in its tree. */
const pulse = Hierarchy.from([
  { key: 'ops', parentKey: null },
  { key: 'eng', parentKey: null },
  { key: 'eng-platform', parentKey: 'eng' },
]);
const notMeasurable = { current: null, delta: null };
const measured = { current: { score: 62.5, n: 4, ci95: [3, 4] as [number, number] }, delta: 4.2 };

describe('the outcome of an action a scoped leader may read', () => {
  it('tells a team the wave lacked from one outside the leader’s part', () => {
    expect(absentFrom(pulse, 'eng-apps')).toBe(true);
    expect(absentFrom(pulse, 'ops')).toBe(false);
    expect(absentFrom(pulse, null)).toBe(false);
  });

  it('is shown inside their part, and for the whole organization, figures and all', () => {
    expect(outcomeVisible(pulse, 'eng', 'eng-platform', measured)).toBe(true);
    expect(outcomeVisible(pulse, 'eng', null, measured)).toBe(true);
    expect(outcomeVisible(pulse, null, 'ops', measured)).toBe(true);
  });

  it('is withheld where the team lay outside their part, even with nothing measured', () => {
    expect(outcomeVisible(pulse, 'eng', 'ops', measured)).toBe(false);
    expect(outcomeVisible(pulse, 'eng', 'ops', notMeasurable)).toBe(false);
  });

  it('is shown where the wave lacked the team, only while it carries no figure', () => {
    expect(outcomeVisible(pulse, 'eng', 'eng-apps', notMeasurable)).toBe(true);
    expect(outcomeVisible(pulse, 'eng', 'eng-apps', measured)).toBe(false);
    expect(outcomeVisible(pulse, 'eng', 'eng-apps', { current: null, delta: 0 })).toBe(false);
  });
});

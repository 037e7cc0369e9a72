import { describe, expect, it } from 'vitest';
import { commentThreshold } from '../../../../server/domain/suppression/comment-visibility.ts';
import { seededShuffle } from '../../../../server/domain/suppression/seeded-shuffle.ts';
import { decideSuppression, ORGANIZATION } from '../../../../server/domain/suppression/suppress.ts';

const shownKeys = (decisions: Map<string, { suppressed: boolean }>) =>
  [...decisions]
    .filter(([, d]) => !d.suppressed)
    .map(([key]) => key)
    .sort();

describe('complementary suppression, worked examples (R2)', () => {
  it('publishes everything when every remainder is 0 or at least k', () => {
    const teams = [
      { key: 'a', parentKey: null },
      { key: 'b', parentKey: 'a' },
      { key: 'c', parentKey: 'a' },
    ];
    // a: 0 direct + 6 + 7 = 13, remainder 0; organization remainder 0.
    expect(shownKeys(decideSuppression(teams, { b: 6, c: 7 }, 5))).toEqual([ORGANIZATION, 'a', 'b', 'c']);
  });

  it('counts responses attached directly to a group in its remainder, and breaks ties by key (R3)', () => {
    const teams = [
      { key: 'dept', parentKey: null },
      { key: 'q', parentKey: 'dept' },
      { key: 'p', parentKey: 'dept' },
    ];
    // dept = 2 direct + 5 + 5 = 12: remainder 2 → suppress the smaller of p and q; equal, so p by key.
    // Remainder then 2 + 5 = 7 ≥ 5.
    const decisions = decideSuppression(teams, { dept: 2, p: 5, q: 5 }, 5);
    expect(decisions.get('p')).toEqual({ suppressed: true, reason: 'complementary' });
    expect(shownKeys(decisions)).toEqual([ORGANIZATION, 'dept', 'q']);
  });

  it('looks below a suppressed child for the published descendants that cover it', () => {
    const teams = [
      { key: 'div', parentKey: null },
      { key: 'dept', parentKey: 'div' },
      { key: 'team', parentKey: 'dept' },
      { key: 'tiny', parentKey: 'dept' },
      { key: 'rest', parentKey: 'div' },
    ];
    // k = 5. tiny 1 < 5. dept = 8 + 1 = 9: remainder 1 → team suppressed (8), dept remainder 9.
    // div = 9 + 6 = 15, nearest published dept and rest: remainder 0. All consistent.
    const decisions = decideSuppression(teams, { team: 8, tiny: 1, rest: 6 }, 5);
    expect(decisions.get('tiny')).toEqual({ suppressed: true, reason: 'below-threshold' });
    expect(decisions.get('team')).toEqual({ suppressed: true, reason: 'complementary' });
    expect(shownKeys(decisions)).toEqual([ORGANIZATION, 'dept', 'div', 'rest']);
  });

  it('treats forced groups as suppressed and protects them like any other', () => {
    const teams = [
      { key: 'a', parentKey: null },
      { key: 'b', parentKey: null },
    ];
    // The organization (9) minus a (5) would reveal b (4 ≥ 3, but forced out): b is not "small",
    // so nothing more is needed; with b at 2, a must go too.
    expect(shownKeys(decideSuppression(teams, { a: 5, b: 4 }, 3, new Set(['b'])))).toEqual([
      ORGANIZATION,
      'a',
    ]);
    expect(shownKeys(decideSuppression(teams, { a: 5, b: 2 }, 3, new Set(['b'])))).toEqual([ORGANIZATION]);
  });
});

describe('comments (R5)', () => {
  it('need max(10, 2k) respondents', () => {
    expect(commentThreshold(3)).toBe(10);
    expect(commentThreshold(5)).toBe(10);
    expect(commentThreshold(7)).toBe(14);
  });
  it('are shuffled the same way for the same seed, differently for another, losing nothing', () => {
    const values = Array.from({ length: 20 }, (_, i) => `c${i}`);
    const once = seededShuffle(values, 'wave-1:dept');
    expect(seededShuffle(values, 'wave-1:dept')).toEqual(once);
    expect(seededShuffle(values, 'wave-2:dept')).not.toEqual(once);
    expect(once).not.toEqual(values);
    expect([...once].sort()).toEqual([...values].sort());
    expect(seededShuffle(values, 42)).toEqual(seededShuffle(values, 42));
  });
});

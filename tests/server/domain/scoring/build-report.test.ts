import { describe, expect, it } from 'vitest';
import {
  aggregateResponses,
  type ResponseAnswers,
} from '../../../../server/domain/scoring/aggregate-responses.ts';
import { buildReport, type ReportInput } from '../../../../server/domain/scoring/build-report.ts';
import type { ReportTeam } from '../../../../server/domain/scoring/report-types.ts';
import { scopeReport } from '../../../../server/domain/scoring/scope-report.ts';
import { decideReportSuppression } from '../../../../server/domain/suppression/report-suppression.ts';

const items = [
  { id: 'a1', dimension: 'a', reverse: false },
  { id: 'b1', dimension: 'b', reverse: false },
  { id: 'x1', dimension: 'x', reverse: false },
];
const dimensions = [
  { id: 'a', name: 'A', outcome: false },
  { id: 'b', name: 'B', outcome: false },
  { id: 'x', name: 'Execution', outcome: true },
];
// Siblings deliberately out of key order, children listed before parents.
const teams: ReportTeam[] = [
  { key: 'small', name: 'Small', parentKey: 'dept' },
  { key: 'big', name: 'Big', parentKey: 'dept' },
  { key: 'dept', name: 'Dept', parentKey: null },
  { key: 'other', name: 'Other', parentKey: null },
];
const many = (teamKey: string, count: number, answers: ResponseAnswers['answers']): ResponseAnswers[] =>
  Array.from({ length: count }, () => ({ teamKey, answers }));

// k = 3. Big 6 (a 4, b 4, x 4), Small 2 (a 1, b 1, x 1), Other 5 (a 4, b 2, x 4); Dept has none directly.
const responses = [
  ...many('big', 6, { a1: 4, b1: 4, x1: 4 }),
  ...many('small', 2, { a1: 1, b1: 1, x1: 1 }),
  ...many('other', 5, { a1: 4, b1: 2, x1: 4 }),
];
const input: ReportInput = {
  organizationName: 'Org',
  teams,
  dimensions,
  items,
  aggregates: aggregateResponses(responses, items, dimensions),
  k: 3,
};
const report = buildReport(input);
const byKey = new Map(report.groups.map((g) => [g.teamKey, g]));

describe('a team below k and complementary suppression', () => {
  it('publishes nothing for Small (2 < 3), not even n (R1)', () => {
    expect(byKey.get('small')).toMatchObject({
      suppressed: true,
      suppressionReason: 'below-threshold',
      n: null,
    });
    expect(Object.values(byKey.get('small')!.dimensions)).toEqual([null, null, null]);
  });
  it('suppresses Big too, since Dept 8 − Big 6 would reveal Small (R2)', () => {
    expect(byKey.get('big')).toMatchObject({ suppressed: true, suppressionReason: 'complementary', n: null });
    expect(byKey.get('dept')).toMatchObject({ suppressed: false, n: 8 });
  });
  it('still counts Small in its parent and the organization (A5)', () => {
    // Dept a: six 4s and two 1s → mean 26/8 = 3.25, score 56.25 → 56.3
    expect(byKey.get('dept')!.dimensions.a).toMatchObject({ n: 8, mean: 3.25, score: 56.3 });
    expect(report.organization.n).toBe(13);
  });
});

describe('report structure', () => {
  it('lists groups depth first, siblings in the given order, with depth from the organization', () => {
    expect(report.organization).toMatchObject({ teamKey: null, name: 'Org', depth: 0, parentKey: null });
    expect(report.groups.map((g) => [g.teamKey, g.depth])).toEqual([
      ['dept', 1],
      ['small', 2],
      ['big', 2],
      ['other', 1],
    ]);
  });
  it('computes deltas against the organization and the Trust Index from the trust dimensions only', () => {
    // Organization a: 10 × 4 + 2 × 1 + ... = (24 + 2 + 20) / 13 = 46/13 = 3.5385 → 63.5
    // Other a: 4 → 75; delta 75 − 63.5 = 11.5.
    expect(report.organization.dimensions.a!.score).toBe(63.5);
    expect(byKey.get('other')!.dimensions.a!.delta).toBe(11.5);
    // Other b = 2 → 25; Trust Index = (75 + 25) / 2 = 50 (execution stays out).
    expect(byKey.get('other')!.trustIndex).toBe(50);
    expect(report.organization.dimensions.a!.delta).toBe(0);
  });
  it('lists hotspots furthest below the organization, shown cells and teams only', () => {
    // Organization b: (24 + 2 + 10) / 13 = 36/13 = 2.7692 → 44.2. Other b 25 → delta −19.2.
    // Dept b: (24 + 2) / 8 = 3.25 → 56.3 (+12.1); Dept a 56.3 − 63.5 = −7.2.
    expect(report.hotspots).toEqual([
      { teamKey: 'other', teamName: 'Other', dimension: 'b', score: 25, delta: -19.2 },
      { teamKey: 'dept', teamName: 'Dept', dimension: 'a', score: 56.3, delta: -7.2 },
      // x: Org (24 + 2 + 20) / 13 → 63.5; Dept x 56.3 → −7.2 too, tie broken by dimension id.
      { teamKey: 'dept', teamName: 'Dept', dimension: 'x', score: 56.3, delta: -7.2 },
    ]);
    expect(buildReport({ ...input, hotspotCount: 1 }).hotspots).toHaveLength(1);
  });
  it('withholds organization statistics below 30 respondents', () => {
    expect(report.reliability).toEqual({ a: null, b: null, x: null });
    expect(report.drivers).toEqual([]);
  });
  it('builds from decisions made beforehand, and refuses ones made with another k', () => {
    const suppression = decideReportSuppression({ ...input, teams, aggregates: input.aggregates.teams });
    expect(buildReport({ ...input, suppression })).toEqual(report);
    expect(() => buildReport({ ...input, k: 4, suppression })).toThrow(/threshold/);
    expect(() => buildReport({ ...input, k: 2 })).toThrow(/at least 3/);
  });
});

describe('trends against the previous wave', () => {
  it('carries the previous score, the change, and whether the intervals are apart', () => {
    // Previous wave: Other all answered a1 = 2 → 25, interval [2, 2]; now 4 → 75, [4, 4]: apart.
    // Organization a before: Big 6 × 3, Small 2 × 3, Other 5 × 2 → (18 + 6 + 10) / 13 = 2.6154 → 40.4.
    const before = buildReport({
      ...input,
      aggregates: aggregateResponses(
        [
          ...many('big', 6, { a1: 3, b1: 4, x1: 4 }),
          ...many('small', 2, { a1: 3, b1: 1, x1: 1 }),
          ...many('other', 5, { a1: 2, b1: 2, x1: 4 }),
        ],
        items,
        dimensions,
      ),
    });
    const now = buildReport({ ...input, previous: before });
    const other = now.groups.find((g) => g.teamKey === 'other')!;
    expect(other.dimensions.a!.trend).toEqual({ previousScore: 25, change: 50, significant: true });
    // b was 25 and is 25: no change, identical zero-width intervals overlap.
    expect(other.dimensions.b!.trend).toEqual({ previousScore: 25, change: 0, significant: false });
    // Organization a: 63.5 − 40.4 = 23.1; its intervals overlap, so not significant.
    expect(now.organization.dimensions.a!.trend).toMatchObject({ previousScore: 40.4, change: 23.1 });
    expect(now.organization.dimensions.a!.trend!.significant).toBe(false);
    // A cell suppressed in either wave has no trend.
    expect(now.groups.find((g) => g.teamKey === 'big')!.dimensions.a).toBeNull();
  });
});

describe('comments (R5)', () => {
  // k = 3 → comments need max(10, 2·3) = 10. Dept 8 + Other 5 = 13: only the organization shows comments,
  // and Other (5) alone may not, nor may Dept (8).
  const comments = {
    big: ['b1', 'b2'],
    small: ['s1'],
    other: ['o1', 'o2', 'o3'],
  };
  it('shows comments only for groups of at least max(10, 2k), shuffled the same way for a given seed', () => {
    const withComments = buildReport({ ...input, comments, commentSeed: 'wave-1' });
    expect(withComments.comments.map((c) => c.teamKey)).toEqual([null]);
    const shown = withComments.comments[0]!.comments;
    expect([...shown].sort()).toEqual(['b1', 'b2', 'o1', 'o2', 'o3', 's1']);
    expect(buildReport({ ...input, comments, commentSeed: 'wave-1' }).comments[0]!.comments).toEqual(shown);
  });
  it('applies the complementary rule at that threshold', () => {
    // Org = Dept 12 (Big 11 + Small 1) + Other 10. Other and Dept are ≥ 10 but Dept − Big would
    // isolate Small's comment: Big is withheld, Dept, Other and the organization are shown.
    const bigger = aggregateResponses(
      [
        ...many('big', 11, { a1: 4, b1: 4, x1: 4 }),
        ...many('small', 1, { a1: 1, b1: 1, x1: 1 }),
        ...many('other', 10, { a1: 4, b1: 2, x1: 4 }),
      ],
      items,
      dimensions,
    );
    const r = buildReport({ ...input, aggregates: bigger, comments, commentSeed: 1 });
    expect(r.comments.map((c) => c.teamKey)).toEqual([null, 'dept', 'other']);
  });
});

describe('scoping a report to a leader', () => {
  it('keeps the organization row and the subtree, cut from the same report', () => {
    const scoped = scopeReport(report, 'dept');
    expect(scoped.organization).toBe(report.organization);
    expect(scoped.groups.map((g) => g.teamKey)).toEqual(['dept', 'small', 'big']);
    expect(scoped.hotspots.map((h) => h.teamKey)).toEqual(['dept', 'dept']);
    expect(scopeReport(report, 'other').groups.map((g) => g.teamKey)).toEqual(['other']);
    expect(() => scopeReport(report, 'nobody')).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import type { MessageKey } from '../../client/src/i18n/en.ts';
import { loadCatalog, translate } from '../../client/src/i18n/translate.ts';
import { heatmapPoints } from '../../client/src/pages/report/heatmap-config.ts';
import {
  cellTooltip,
  intervalScores,
  intervalText,
  showsChanges,
  trustIndexChange,
  trustInterval,
} from '../../client/src/pages/report/report-figures.ts';
import type { Cell, Group, Report } from '../../client/src/pages/report/report-types.ts';

/** A cell of `score` whose interval is `ci95` on the 1 to 5 scale; a change only when `previous`. */
const cell = (score: number, ci95: [number, number], previous?: number): Cell => ({
  n: 10,
  mean: 1 + score / 25,
  score,
  favorable: 0.5,
  neutral: 0.2,
  unfavorable: 0.3,
  ci95,
  rwg: 0.8,
  delta: 0,
  ...(previous === undefined
    ? {}
    : {
        trend: {
          previousScore: previous,
          change: Math.round((score - previous) * 10) / 10,
          significant: false,
        },
      }),
});
const group = (teamKey: string | null, trustIndex: number | null, dimensions: Record<string, Cell | null>) =>
  ({
    teamKey,
    name: teamKey ?? 'Org',
    parentKey: null,
    depth: 0,
    suppressed: false,
    n: 10,
    trustIndex,
    dimensions,
  }) satisfies Group;
const report = (organization: Group, groups: Group[] = []): Report => ({
  wave: {
    id: 'w',
    organizationId: 'o',
    title: 'W',
    status: 'closed',
    questionnaire: { key: 'q', version: '1.0.0' },
    closedAt: null,
    previous: null,
  },
  anonymityThreshold: 5,
  dimensions: [
    { id: 'a', name: 'A', outcome: false },
    { id: 'b', name: 'B', outcome: false },
    { id: 'c', name: 'C', outcome: false },
    { id: 'd', name: 'D', outcome: false },
    { id: 'x', name: 'Execution', outcome: true },
  ],
  organization,
  groups,
  hotspots: [],
  drivers: [],
  reliability: {},
  comments: [],
  actions: [],
});
const t = (key: MessageKey, values?: Record<string, string | number>) => translate('en', key, values);
const ci: [number, number] = [3, 4];

describe('a 95% interval beside its score', () => {
  it('has the score’s one decimal and never leaves the score outside it', () => {
    // One answer, or answers all alike: the interval is the mean itself, 3.5, a score of 62.5.
    // Whole numbers printed "62.5 · 95% interval 63–63".
    expect(intervalScores([3.5, 3.5])).toEqual([62.5, 62.5]);
    expect(intervalText(t, 'en', [3.5, 3.5])).toBe('95% interval 62.5–62.5');
    // (3.51 − 1) × 25 is 62.7499… in binary; counted in thousandths it is 62.75, rounded outward.
    expect(intervalScores([3.51, 3.51])).toEqual([62.7, 62.8]);
    expect(intervalScores([2.213, 4.987])).toEqual([30.3, 99.7]);
    expect(intervalScores([1, 5])).toEqual([0, 100]);
    // A mean of 3.50198 is the score 62.5 (62.5495); its bound, published as 3.502 (62.55),
    // would be 62.6 rounded to the nearest, above the score of an interval of no width.
    expect(intervalScores([3.502, 3.502])[0]).toBeLessThanOrEqual(62.5);
  });

  it('is written the same way in a tooltip, in the page’s language', async () => {
    await loadCatalog('de');
    const point = heatmapPoints(
      report(group(null, 50, { a: cell(62.5, [3.5, 3.5]), b: null, c: null, d: null, x: null })),
      'score',
      { hidden: { group: 'hidden', cell: 'hidden' }, organization: 'Org' },
    )[0]!;
    const words = { locale: 'de', hidden: () => 'hidden', explainNoChange: false };
    const german = (key: MessageKey, values?: Record<string, string | number>) =>
      translate('de', key, values);
    expect(cellTooltip(point, { ...words, t: german })).toContain(
      translate('de', 'report.interval', { lo: '62,5', hi: '62,5' }),
    );
  });

  it('averages the trust dimensions’ intervals with that decimal, and only when all are shown', () => {
    const all = group(null, 50, {
      a: cell(50, [2.5, 3.5]),
      b: cell(50, [2.6, 3.4]),
      c: cell(50, [2.7, 3.3]),
      d: cell(50, [2.658, 3.342]),
      x: cell(90, [4.5, 5]),
    });
    // Lower bounds 37.5, 40, 42.5, 41.45: mean 40.3625, down to 40.3; upper 62.5, 60, 57.5,
    // 58.55: mean 59.6375, up to 59.7. Execution is not part of trust.
    expect(trustInterval(report(all))).toEqual([40.3, 59.7]);
    expect(trustInterval(report({ ...all, dimensions: { ...all.dimensions, c: null } }))).toBeNull();
  });
});

describe('the Trust Index’s change since the previous wave', () => {
  it('is the difference of the two Trust Indexes, as the server rounds each', () => {
    // This wave: 60.1, 60.1, 60.1, 60.2, a mean of 60.125, Trust Index 60.1. The previous: 60.0,
    // 60.0, 60.1, 60.1, a mean of 60.05, also 60.1. The mean of the four changes (0.1, 0.1, 0,
    // 0.1) is 0.075, which said "+0.1" of a Trust Index that did not move.
    const organization = group(null, 60.1, {
      a: cell(60.1, ci, 60.0),
      b: cell(60.1, ci, 60.0),
      c: cell(60.1, ci, 60.1),
      d: cell(60.2, ci, 60.1),
      x: cell(70, ci, 40),
    });
    expect(trustIndexChange(report(organization))).toBe(0);
    // 62.4 now against 60.1 before: +2.3 exactly, not 2.2999….
    const later = group(null, 62.4, {
      a: cell(62.4, ci, 60.0),
      b: cell(62.4, ci, 60.0),
      c: cell(62.4, ci, 60.1),
      d: cell(62.4, ci, 60.1),
      x: cell(70, ci),
    });
    expect(trustIndexChange(report(later))).toBe(2.3);
  });

  it('is none when a trust dimension has no change, whatever the outcome dimension has', () => {
    const organization = group(null, 60.1, {
      a: cell(60.1, ci, 60.0),
      b: cell(60.1, ci, 60.0),
      c: cell(60.1, ci),
      d: cell(60.2, ci, 60.1),
      x: cell(70, ci, 40),
    });
    expect(trustIndexChange(report(organization))).toBeNull();
    expect(trustIndexChange(report({ ...organization, trustIndex: null }))).toBeNull();
  });
});

describe('a cell with no change to show', () => {
  const organization = group(null, 50, {
    a: cell(50, ci, 48),
    b: cell(50, ci, 48),
    c: cell(50, ci, 48),
    d: cell(50, ci, 48),
    x: cell(50, ci, 48),
  });
  const team = group('new', null, { a: cell(40, ci), b: null, c: null, d: null, x: null });
  const text = { hidden: { group: 'hidden', cell: 'hidden' }, organization: 'Org' };

  it('says why in its tooltip where the report compares with a previous wave', () => {
    const withTrends = report(organization, [team]);
    expect(showsChanges(withTrends)).toBe(true);
    const point = heatmapPoints(withTrends, 'change', text).find((p) => p.group.teamKey === 'new')!;
    // Shown, but no change: the heat map draws "—".
    expect(point.cell).not.toBeNull();
    expect(point.v).toBeNull();
    const lines = cellTooltip(point, { t, locale: 'en', hidden: () => 'hidden', explainNoChange: true });
    expect(lines).toContain(
      '— no change shown: a change is shown only where both waves show the cell for the same people',
    );
    // A first wave has nothing to compare with, and says nothing of it outside the change view.
    const first = report(group(null, 50, { a: cell(50, ci), b: null, c: null, d: null, x: null }), [team]);
    expect(showsChanges(first)).toBe(false);
    // Compared with a previous wave whose groups all had other people: no cell has a change, and
    // each still says why.
    const allWithheld = { ...first, wave: { ...first.wave, previous: { id: 'p', title: 'Spring pulse' } } };
    expect(showsChanges(allWithheld)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { formatPercent } from '../../client/src/i18n/format.ts';
import { colourFor, heatmapConfig, heatmapPoints } from '../../client/src/pages/report/heatmap-config.ts';
import {
  type Cell,
  type Group,
  hiddenReason,
  type Report,
} from '../../client/src/pages/report/report-types.ts';

const cell = (score: number, delta: number, rwg = 0.8): Cell => ({
  n: 10,
  mean: 1 + score / 25,
  score,
  favorable: score / 100,
  neutral: 0,
  unfavorable: 1 - score / 100,
  ci95: [2, 4],
  rwg,
  delta,
});
const group = (teamKey: string | null, depth: number, dimensions: Record<string, Cell | null>): Group => ({
  teamKey,
  name: teamKey ?? 'Org',
  parentKey: null,
  depth,
  suppressed: false,
  n: 10,
  trustIndex: 50,
  dimensions,
});
const report: Report = {
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
    { id: 'x', name: 'X', outcome: true },
  ],
  organization: group(null, 0, { a: cell(50, 0), x: cell(60, 0) }),
  groups: [
    group('low', 0, { a: cell(30, -20, 0.3), x: null }),
    group('high', 1, { a: cell(70, 20), x: cell(61, 1) }),
  ],
  hotspots: [],
  drivers: [],
  reliability: {},
  comments: [],
  actions: [],
};
const text = {
  hidden: {
    group: 'group hidden for anonymity',
    cell: 'hidden for anonymity',
  },
  organization: 'Whole organization',
};

/** What the heat map's plugin writes in each cell, drawn on a fake canvas of cells `width` wide. */
const labels = (
  view: 'score' | 'favorable' | 'delta',
  figure?: (value: number, digits: number) => string,
  width = 100,
  drawn: Report = report,
  /** The configuration the chart was created with, when `view`'s came later as an update. */
  created?: ReturnType<typeof heatmapConfig>,
) => {
  const config = heatmapConfig(
    drawn,
    view,
    { ...text, figure },
    { hatch: 'H', tooltip: () => [], onCell: () => {} },
  );
  const points = config.data.datasets[0]!.data as unknown as unknown[];
  const written: string[] = [];
  const ctx = {
    save() {},
    restore() {},
    measureText: () => ({ width: 10 }),
    fillText: (label: string) => written.push(label),
  };
  const element = { getProps: () => ({ x: 0, y: 0, width, height: 20 }) };
  const chart = {
    ctx,
    getDatasetMeta: () => ({ data: points.map(() => element) }),
    data: config.data,
  };
  const plugin = (created ?? config).plugins![0]! as unknown as {
    afterDatasetsDraw: (chart: unknown, args: unknown, options: unknown) => void;
  };
  // As Chart.js calls it: with the options of the chart as last updated, under the plugin's id.
  plugin.afterDatasetsDraw(chart, {}, config.options!.plugins!.cellLabels);
  return written;
};

describe('the heat map configuration', () => {
  it('has one point per group and dimension, in hierarchy order, indented by depth', () => {
    const points = heatmapPoints(report, 'score', text);
    expect(points).toHaveLength(6);
    expect(points.map((p) => p.y)).toEqual([
      'Whole organization',
      'Whole organization',
      '\u2003low',
      '\u2003low',
      '\u2003\u2003high',
      '\u2003\u2003high',
    ]);
  });

  it('colours by distance from the organization on a diverging scale, and never colours suppressed cells', () => {
    const points = heatmapPoints(report, 'score', text);
    const low = points.find((p) => p.group.teamKey === 'low' && p.dimension === 'a')!;
    const high = points.find((p) => p.group.teamKey === 'high' && p.dimension === 'a')!;
    const suppressed = points.find((p) => p.group.teamKey === 'low' && p.dimension === 'x')!;
    expect(colourFor(low.d)).toBe('#b35806');
    expect(colourFor(high.d)).toBe('#542788');
    expect(colourFor(0)).toBe('#f7f7f7');
    expect(suppressed.v).toBeNull();
    const config = heatmapConfig(report, 'score', text, {
      hatch: 'HATCH',
      tooltip: () => [],
      onCell: () => {},
    });
    const background = config.data.datasets[0]!.backgroundColor as (context: { raw: unknown }) => string;
    expect(background({ raw: suppressed })).toBe('HATCH');
    const border = config.data.datasets[0]!.borderWidth as (context: { raw: unknown }) => number;
    expect(border({ raw: low })).toBe(3); // low agreement is marked
    expect(border({ raw: high })).toBe(1);
  });

  it('writes every figure of a view with the same decimals, in the page’s language', () => {
    // Whole scores are written 30.0 and 70.0, never 30 beside 61.8.
    expect(labels('score')).toEqual(expect.arrayContaining(['30.0 ≈', '70.0', '61.0']));
    const german = (value: number, digits: number) =>
      new Intl.NumberFormat('de', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
        value,
      );
    expect(labels('score', german)).toEqual(expect.arrayContaining(['30,0 ≈', '70,0', '61,0']));
    expect(labels('favorable', german)).toEqual(expect.arrayContaining(['30 ≈', '70', '61']));
  });

  it('rounds a figure too wide for its cell to a whole number, never cutting its decimals off', () => {
    const narrow = (view: 'score' | 'delta') =>
      labels(view, undefined, 8, {
        ...report,
        groups: [
          group('close', 0, { a: cell(61.8, -0.4), x: cell(44.5, 11.6) }),
          group('half', 0, { a: cell(40, -2.5), x: null }),
        ],
      });
    expect(narrow('score')).toEqual(expect.arrayContaining(['62', '45']));
    expect(narrow('delta')).toEqual(expect.arrayContaining(['0', '+12', '-3']));
  });

  it('draws only the rows given, and two teams of the same name on rows of their own', () => {
    const twin = { ...group('twin', 0, { a: cell(40, -10), x: null }), name: 'low' };
    const rows = [report.groups[0]!, twin];
    const points = heatmapPoints(report, 'score', text, rows, (g) => `▸ ${g.name}`);
    expect(points.map((p) => p.group.teamKey)).toEqual(['low', 'low', 'twin', 'twin']);
    // Same name, same look, but a label of its own, so the axis keeps two rows.
    expect(new Set(points.map((p) => p.y)).size).toBe(2);
    expect(points[2]!.y.replace(/\u200b/g, '')).toBe(points[0]!.y);
    const config = heatmapConfig(report, 'score', text, {
      hatch: 'H',
      tooltip: () => [],
      onCell: () => {},
      rows,
    });
    expect(config.data.datasets[0]!.data).toHaveLength(4);
  });

  it('shows favourability and the difference from the organization when asked', () => {
    expect(
      heatmapPoints(report, 'favorable', text).find((p) => p.group.teamKey === 'high' && p.dimension === 'a')!
        .v,
    ).toBe(70);
    expect(
      heatmapPoints(report, 'delta', text).find((p) => p.group.teamKey === 'low' && p.dimension === 'a')!.v,
    ).toBe(-20);
  });
});

describe('a percentage of favourable answers', () => {
  it('reads the same in a heat-map cell as in the table, the print and the cards', () => {
    // 23 of 40 answers favourable: 0.575, which is 57.4999… × 100 in binary, so Math.round said
    // 57 in the cell while Intl wrote 58% in the table.
    const share = 23 / 40;
    const shown = { ...cell(60, 0), favorable: share };
    const drawn: Report = {
      ...report,
      organization: group(null, 0, { a: { ...cell(50, 0), favorable: 0.5 }, x: cell(60, 0) }),
      groups: [group('g', 0, { a: shown, x: null })],
    };
    const point = heatmapPoints(drawn, 'favorable', text).find(
      (p) => p.group.teamKey === 'g' && p.dimension === 'a',
    )!;
    expect(formatPercent('en', share)).toBe('58%');
    expect(point.v).toBe(58);
    expect(labels('favorable', undefined, 100, drawn)).toContain('58');
    // Coloured by the distance between the two percentages shown, 58 − 50, not by 7.4999….
    expect(point.d).toBe(8);
  });

  it('is whole in a chart created in the score view and switched to this one', () => {
    // The chart keeps the plugins it was created with and takes only new data and options: the
    // labels follow the view of the options, not the view the chart was first drawn in.
    const created = heatmapConfig(report, 'score', text, { hatch: 'H', tooltip: () => [], onCell: () => {} });
    const switched = labels('favorable', undefined, 100, report, created).filter((label) => /\d/.test(label));
    expect(switched.length).toBeGreaterThan(0);
    for (const label of switched) expect(label).toMatch(/^\+?\d+( ≈)?$/);
    expect(labels('score', undefined, 100, report, created).some((label) => /\d\.\d/.test(label))).toBe(true);
  });
});

describe('why a figure is missing', () => {
  it('tells a hidden group from one hidden cell, and never why the group is hidden (R1)', () => {
    const hidden = (suppressionReason?: 'below-threshold' | 'complementary') => ({
      ...group('g', 1, { a: null }),
      suppressed: true,
      n: null,
      ...(suppressionReason ? { suppressionReason } : {}),
    });
    expect(hiddenReason(hidden('below-threshold'))).toBe('group');
    expect(hiddenReason(hidden('complementary'))).toBe('group');
    expect(hiddenReason(hidden())).toBe('group');
    expect(hiddenReason(group('g', 1, { a: null }))).toBe('cell');
  });
});

import type { ChartConfiguration, ChartType, Plugin } from 'chart.js';
import { percentOf } from '../../i18n/format.ts';
import {
  type Cell,
  type Group,
  type HeatmapView,
  type HiddenReason,
  hiddenReason,
  LOW_AGREEMENT,
  type Report,
} from './report-types.ts';

export interface HeatmapPoint {
  x: string;
  y: string;
  /** The figure shown in the cell, or null when suppressed. */
  v: number | null;
  /** Signed distance from the organization, which sets the colour. */
  d: number | null;
  cell: Cell | null;
  group: Group;
  dimension: string;
  /** Change view only: the change's two 95% intervals do not overlap. */
  significant: boolean;
}

export interface HeatmapText {
  /** Why a cell is empty, by reason; `{k}` stands for the threshold. */
  hidden: Record<HiddenReason, string>;
  organization: string;
  /** A figure with `digits` decimals, written the language's way ("61,8"); plain digits if absent. */
  figure?: (value: number, digits: number) => string;
}

// A diverging, colour-blind-safe scale (ColorBrewer PuOr): orange below the organization,
// purple above, pale near it. Never red/green.
const below = ['#b35806', '#e08214', '#fdb863', '#fee0b6'];
const above = ['#d8daeb', '#b2abd2', '#8073ac', '#542788'];
const neutral = '#f7f7f7';

export function colourFor(distance: number | null): string {
  if (distance === null) return neutral;
  const steps = [2.5, 7.5, 12.5, 20];
  const level = steps.findIndex((limit) => Math.abs(distance) < limit);
  if (level === 0) return neutral;
  const index = level === -1 ? 3 : level - 1;
  return distance < 0 ? below[3 - index]! : above[index]!;
}

export function textColourFor(distance: number | null): string {
  return distance !== null && Math.abs(distance) >= 12.5 ? '#ffffff' : '#1d2430';
}

/** A row's name, indented by its level; `marker` (a fold or unfold sign, or none) goes before the name. */
export const rowLabel = (group: Group, marker = '') =>
  `${'\u2003'.repeat(group.depth + (group.teamKey === null ? 0 : 1))}${marker}${group.name}`;

/** The figure a cell shows; null in the change view for a cell the previous wave did not show. */
function figure(cell: Cell, view: HeatmapView): number | null {
  // The percentage the table, the print and the cards show, rounded the same way.
  if (view === 'favorable') return percentOf(cell.favorable);
  if (view === 'delta') return cell.delta ?? 0;
  if (view === 'change') return cell.trend?.change ?? null;
  return cell.score;
}

/** The change view marks changes whose two 95% intervals do not overlap. */
export const SIGNIFICANT_MARK = ' ●';

/**
 * One point per row and dimension, rows then columns. `rows` are the rows drawn (by default every
 * group of the report; a large heat map passes the few that fit), and `label` names each row on
 * the axis. Two teams can share a name (a "Sales" in every region), but a row's label is its
 * place on the axis, so a repeated one gets invisible zero-width spaces until it is unique.
 */
export function heatmapPoints(
  report: Report,
  view: HeatmapView,
  text: HeatmapText,
  rows: readonly Group[] = [report.organization, ...report.groups],
  label: (group: Group) => string = (group) => rowLabel(group),
): HeatmapPoint[] {
  const seen = new Set<string>();
  const labels = rows.map((row) => {
    let y = label(row.teamKey === null ? { ...row, name: text.organization } : row);
    while (seen.has(y)) y += '\u200b';
    seen.add(y);
    return y;
  });
  return rows.flatMap((row, index) =>
    report.dimensions.map((dimension) => {
      const group = row.teamKey === null ? { ...row, name: text.organization } : row;
      const cell = group.dimensions[dimension.id] ?? null;
      const organization = report.organization.dimensions[dimension.id];
      const distance =
        cell === null
          ? null
          : view === 'change'
            ? (cell.trend?.change ?? null)
            : view === 'favorable' && organization
              ? percentOf(cell.favorable) - percentOf(organization.favorable)
              : (cell.delta ?? 0);
      return {
        x: dimension.name,
        y: labels[index]!,
        v: cell ? figure(cell, view) : null,
        d: distance,
        cell,
        group,
        dimension: dimension.id,
        significant: view === 'change' && Boolean(cell?.trend?.significant),
      };
    }),
  );
}

/** What the cell labels need to know, carried in the chart's options as `plugins.cellLabels`. */
export interface CellLabelOptions {
  text: HeatmapText;
  /** The anonymity threshold, for the suppression note. */
  k: number;
  view: HeatmapView;
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    cellLabels?: CellLabelOptions;
  }
}

/**
 * Labels every cell with its figure, or with the suppression note. One plugin for every chart: it
 * reads the view, the words and the threshold from the chart's current options, because an update
 * replaces a chart's data and options but keeps the plugins it was created with, and a plugin that
 * kept the view it was made for labelled the favourability view "35.0" after a switch from scores.
 * Chart.js resolves plugin options unscripted, so `text.figure` arrives as the function it is.
 */
export const cellLabels: Plugin<'matrix', CellLabelOptions> = {
  id: 'cellLabels',
  afterDatasetsDraw(chart, _args, options) {
    const { text, k, view } = options;
    const { ctx } = chart;
    const meta = chart.getDatasetMeta(0);
    const data = chart.data.datasets[0]!.data as unknown as HeatmapPoint[];
    ctx.save();
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    meta.data.forEach((element, index) => {
      const point = data[index]!;
      const { x, y, width, height } = element.getProps(['x', 'y', 'width', 'height'], true) as {
        x: number;
        y: number;
        width: number;
        height: number;
      };
      const cx = x + width / 2;
      const cy = y + height / 2;
      if (point.v === null && point.cell) {
        // Shown now but not in the previous wave: no change to show, and nothing hidden either.
        ctx.fillStyle = '#4a4f57';
        ctx.font = '11px system-ui, sans-serif';
        ctx.fillText('—', cx, cy);
      } else if (point.v === null) {
        ctx.fillStyle = '#4a4f57';
        ctx.font = '11px system-ui, sans-serif';
        const reason = hiddenReason(point.group);
        const label = text.hidden[reason].replace('{k}', String(k));
        // On a narrow cell (a phone, an A4 page) a short form.
        const short = '—';
        ctx.fillText(ctx.measureText(label).width > width - 6 ? short : label, cx, cy);
      } else {
        ctx.fillStyle = textColourFor(point.d);
        ctx.font = 'bold 13px system-ui, sans-serif';
        const lowAgreement =
          point.cell?.rwg !== null && point.cell?.rwg !== undefined && point.cell.rwg < LOW_AGREEMENT;
        // Every cell of a view with the same decimals (61.8 beside 44.0, not 44), in the page's
        // language; a percentage of favourable answers is whole.
        const digits = view === 'favorable' ? 0 : 1;
        const signed = point.v > 0 && point.d !== null && point.v === point.d;
        const labelOf = (value: number, decimals: number) =>
          `${signed && value > 0 ? '+' : ''}${text.figure ? text.figure(value, decimals) : value.toFixed(decimals)}${lowAgreement ? ' ≈' : ''}${point.significant ? SIGNIFICANT_MARK : ''}`;
        const full = labelOf(point.v, digits);
        // A narrow cell rounds to a whole number rather than letting numbers run into each other:
        // 61.8 is 62 and −2.5 is −3, as every other output rounds them, and −0.4 is 0, never "−0".
        const label =
          ctx.measureText(full).width > width - 4 ? labelOf(Number(point.v.toFixed(0)) || 0, 0) : full;
        ctx.fillText(label, cx, cy);
      }
    });
    ctx.restore();
  },
};

/**
 * The whole heat map as a Chart.js configuration: pure, so it is tested without a browser.
 * `hatch` is the pattern for suppressed cells (made by the caller, who has a canvas).
 */
export function heatmapConfig(
  report: Report,
  view: HeatmapView,
  text: HeatmapText,
  options: {
    hatch: CanvasPattern | string;
    tooltip: (point: HeatmapPoint) => string[];
    onCell: (point: HeatmapPoint) => void;
    /** The rows to draw, when not every group of the report (see `heatmapPoints`). */
    rows?: readonly Group[];
    label?: (group: Group) => string;
    /** A click on a row's name, left of the cells: the index of that row in `rows`. */
    onRow?: (index: number) => void;
  },
): ChartConfiguration<'matrix', HeatmapPoint[]> {
  const points = heatmapPoints(report, view, text, options.rows, options.label);
  const columns = report.dimensions.map((d) => d.name);
  const rows = [...new Set(points.map((p) => p.y))];
  return {
    type: 'matrix',
    data: {
      datasets: [
        {
          label: 'heat map',
          data: points,
          backgroundColor: (context) => {
            const point = context.raw as HeatmapPoint | undefined;
            if (point?.v === null) return point.cell ? colourFor(null) : options.hatch;
            return colourFor(point?.d ?? null);
          },
          borderColor: (context) => {
            const point = context.raw as HeatmapPoint | undefined;
            return point?.cell?.rwg !== undefined && point.cell.rwg !== null && point.cell.rwg < LOW_AGREEMENT
              ? '#1d2430'
              : '#ffffff';
          },
          borderWidth: (context) => {
            const point = context.raw as HeatmapPoint | undefined;
            return point?.cell?.rwg !== undefined && point.cell.rwg !== null && point.cell.rwg < LOW_AGREEMENT
              ? 3
              : 1;
          },
          width: ({ chart }) => (chart.chartArea?.width ?? 0) / columns.length - 2,
          height: ({ chart }) => (chart.chartArea?.height ?? 0) / rows.length - 2,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      onClick: (event, elements, chart) => {
        const element = elements[0];
        if (element) return options.onCell(points[element.index]!);
        const { x, y } = event;
        if (!options.onRow || x === null || y === null || x >= chart.chartArea.left) return;
        if (y < chart.chartArea.top || y > chart.chartArea.bottom) return;
        const row = chart.scales.y?.getValueForPixel(y);
        if (row !== undefined && row >= 0 && row < rows.length) options.onRow(Math.round(row));
      },
      plugins: {
        legend: { display: false },
        cellLabels: { text, k: report.anonymityThreshold, view },
        tooltip: {
          callbacks: {
            title: (items) => {
              const point = items[0]?.raw as HeatmapPoint | undefined;
              return point
                ? `${point.group.teamKey === null ? text.organization : point.group.name} · ${point.x}`
                : '';
            },
            label: (item) => options.tooltip(item.raw as HeatmapPoint),
          },
        },
      },
      scales: {
        x: {
          type: 'category',
          labels: columns,
          position: 'top',
          offset: true,
          grid: { display: false },
          ticks: { font: { weight: 'bold' } },
        },
        y: {
          type: 'category',
          labels: rows,
          offset: true,
          reverse: false,
          grid: { display: false },
          ticks: { crossAlign: 'far' },
        },
      },
    },
    plugins: [cellLabels],
  };
}

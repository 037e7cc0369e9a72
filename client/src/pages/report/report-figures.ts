import type { MessageKey } from '../../i18n/en.ts';
import { formatNumber, formatSigned } from '../../i18n/format.ts';
import type { HeatmapPoint } from './heatmap-config.ts';
import { type Group, LOW_AGREEMENT, type Report } from './report-types.ts';

/*
 * The report's derived figures and the words around them, kept out of the page so that each is
 * tested as a reader would read it: screen, tooltip and print all take them from here.
 */

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** A bound of the 1 to 5 scale, published with 3 decimals, as integer thousandths above 1. */
const thousandths = (bound: number) => Math.round(bound * 1000) - 1000;

/**
 * A 95% interval (on the 1 to 5 scale) as scores with the score's one decimal. A score is
 * (mean − 1) × 25, so a thousandth of the scale is a fortieth of a point and a tenth of a point is
 * four thousandths: integers throughout, no binary error moves a bound across a tenth. Rounded
 * outward, not to the nearest: the score is rounded from the exact mean and each bound from its
 * own 3 decimals, so rounding both to the nearest could leave a score outside its own interval
 * (a score of 62.5 printed "95% interval 63–63" when bounds were whole). Outward, a bound moved
 * inward by at most 0.0125 points by the server's rounding still lands on or beyond the score.
 */
export function intervalScores(ci95: readonly [number, number]): [number, number] {
  return [Math.floor(thousandths(ci95[0]) / 4) / 10, Math.ceil(thousandths(ci95[1]) / 4) / 10];
}

const trustDimensions = (report: Report) => report.dimensions.filter((d) => !d.outcome);

/**
 * The mean of the organization's trust dimensions' intervals, rounded outward as each is
 * (`intervalScores`); null unless every trust dimension is shown.
 */
export function trustInterval(report: Report): [number, number] | null {
  const cells = trustDimensions(report).map((d) => report.organization.dimensions[d.id]);
  if (cells.length === 0 || cells.some((cell) => !cell)) return null;
  const sum = (side: 0 | 1) => cells.reduce((total, cell) => total + thousandths(cell!.ci95[side]), 0);
  const per = 4 * cells.length;
  return [Math.floor(sum(0) / per) / 10, Math.ceil(sum(1) / per) / 10];
}

/**
 * The Trust Index's change since the previous wave: this wave's minus the previous one's, the
 * latter the mean of the trust dimensions' previous scores rounded exactly as the server rounds a
 * Trust Index (server/domain/report/report-cells.ts). Not the mean of the four rounded changes,
 * which says "+0.1" of a Trust Index that was 60.1 in both waves. None unless every trust
 * dimension has a trend.
 */
export function trustIndexChange(report: Report): number | null {
  const organization = report.organization;
  const trust = trustDimensions(report);
  if (organization.trustIndex === null || trust.length === 0) return null;
  const previous: number[] = [];
  for (const dimension of trust) {
    const trend = organization.dimensions[dimension.id]?.trend;
    if (!trend) return null;
    previous.push(trend.previousScore);
  }
  const before = Math.round((previous.reduce((a, b) => a + b, 0) / previous.length) * 10) / 10;
  return (Math.round(organization.trustIndex * 10) - Math.round(before * 10)) / 10;
}

/**
 * Whether the report compares with a previous wave: then a cell without a change says why, even
 * where no cell has one (the previous wave asked other teams everywhere), while a report with no
 * earlier wave to compare with stays quiet about it. A cell with a trend also says so, should a
 * report come without its `previous`.
 */
export const showsChanges = (report: Report): boolean =>
  report.wave.previous !== null ||
  [report.organization, ...report.groups].some((group) =>
    Object.values(group.dimensions).some((cell) => cell?.trend !== undefined),
  );

/** "95% interval 55.3–69.8": a cell's interval in words, with the score's decimal. */
export function intervalText(t: Translate, locale: string, ci95: readonly [number, number]): string {
  const [lo, hi] = intervalScores(ci95);
  return t('report.interval', { lo: formatNumber(locale, lo, 1), hi: formatNumber(locale, hi, 1) });
}

/** What the tooltip of a heat-map cell says, line by line. */
export function cellTooltip(
  point: HeatmapPoint,
  words: {
    t: Translate;
    locale: string;
    /** Why a figure of this group is missing. */
    hidden: (group: Group) => string;
    /** Say why a shown cell has no change (the change view, or a report that shows changes). */
    explainNoChange: boolean;
  },
): string[] {
  const { t, locale } = words;
  const cell = point.cell;
  if (!cell) return [words.hidden(point.group)];
  const signed = (value: number) => formatSigned(locale, value);
  const lines = [t('report.tooltip.n', { n: cell.n }), intervalText(t, locale, cell.ci95)];
  if (cell.delta !== null && point.group.teamKey !== null)
    lines.push(t('report.tooltip.delta', { delta: signed(cell.delta) }));
  if (cell.trend)
    lines.push(
      t('report.trend', { change: signed(cell.trend.change) }) +
        (cell.trend.significant ? ` (${t('report.significant')})` : ''),
    );
  else if (words.explainNoChange) lines.push(`— ${t('report.notBefore')}`);
  if (cell.rwg !== null && cell.rwg < LOW_AGREEMENT) lines.push(t('report.lowAgreement'));
  return lines;
}

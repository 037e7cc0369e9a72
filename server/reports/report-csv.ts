import type { Report } from '../domain/report/build-report.ts';

// A cell that starts like a formula would run in a spreadsheet; a leading quote keeps it text.
const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const columns = [
  'team_key',
  'team_name',
  'parent_key',
  'depth',
  'dimension',
  'suppressed',
  'suppression_reason',
  'n',
  'mean',
  'score',
  'favorable',
  'neutral',
  'unfavorable',
  'ci95_low',
  'ci95_high',
  'rwg',
  'delta',
  'trend_change',
  'trend_significant',
];

/** One row per group × dimension, the same published figures as the JSON report and nothing more. */
export function reportToCsv(report: Report): string {
  const rows = [columns.join(',')];
  for (const group of [report.organization, ...report.groups]) {
    for (const dimension of report.dimensions) {
      const c = group.dimensions[dimension.id] ?? null;
      rows.push(
        [
          group.teamKey ?? '',
          group.name,
          group.parentKey ?? '',
          group.depth,
          dimension.id,
          c === null,
          c === null ? (group.suppressionReason ?? 'below-threshold') : '',
          c?.n,
          c?.mean,
          c?.score,
          c?.favorable,
          c?.neutral,
          c?.unfavorable,
          c?.ci95[0],
          c?.ci95[1],
          c?.rwg,
          c?.delta,
          c?.trend?.change,
          c?.trend?.significant,
        ]
          .map(cell)
          .join(','),
      );
    }
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

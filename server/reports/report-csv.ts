import type { Report } from '../domain/report/build-report.ts';

/**
 * One CSV field, safe in any spreadsheet (after OWASP's CSV injection guidance). Text that begins
 * like a formula (=, +, -, @, tab, carriage return) gets a leading apostrophe, so it is shown, not
 * run; numbers stay numbers. Any field holding a separator, a quote or a line break is quoted.
 *
 * Quoting protects only spreadsheets that split on the file's own separator. Much of Europe splits
 * on `;`, and there a quote in the middle of a line is an ordinary character: `t1,"Sales;=7+7"`
 * becomes the cells `t1,"Sales` and `=7+7"`. So inside text, a separator followed by a formula
 * character gets an apostrophe after it too: no cell of this file starts a formula, whichever
 * separator opens it. A line break counts as a separator, for readers that ignore quotes.
 *
 * Text that already has apostrophes before a formula character ('=x) gets one more, so that taking
 * one apostrophe off wherever this adds one (the team import does) gives back exactly the text.
 */
export const csvField = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = value.replace(/^(?='*[=+\-@\t\r])/, "'").replace(/([,;\r\n])(?='*[=+\-@\t\r])/g, "$1'");
  return /[",;\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
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
  'group_n',
  'trend_previous_score',
];

/**
 * One row per group × dimension, the same published figures as the JSON report and nothing more.
 * `n` counts who has a score in the dimension and `group_n` who answered in the group (the n the
 * screen's table shows, empty for a hidden group, R1); `mean` and `ci95_*` are on the 1 to 5 scale
 * of the answers, `score`, `delta` and `trend_*` on the 0 to 100 scale of scores, and
 * `favorable`, `neutral` and `unfavorable` are shares from 0 to 1 (docs/scoring.md).
 */
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
          // As the screen says it (client/src/pages/report/report-types.ts): "group" when the whole
          // group is hidden, "cell" for one figure hidden in a group that is shown. Never why a
          // group is hidden, which would say on which side of k its n lies (R1).
          c === null ? (group.suppressed ? 'group' : 'cell') : '',
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
          group.n,
          c?.trend?.previousScore,
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

import { isBelowTarget, type WaveProgress } from '../domain/participation/progress.ts';
import { csvField } from './report-csv.ts';

const columns = [
  'team_key',
  'team_name',
  'parent_key',
  'depth',
  'responses',
  'headcount',
  'rate',
  'full',
  'subtree_responses',
  'subtree_headcount',
  'subtree_rate',
  'below_target',
  'recipients',
  'queued',
  'sent',
  'failed',
];

/** Rates as in the JSON (shares, already truncated to thousandths), always with three decimals. */
const rate = (value: number | null) => (value === null ? null : value.toFixed(3));

/**
 * The progress view as CSV, the same figures as its JSON: first the organization (every team of
 * the wave together, its mail summed), then one row per team, depth first. A team's own
 * figures and its subtree's sit side by side; for the organization both are the total.
 */
export function progressToCsv(progress: WaveProgress, organizationName: string): string {
  const mail = { recipients: 0, queued: 0, sent: 0, failed: 0 };
  for (const team of progress.teams) {
    mail.recipients += team.mail.recipients;
    mail.queued += team.mail.queued;
    mail.sent += team.mail.sent;
    mail.failed += team.mail.failed;
  }
  const { total } = progress;
  const rows = [
    columns.join(','),
    [
      '',
      organizationName,
      '',
      '',
      total.responses,
      total.headcount,
      rate(total.rate),
      '',
      total.responses,
      total.headcount,
      rate(total.rate),
      isBelowTarget(total),
      mail.recipients,
      mail.queued,
      mail.sent,
      mail.failed,
    ]
      .map(csvField)
      .join(','),
  ];
  for (const team of progress.teams) {
    rows.push(
      [
        team.teamKey,
        team.teamName,
        team.parentKey ?? '',
        team.depth,
        team.responses,
        team.headcount,
        rate(team.rate),
        team.full,
        team.subtree.responses,
        team.subtree.headcount,
        rate(team.subtree.rate),
        team.belowTarget,
        team.mail.recipients,
        team.mail.queued,
        team.mail.sent,
        team.mail.failed,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

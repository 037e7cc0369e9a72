import { formatNumber, formatPercent } from '../../i18n/format.ts';
import type { ParticipationFigures, WaveProgress } from './wave-types.ts';

/**
 * The share the server flags a subtree below (TARGET_RATE in server/domain/participation/progress.ts).
 * Only the explanation quotes it; which rows are below target is the server's `belowTarget`.
 */
export const TARGET_PERCENT = 60;

/**
 * A response rate as whole percent in the page's language, rounded down like the server's own
 * truncation, so a subtree flagged below target never reads as 60 %, and the same rate reads the
 * same on every page (progress, the organization card, the leaders' table). Going through integer
 * hundred-thousandths keeps 0.29 from becoming 28 % through floating point.
 */
export function percent(rate: number | null, locale: string): string {
  if (rate === null) return '—';
  return formatPercent(locale, Math.floor(Math.round(rate * 100_000) / 1000) / 100);
}

/** "12 / 20", or "12" when nobody said how many people the team has; "1.204 / 2.000" in German. */
export function answersOf(figures: ParticipationFigures, locale: string): string {
  const responses = formatNumber(locale, figures.responses);
  return figures.headcount === null ? responses : `${responses} / ${formatNumber(locale, figures.headcount)}`;
}

/** Mail columns only mean something once a recipient list was uploaded or a message went out. */
export const hasMail = (progress: WaveProgress): boolean =>
  progress.teams.some((team) => team.mail.recipients + team.mail.sent + team.mail.failed > 0);

/** Rows indent with depth up to a point: past it, a phone would show only indentation. */
export const indentOf = (depth: number): string => `${0.5 + Math.min(depth, 8) * 1.1}rem`;

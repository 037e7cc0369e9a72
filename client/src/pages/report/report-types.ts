import type { Report, ReportCell, ReportGroup } from '../../../../shared/contract/reports.ts';

/** The report as the API sends it: derived from the shared contract, never copied (type only). */
export type { Report };
export type Cell = ReportCell;
export type Group = ReportGroup;

/** `change`: the change since the previous wave, for cells both waves showed. */
export type HeatmapView = 'score' | 'favorable' | 'delta' | 'change';

/** Below this, a team's mean hides a split rather than describing a shared view. */
export const LOW_AGREEMENT = 0.5;

/**
 * Why a figure is missing, as precisely as the report says: a group below k, a group hidden so
 * that a smaller one cannot be worked out by subtraction, or one cell of a shown group (too few
 * answered that question or dimension, or the cell protects a smaller one).
 */
export type HiddenReason = 'below-threshold' | 'complementary' | 'cell';

export const hiddenReason = (group: Group): HiddenReason =>
  group.suppressed ? (group.suppressionReason ?? 'below-threshold') : 'cell';

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
 * What is missing: a whole group, or one cell of a shown group. Not why a group is hidden (fewer
 * than k, or protecting a smaller one): that would say on which side of k its n lies, which the
 * report does not publish (R1).
 */
export type HiddenReason = 'group' | 'cell';

export const hiddenReason = (group: Group): HiddenReason => (group.suppressed ? 'group' : 'cell');

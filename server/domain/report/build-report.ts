import { Hierarchy } from '../hierarchy/hierarchy.ts';
import { cronbachAlpha, rankDrivers } from '../scoring/reliability.ts';
import { findHotspots } from './hotspots.ts';
import { reportGroups } from './report-cells.ts';
import { commentGroups } from './report-comments.ts';
import { decideReportSuppression } from './report-suppression.ts';
import type { Report, ReportInput } from './report-types.ts';
import { rollUp } from './roll-up.ts';

export { commentThreshold } from './report-comments.ts';
export type { Group, Hotspot, Report, ReportDimension, ReportInput, ReportTeam } from './report-types.ts';

/**
 * The report of a wave: sums rolled up the hierarchy, suppression decided once over all of it
 * (R1–R3), then every figure made in one pass and never changed afterwards.
 */
export function buildReport(input: ReportInput): Report {
  const { teams, k } = input;
  const hierarchy = Hierarchy.from(teams);
  const sums = rollUp(hierarchy, input.aggregates, input.items, input.dimensions);
  const decisions = decideReportSuppression(hierarchy, input.aggregates, input);
  const { organization, groups } = reportGroups({
    hierarchy,
    teams,
    organizationName: input.organizationName,
    sums,
    decisions,
    dimensions: input.dimensions,
    items: input.items,
    withItems: input.withItems,
    previous: input.previous,
  });
  const comments = commentGroups({
    teams,
    organizationName: input.organizationName,
    sums,
    decisions: decisions.comments,
    seed: input.seed,
  });

  const reliability = Object.fromEntries(
    Object.entries(input.aggregates.organization.reliability).map(([id, sums]) => [id, cronbachAlpha(sums)]),
  );
  // Organization-wide statistics are shown only when the organization itself is shown.
  const drivers = organization.suppressed ? [] : rankDrivers(input.aggregates.organization.drivers);

  return {
    anonymityThreshold: k,
    dimensions: input.dimensions.map(({ id, name, outcome }) => ({ id, name, outcome })),
    organization,
    groups,
    hotspots: findHotspots(groups, input.dimensions, input.hotspotCount ?? 5),
    drivers,
    reliability: organization.suppressed ? {} : reliability,
    comments,
  };
}

import { Hierarchy } from '../hierarchy/hierarchy.ts';
import { cronbachAlpha, rankDrivers } from '../scoring/reliability.ts';
import { findHotspots } from './hotspots.ts';
import { publishedGroup } from './published-figures.ts';
import { type GroupSources, groupMaker, reportGroups } from './report-cells.ts';
import { commentGroups } from './report-comments.ts';
import { decideReportSuppression } from './report-suppression.ts';
import type { Report, ReportInput } from './report-types.ts';
import { rollUp } from './roll-up.ts';

export { commentThreshold } from './report-comments.ts';
export type { Group, Hotspot, Report, ReportDimension, ReportInput, ReportTeam } from './report-types.ts';

/** What every figure of a report is made from: sums rolled up, suppression decided once over all of it (R1–R3). */
function groupSources(input: ReportInput): GroupSources {
  const hierarchy = Hierarchy.from(input.teams);
  return {
    hierarchy,
    teams: input.teams,
    organizationName: input.organizationName,
    sums: rollUp(hierarchy, input.aggregates, input.items, input.dimensions),
    decisions: decideReportSuppression(hierarchy, input.aggregates, input),
    dimensions: input.dimensions,
    items: input.items,
    withItems: input.withItems,
    previous: input.previous,
  };
}

/**
 * The report of a wave: sums rolled up the hierarchy, suppression decided once over all of it
 * (R1–R3), then every figure made in one pass and never changed afterwards.
 */
export function buildReport(input: ReportInput): Report {
  const { k } = input;
  const sources = groupSources(input);
  const { sums, decisions } = sources;
  const { organization, groups } = reportGroups(sources);
  const comments = commentGroups({
    teams: input.teams,
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

/**
 * The figures the report `input` describes would publish (`publishedFigures`), as the JSON text
 * `JSON.stringify` makes of them, worked out one group at a time: a closing wave of 10,000 teams
 * froze them from its whole report with items, some 90 MB of cells held at once for a 20 MB text.
 */
export function publishedFiguresText(input: ReportInput): string {
  const { organization, group } = groupMaker(groupSources(input));
  const groups = input.teams.map((team) => JSON.stringify(publishedGroup(group(team))));
  return `{"organization":${JSON.stringify(publishedGroup(organization))},"groups":[${groups.join(',')}]}`;
}

import { Hierarchy } from '../hierarchy/hierarchy.ts';
import { cronbachAlpha, rankDrivers } from '../scoring/reliability.ts';
import { compactAggregates } from '../scoring/sums-table.ts';
import { HOTSPOTS, type HotspotRanking, hotspotsAmong, rankHotspots } from './hotspots.ts';
import { ITEM_RULE, publishedGroup } from './published-figures.ts';
import { type GroupSources, groupMaker, reportGroups } from './report-cells.ts';
import { commentGroups } from './report-comments.ts';
import { decideReportSuppression } from './report-suppression.ts';
import type { Group, Report, ReportInput } from './report-types.ts';
import { rollUp } from './roll-up.ts';
import { type ReportSlice, sliceReport } from './slice-report.ts';
import { Utf8Writer } from './utf8-writer.ts';

export { commentThreshold } from './report-comments.ts';
export type { Group, Hotspot, Report, ReportDimension, ReportInput, ReportTeam } from './report-types.ts';

/** What every figure of a report is made from: sums rolled up, suppression decided once over all of it (R1–R3). */
function groupSources(input: ReportInput): GroupSources {
  const hierarchy = Hierarchy.from(input.teams);
  const aggregates = compactAggregates(input.aggregates, input.items, input.dimensions);
  return {
    hierarchy,
    teams: input.teams,
    organizationName: input.organizationName,
    sums: rollUp(hierarchy, aggregates),
    decisions: decideReportSuppression(hierarchy, aggregates, input),
    dimensions: input.dimensions,
    items: input.items,
    withItems: input.withItems,
    previous: input.previous,
    changedSincePrevious: new Set(input.changedSincePrevious ?? []),
  };
}

/**
 * The report of a wave: sums rolled up the hierarchy, suppression decided once over all of it
 * (R1–R3), then every figure made in one pass and never changed afterwards.
 */
export function buildReport(input: ReportInput): Report {
  return buildRankedReport(input).report;
}

/**
 * The report with the ranking its hotspots come from, which the hotspots of any part of it are
 * cut from (`sliceReport`, `scopeReport`).
 */
export function buildRankedReport(input: ReportInput): RankedReport {
  const sources = groupSources(input);
  return assemble(input, sources, reportGroups(sources));
}

export interface RankedReport {
  report: Report;
  ranking: HotspotRanking;
}

/** The report around its groups: comments, hotspots, drivers and reliability, from the same sources. */
function assemble(
  input: ReportInput,
  sources: GroupSources,
  { organization, groups }: { organization: Group; groups: Group[] },
): RankedReport {
  const { k } = input;
  const { sums, decisions } = sources;
  const comments = commentGroups({
    teams: input.teams,
    organizationName: input.organizationName,
    sums,
    decisions: decisions.comments,
  });

  const reliability = Object.fromEntries(
    Object.entries(input.aggregates.organization.reliability).map(([id, sums]) => [id, cronbachAlpha(sums)]),
  );
  // Organization-wide statistics are shown only when the organization itself is shown.
  const drivers = organization.suppressed ? [] : rankDrivers(input.aggregates.organization.drivers);

  const ranking = rankHotspots(groups, input.dimensions);
  const report = {
    anonymityThreshold: k,
    dimensions: input.dimensions.map(({ id, name, outcome }) => ({ id, name, outcome })),
    organization,
    groups,
    hotspots: hotspotsAmong(ranking, groups, () => true, HOTSPOTS),
    drivers,
    reliability: organization.suppressed ? {} : reliability,
    comments,
  };
  return { report, ranking };
}

/**
 * What answers the item detail of any part of a report (`itemSlice`): the report without items,
 * and each group with its items made when asked, from the same sums and the same suppression
 * decisions. Clicking a heat-map cell of an organization of 10,000 teams reads one group's items;
 * making all 10,000 with every item for it held some 95 MB of cells, then a copy of them.
 */
export interface ReportBasis {
  /**
   * The report with items as `buildReport` makes it, with each group reduced to its place in the
   * tree, which is all a slice is cut by: every group sent is made again, with its items. At
   * 10,000 teams the groups' figures held some 36 MB for as long as the basis is kept.
   */
  report: Omit<Report, 'organization' | 'groups'> & {
    organization: null;
    groups: { teamKey: string; parentKey: string | null; name: string }[];
  };
  /** A group as the report with items has it; null is the organization's. */
  withItems(teamKey: string | null): Group;
  /** What the hotspots of a slice are cut from. */
  ranking: HotspotRanking;
}

export function reportBasis(input: ReportInput): ReportBasis {
  // The decisions of the report with items, which takes its item cells into account too.
  const sources = groupSources({ ...input, withItems: true });
  const { report: whole, ranking } = assemble(input, sources, reportGroups({ ...sources, withItems: false }));
  const report = {
    ...whole,
    organization: null,
    groups: whole.groups.map(({ teamKey, parentKey, name }) => ({ teamKey: teamKey!, parentKey, name })),
  };
  const detailed = groupMaker(sources);
  const teams = new Map(input.teams.map((team) => [team.key, team]));
  return {
    report,
    ranking,
    withItems: (teamKey) => (teamKey === null ? detailed.organization : detailed.group(teams.get(teamKey)!)),
  };
}

/**
 * Part of the report with items, as `sliceReport` cuts it from the whole report with items, made
 * only for the groups it sends. Hotspots, comments, drivers and reliability never depend on item
 * cells, and every group is made from the decisions taken over the whole report (R3).
 */
export function itemSlice(basis: ReportBasis, slice: ReportSlice): Report | null {
  const cut = sliceReport(basis.report, slice, basis.ranking);
  if (!cut) return null;
  return {
    ...cut,
    organization: basis.withItems(null),
    groups: cut.groups.map((group) => basis.withItems(group.teamKey)),
  };
}

/**
 * The figures the report `input` describes would publish (`publishedFigures`), as the JSON text
 * `JSON.stringify` makes of them, in UTF-8, worked out and written one group at a time: a closing
 * wave of 10,000 teams froze them from its whole report with items, some 90 MB of cells held at
 * once for a 20 MB text, and then a string per group and the text they were joined into. Bytes
 * can cross to another thread without a copy.
 */
export function publishedFiguresBytes(input: ReportInput): Uint8Array {
  const { organization, group } = groupMaker(groupSources(input));
  const out = new Utf8Writer();
  out.write(`{"organization":${JSON.stringify(publishedGroup(organization))},"groups":[`);
  input.teams.forEach((team, i) => {
    out.write(`${i > 0 ? ',' : ''}${JSON.stringify(publishedGroup(group(team)))}`);
  });
  out.write(`],"itemRule":${ITEM_RULE}}`);
  return out.bytes();
}

/** `publishedFiguresBytes` as a string. */
export const publishedFiguresText = (input: ReportInput): string =>
  new TextDecoder().decode(publishedFiguresBytes(input));

import {
  addMoments,
  emptyMoments,
  type Moments,
  type ScoredItem,
  type TeamAggregates,
  type WaveAggregates,
} from '../scoring/aggregates.ts';
import {
  type Cell,
  compareTrend,
  computeCell,
  rwgScale,
  rwgSingle,
  sampleVariance,
} from '../scoring/cells.ts';
import { cronbachAlpha, type Driver, rankDrivers } from '../scoring/reliability.ts';
import { decideSuppression, ORGANIZATION, type SuppressionReason } from '../suppression/suppress.ts';
import type { PublishedFigures } from './published-figures.ts';
import { seededShuffle } from './shuffle.ts';

export interface ReportTeam {
  key: string;
  name: string;
  parentKey: string | null;
}

export interface ReportDimension {
  id: string;
  name: string;
  outcome: boolean;
  recommendations: string[];
}

export interface Group {
  /** null for the organization as a whole. */
  teamKey: string | null;
  name: string;
  parentKey: string | null;
  depth: number;
  suppressed: boolean;
  suppressionReason?: SuppressionReason;
  /** Respondents; null when suppressed (R1: not even n is published). */
  n: number | null;
  trustIndex: number | null;
  dimensions: Record<string, Cell | null>;
  items?: Record<string, Cell | null>;
}

export interface Hotspot {
  teamKey: string;
  teamName: string;
  dimension: string;
  score: number;
  delta: number;
  recommendations: string[];
}

export interface Report {
  anonymityThreshold: number;
  dimensions: { id: string; name: string; outcome: boolean }[];
  organization: Group;
  groups: Group[];
  hotspots: Hotspot[];
  drivers: Driver[];
  reliability: Record<string, { alpha: number | null; n: number }>;
  /** Open answers, only for groups large enough under R5, shuffled, without dates. */
  comments: { teamKey: string | null; name: string; comments: string[] }[];
}

export interface ReportInput {
  organizationName: string;
  /** Teams in depth-first order. */
  teams: ReportTeam[];
  aggregates: WaveAggregates;
  dimensions: ReportDimension[];
  items: ScoredItem[];
  k: number;
  withItems: boolean;
  /** The previous closed wave's figures (or report), for trends matched by team key and id. */
  previous?: PublishedFigures | null;
  /** A stable per-wave seed for shuffling comments. */
  seed: string;
  hotspotCount?: number;
}

export const commentThreshold = (k: number) => Math.max(10, 2 * k);

const emptyTeam = (): TeamAggregates => ({ respondents: 0, items: {}, dimensions: {}, comments: [] });

export function buildReport(input: ReportInput): Report {
  const { teams, k } = input;
  const childrenOf = new Map<string, string[]>([[ORGANIZATION, []]]);
  for (const team of teams) childrenOf.set(team.key, []);
  for (const team of teams) childrenOf.get(team.parentKey ?? ORGANIZATION)!.push(team.key);
  const direct = (key: string) => input.aggregates.teams[key] ?? emptyTeam();

  // Roll up: a group's sums are its own responses' plus its descendants'.
  const rolled = new Map<string, TeamAggregates>();
  const rollUp = (key: string): TeamAggregates => {
    const known = rolled.get(key);
    if (known) return known;
    const own = key === ORGANIZATION ? emptyTeam() : direct(key);
    const children = childrenOf.get(key) ?? [];
    if (children.length === 0 && key !== ORGANIZATION) {
      // A team without children: its sums are its own, read but never changed, so not copied.
      const leaf: TeamAggregates = {
        respondents: own.respondents,
        items: Object.fromEntries(input.items.map((item) => [item.id, own.items[item.id] ?? NO_ANSWERS])),
        dimensions: Object.fromEntries(
          input.dimensions.map((d) => [d.id, own.dimensions[d.id] ?? NO_ANSWERS]),
        ),
        comments: own.comments,
      };
      rolled.set(key, leaf);
      return leaf;
    }
    const sum: TeamAggregates = {
      respondents: own.respondents,
      items: Object.fromEntries(input.items.map((item) => [item.id, copyMoments(own.items[item.id])])),
      dimensions: Object.fromEntries(input.dimensions.map((d) => [d.id, copyMoments(own.dimensions[d.id])])),
      comments: [...own.comments],
    };
    for (const child of children) {
      const c = rollUp(child);
      sum.respondents += c.respondents;
      for (const item of input.items) addMoments(sum.items[item.id]!, c.items[item.id]!);
      for (const d of input.dimensions) addMoments(sum.dimensions[d.id]!, c.dimensions[d.id]!);
      sum.comments.push(...c.comments);
    }
    rolled.set(key, sum);
    return sum;
  };
  const groupKeys = [ORGANIZATION, ...teams.map((t) => t.key)];
  for (const key of groupKeys) rollUp(key);

  // R1–R3: decided once over the whole tree, per kind of count.
  const directCounts = (pick: (t: TeamAggregates) => number) =>
    new Map(teams.map((t) => [t.key, pick(direct(t.key))]));
  const groupDecisions = decideSuppression(
    teams,
    directCounts((t) => t.respondents),
    k,
  );
  const suppressedGroups = new Set([...groupDecisions].filter(([, d]) => d.suppressed).map(([key]) => key));
  const dimensionDecisions = new Map(
    input.dimensions.map((d) => [
      d.id,
      decideSuppression(
        teams,
        directCounts((t) => t.dimensions[d.id]?.n ?? 0),
        k,
        suppressedGroups,
      ),
    ]),
  );
  const itemDecisions = input.withItems
    ? new Map(
        input.items.map((item) => [
          item.id,
          decideSuppression(
            teams,
            directCounts((t) => t.items[item.id]?.n ?? 0),
            k,
            suppressedGroups,
          ),
        ]),
      )
    : new Map();

  const itemsOf = new Map(
    input.dimensions.map((d) => [d.id, input.items.filter((item) => item.dimension === d.id)]),
  );
  const dimensionCell = (key: string, dimension: string): Cell | null => {
    if (dimensionDecisions.get(dimension)!.get(key)!.suppressed) return null;
    const sums = rollUp(key);
    const variances = (itemsOf.get(dimension) ?? [])
      .map((item) => sampleVariance(sums.items[item.id]!))
      .filter((v): v is number => v !== null);
    return computeCell(sums.dimensions[dimension]!, rwgScale(variances));
  };
  const itemCell = (key: string, item: string): Cell | null => {
    if (itemDecisions.get(item)!.get(key)!.suppressed) return null;
    const moments = rollUp(key).items[item]!;
    return computeCell(moments, rwgSingle(sampleVariance(moments)));
  };

  const trust = input.dimensions.filter((d) => !d.outcome);
  const depthOf = new Map<string, number>();
  for (const team of teams)
    depthOf.set(team.key, team.parentKey === null ? 0 : (depthOf.get(team.parentKey) ?? 0) + 1);

  const teamByKey = new Map(teams.map((t) => [t.key, t]));
  const makeGroup = (key: string): Group => {
    const team = teamByKey.get(key);
    const decision = groupDecisions.get(key)!;
    const dimensions = Object.fromEntries(
      input.dimensions.map((d) => [d.id, decision.suppressed ? null : dimensionCell(key, d.id)]),
    );
    const trustScores = trust.map((d) => dimensions[d.id]?.score);
    const trustIndex =
      trustScores.length > 0 && trustScores.every((s) => s !== undefined)
        ? Math.round(((trustScores as number[]).reduce((a, b) => a + b, 0) / trustScores.length) * 10) / 10
        : null;
    return {
      teamKey: key === ORGANIZATION ? null : key,
      name: team?.name ?? input.organizationName,
      parentKey: team?.parentKey ?? null,
      depth: key === ORGANIZATION ? 0 : depthOf.get(key)!,
      suppressed: decision.suppressed,
      ...(decision.reason ? { suppressionReason: decision.reason } : {}),
      n: decision.suppressed ? null : rollUp(key).respondents,
      trustIndex,
      dimensions,
      ...(input.withItems
        ? {
            items: Object.fromEntries(
              input.items.map((item) => [item.id, decision.suppressed ? null : itemCell(key, item.id)]),
            ),
          }
        : {}),
    };
  };

  const organization = makeGroup(ORGANIZATION);
  const groups = teams.map((t) => makeGroup(t.key));

  // Deltas against the organization, and trends against the previous wave, for shown cells only.
  const previousGroups = new Map(
    (input.previous ? [input.previous.organization, ...input.previous.groups] : []).map((g) => [
      g.teamKey,
      g,
    ]),
  );
  for (const group of [organization, ...groups]) {
    const before = previousGroups.get(group.teamKey);
    for (const [id, cell] of Object.entries(group.dimensions)) {
      if (!cell) continue;
      const org = organization.dimensions[id];
      cell.delta = org ? Math.round((cell.score - org.score) * 10) / 10 : null;
      const previousCell = before?.dimensions[id];
      if (previousCell) cell.trend = compareTrend(cell, previousCell);
    }
    for (const [id, cell] of Object.entries(group.items ?? {})) {
      if (!cell) continue;
      const org = organization.items?.[id];
      cell.delta = org ? Math.round((cell.score - org.score) * 10) / 10 : null;
      const previousCell = before?.items?.[id];
      if (previousCell) cell.trend = compareTrend(cell, previousCell);
    }
  }

  const recommendationsOf = new Map(input.dimensions.map((d) => [d.id, d.recommendations]));
  const hotspots: Hotspot[] = groups
    .flatMap((group) =>
      Object.entries(group.dimensions)
        .filter(([, cell]) => cell !== null && cell.delta !== null && cell.delta < 0)
        .map(([dimension, cell]) => ({
          teamKey: group.teamKey!,
          teamName: group.name,
          dimension,
          score: cell!.score,
          delta: cell!.delta!,
          recommendations: recommendationsOf.get(dimension) ?? [],
        })),
    )
    .sort(
      (a, b) =>
        a.delta - b.delta || a.teamKey.localeCompare(b.teamKey) || a.dimension.localeCompare(b.dimension),
    )
    .slice(0, input.hotspotCount ?? 5);

  // R5: comments only for groups of at least max(10, 2k), decided with the same complementary
  // rule at that threshold so no small set of comments can be isolated by subtraction.
  const commentDecisions = decideSuppression(
    teams,
    directCounts((t) => t.respondents),
    commentThreshold(k),
  );
  const comments = groupKeys
    .filter((key) => !commentDecisions.get(key)!.suppressed && rollUp(key).comments.length > 0)
    .map((key) => ({
      teamKey: key === ORGANIZATION ? null : key,
      name: key === ORGANIZATION ? input.organizationName : teamByKey.get(key)!.name,
      comments: seededShuffle(rollUp(key).comments, `${input.seed}:${key}`),
    }));

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
    hotspots,
    drivers,
    reliability: organization.suppressed ? {} : reliability,
    comments,
  };
}

/** The sums of no answers, shared by every leaf that has none for an item or dimension. */
const NO_ANSWERS: Moments = Object.freeze({
  n: 0,
  sum: 0,
  sumSq: 0,
  counts: Object.freeze([0, 0, 0, 0, 0]) as unknown as Moments['counts'],
});

function copyMoments(m: Moments | undefined): Moments {
  if (!m) return emptyMoments();
  const [a, b, c, d, e] = m.counts;
  return { n: m.n, sum: m.sum, sumSq: m.sumSq, counts: [a, b, c, d, e] };
}

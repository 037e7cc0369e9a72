import {
  emptyMoments,
  type OrganizationSums,
  type ScoredDimension,
  type ScoredItem,
  type TeamAggregates,
  type WaveAggregates,
} from './aggregates.ts';

/**
 * A wave's sums as the database groups them (see `sumWave` in `server/db/wave-aggregates.ts`),
 * in integers only: keyed answers are whole numbers 1 to 5, and a respondent's dimension score is
 * their total over the items they answered divided by how many they answered. Grouping by that
 * count keeps every sum an integer, so the database adds exactly and the division happens here,
 * once per group: Σ score = Σ over a of (Σ total) / a.
 */
export interface WaveGroups {
  /** Responses per team, answered or not. */
  respondents: { teamKey: string; n: number }[];
  /** Open answers per team, in response-id order (random, so no order leaks; R5 shuffles them). */
  comments: { teamKey: string; comments: string[] }[];
  /** Per team × item: keyed answers. */
  items: { teamKey: string; item: string; n: number; sum: number; sumSq: number; counts: number[] }[];
  /** Per team × dimension: every keyed answer given in it, for favourability. */
  dimensionCounts: { teamKey: string; dimension: string; counts: number[] }[];
  /** Per team × dimension × items answered, over respondents with a score: their totals. */
  dimensionScores: {
    teamKey: string;
    dimension: string;
    answered: number;
    n: number;
    total: number;
    totalSq: number;
  }[];
  /** Per dimension, over respondents who answered all its items: their totals and item sums. */
  reliability: { dimension: string; n: number; totalSum: number; totalSumSq: number }[];
  reliabilityItems: { dimension: string; item: string; sum: number; sumSq: number }[];
  /** Per trust dimension × its items answered × the outcome's items answered: paired totals. */
  drivers: {
    dimension: string;
    answeredX: number;
    answeredY: number;
    n: number;
    tx: number;
    ty: number;
    txy: number;
    txx: number;
    tyy: number;
  }[];
}

const asCounts = (counts: number[]): [number, number, number, number, number] => [
  counts[0] ?? 0,
  counts[1] ?? 0,
  counts[2] ?? 0,
  counts[3] ?? 0,
  counts[4] ?? 0,
];

/** The same `WaveAggregates` the accumulator builds from responses, from grouped integer sums. */
export function aggregatesFromGroups(
  items: readonly ScoredItem[],
  dimensions: readonly ScoredDimension[],
  groups: WaveGroups,
): WaveAggregates {
  const teams: Record<string, TeamAggregates> = {};
  const team = (key: string): TeamAggregates => {
    teams[key] ??= {
      respondents: 0,
      items: Object.fromEntries(items.map((item) => [item.id, emptyMoments()])),
      dimensions: Object.fromEntries(dimensions.map((d) => [d.id, emptyMoments()])),
      comments: [],
    };
    return teams[key];
  };
  for (const row of groups.respondents) team(row.teamKey).respondents = row.n;
  for (const row of groups.comments) team(row.teamKey).comments = row.comments;
  for (const row of groups.items) {
    const target = team(row.teamKey).items[row.item];
    if (!target) continue;
    Object.assign(target, { n: row.n, sum: row.sum, sumSq: row.sumSq, counts: asCounts(row.counts) });
  }
  for (const row of groups.dimensionCounts) {
    const target = team(row.teamKey).dimensions[row.dimension];
    if (target) target.counts = asCounts(row.counts);
  }
  for (const row of groups.dimensionScores) {
    const target = team(row.teamKey).dimensions[row.dimension];
    if (!target) continue;
    target.n += row.n;
    target.sum += row.total / row.answered;
    target.sumSq += row.totalSq / (row.answered * row.answered);
  }

  const outcome = dimensions.find((d) => d.outcome)?.id ?? null;
  const organization: OrganizationSums = { reliability: {}, drivers: {} };
  for (const d of dimensions) {
    organization.reliability[d.id] = {
      n: 0,
      items: Object.fromEntries(
        items.filter((item) => item.dimension === d.id).map((item) => [item.id, { sum: 0, sumSq: 0 }]),
      ),
      totalSum: 0,
      totalSumSq: 0,
    };
    if (!d.outcome && outcome) organization.drivers[d.id] = { n: 0, sx: 0, sy: 0, sxy: 0, sxx: 0, syy: 0 };
  }
  for (const row of groups.reliability) {
    const target = organization.reliability[row.dimension];
    if (target) Object.assign(target, { n: row.n, totalSum: row.totalSum, totalSumSq: row.totalSumSq });
  }
  for (const row of groups.reliabilityItems) {
    const target = organization.reliability[row.dimension]?.items[row.item];
    if (target) Object.assign(target, { sum: row.sum, sumSq: row.sumSq });
  }
  for (const row of groups.drivers) {
    const target = organization.drivers[row.dimension];
    if (!target) continue;
    const { answeredX: ax, answeredY: ay } = row;
    target.n += row.n;
    target.sx += row.tx / ax;
    target.sy += row.ty / ay;
    target.sxy += row.txy / (ax * ay);
    target.sxx += row.txx / (ax * ax);
    target.syy += row.tyy / (ay * ay);
  }
  return { teams, organization };
}

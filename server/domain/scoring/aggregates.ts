/**
 * Everything a report needs, as sums that add up across teams: a team's figures are its
 * own responses' sums, a group's are the sums of its teams, so rolling up is addition and a
 * report costs the same at 100 or 100,000 responses once these are computed.
 */

/** Moments of a set of values, plus how many of them were 1, 2, 3, 4 and 5 (keyed). */
export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
  /** counts[0] is how many keyed values were 1, … counts[4] how many were 5. */
  counts: [number, number, number, number, number];
}

export interface TeamAggregates {
  /** Responses attached directly to this team (not its descendants). */
  respondents: number;
  /** Per item: its keyed answers. */
  items: Record<string, Moments>;
  /**
   * Per dimension: n, sum and sumSq of respondent dimension scores (respondents who answered at
   * least half its items), and counts of all keyed answers in the dimension (for favourability).
   */
  dimensions: Record<string, Moments>;
  /**
   * Per dimension: respondents who answered some of its items but not all. Their dimension scores
   * weigh their answers otherwise than the item cells do, so a dimension cell beside every item cell
   * of its dimension reveals a sum over them alone (`decideReportSuppression`). Absent from the
   * aggregates a snapshot kept as objects (closes before 2026-11-26, `FrozenSums`).
   */
  incomplete?: Record<string, number>;
  /**
   * Per dimension: respondents who answered every one of its items. With `incomplete`, what decides
   * where a dimension's item cells may stand beside its cell; absent where `incomplete` is.
   */
  complete?: Record<string, number>;
  /** The open answers given through this team's link, to be shown only under R5. */
  comments: string[];
}

/** Organization-wide sums that are not per team: reliability and drivers. */
export interface OrganizationSums {
  /** Per dimension, over respondents who answered every item of it (Cronbach's alpha). */
  reliability: Record<
    string,
    { n: number; items: Record<string, { sum: number; sumSq: number }>; totalSum: number; totalSumSq: number }
  >;
  /** Per trust dimension, paired with the outcome dimension over respondents who have both scores. */
  drivers: Record<string, { n: number; sx: number; sy: number; sxy: number; sxx: number; syy: number }>;
}

export interface WaveAggregates {
  teams: Record<string, TeamAggregates>;
  organization: OrganizationSums;
}

export interface ScoredItem {
  id: string;
  dimension: string;
  reverse: boolean;
}

export interface ScoredDimension {
  id: string;
  outcome: boolean;
}

export interface RawResponse {
  teamKey: string;
  answers: Record<string, number | null>;
  comment: string | null;
}

export const emptyMoments = (): Moments => ({ n: 0, sum: 0, sumSq: 0, counts: [0, 0, 0, 0, 0] });

export function addValue(target: Moments, value: number, countedValue = value): void {
  target.n += 1;
  target.sum += value;
  target.sumSq += value * value;
  target.counts[Math.round(countedValue) - 1]! += 1;
}

export function addMoments(target: Moments, source: Moments): void {
  target.n += source.n;
  target.sum += source.sum;
  target.sumSq += source.sumSq;
  for (let i = 0; i < 5; i++) target.counts[i]! += source.counts[i]!;
}

export const keyed = (item: ScoredItem, answer: number) => (item.reverse ? 6 - answer : answer);

/** A team's sums before any response: both ways of summing a wave start from this. */
export function emptyTeamAggregates(items: ScoredItem[], dimensions: ScoredDimension[]): TeamAggregates {
  return {
    respondents: 0,
    items: Object.fromEntries(items.map((item) => [item.id, emptyMoments()])),
    dimensions: Object.fromEntries(dimensions.map((d) => [d.id, emptyMoments()])),
    incomplete: Object.fromEntries(dimensions.map((d) => [d.id, 0])),
    complete: Object.fromEntries(dimensions.map((d) => [d.id, 0])),
    comments: [],
  };
}

/** The organization's reliability and driver sums before any response. */
export function emptyOrganizationSums(items: ScoredItem[], dimensions: ScoredDimension[]): OrganizationSums {
  const outcome = dimensions.some((d) => d.outcome);
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
  return organization;
}

/**
 * A wave's sums as they fill, the same for both ways of summing it: its teams, each created on first
 * use, the organization's sums, each dimension's items, and the outcome dimension.
 */
export function startWaveSums(items: ScoredItem[], dimensions: ScoredDimension[]) {
  const teams: Record<string, TeamAggregates> = {};
  return {
    teams,
    organization: emptyOrganizationSums(items, dimensions),
    itemsOf: new Map(dimensions.map((d) => [d.id, items.filter((item) => item.dimension === d.id)])),
    outcome: dimensions.find((d) => d.outcome)?.id ?? null,
    team(key: string): TeamAggregates {
      teams[key] ??= emptyTeamAggregates(items, dimensions);
      return teams[key];
    },
  };
}

/**
 * Builds the aggregates from responses, one at a time: the rules in their plainest form. A closing
 * wave is summed by the database instead (`aggregatesFromSums` in `wave-sums.ts`); this stays as
 * the reference those sums are tested against, and as the way tests build aggregates by hand.
 */
export function createAccumulator(items: ScoredItem[], dimensions: ScoredDimension[]) {
  const { teams, organization, itemsOf, outcome, team } = startWaveSums(items, dimensions);

  function add(response: RawResponse): void {
    const target = team(response.teamKey);
    target.respondents += 1;
    if (response.comment) target.comments.push(response.comment);
    const scores: Record<string, number> = {};
    for (const d of dimensions) {
      const dimensionItems = itemsOf.get(d.id) ?? [];
      let answered = 0;
      let total = 0;
      for (const item of dimensionItems) {
        const answer = response.answers[item.id];
        if (typeof answer !== 'number') continue;
        const value = keyed(item, answer);
        addValue(target.items[item.id]!, value);
        answered += 1;
        total += value;
      }
      if (answered === 0) continue;
      if (answered < dimensionItems.length) target.incomplete![d.id]! += 1;
      else target.complete![d.id]! += 1;
      // Favourability counts every keyed answer; the dimension score needs half the items answered.
      const cell = target.dimensions[d.id]!;
      for (const item of dimensionItems) {
        const answer = response.answers[item.id];
        if (typeof answer === 'number') cell.counts[keyed(item, answer) - 1]! += 1;
      }
      if (answered >= Math.ceil(dimensionItems.length / 2)) {
        const score = total / answered;
        scores[d.id] = score;
        cell.n += 1;
        cell.sum += score;
        cell.sumSq += score * score;
      }
      if (answered === dimensionItems.length) {
        const reliability = organization.reliability[d.id]!;
        reliability.n += 1;
        reliability.totalSum += total;
        reliability.totalSumSq += total * total;
        for (const item of dimensionItems) {
          const value = keyed(item, response.answers[item.id] as number);
          reliability.items[item.id]!.sum += value;
          reliability.items[item.id]!.sumSq += value * value;
        }
      }
    }
    if (outcome && scores[outcome] !== undefined) {
      const y = scores[outcome];
      for (const [dimension, sums] of Object.entries(organization.drivers)) {
        const x = scores[dimension];
        if (x === undefined) continue;
        sums.n += 1;
        sums.sx += x;
        sums.sy += y;
        sums.sxy += x * y;
        sums.sxx += x * x;
        sums.syy += y * y;
      }
    }
  }

  return { add, result: (): WaveAggregates => ({ teams, organization }) };
}

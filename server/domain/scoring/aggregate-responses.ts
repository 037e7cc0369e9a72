import type {
  OrganizationAggregates,
  ScoredDimension,
  ScoredItem,
  TeamAggregates,
  WaveAggregates,
} from './aggregate-types.ts';
import { isAnswer, keyedValue } from './keyed-value.ts';
import { addValue, emptyMoments } from './moments.ts';

/**
 * The meaning of every aggregate, computed from raw responses. It is the reference the SQL
 * must match (the tests compare them) and serves wherever responses are streamed one by one.
 */

export interface ResponseAnswers {
  teamKey: string;
  /** Per item id: 1–5, or null/missing when skipped. */
  answers: Readonly<Record<string, number | null | undefined>>;
}

export function emptyTeamAggregates(items: readonly ScoredItem[], dimensions: readonly ScoredDimension[]) {
  const team: TeamAggregates = {
    respondents: 0,
    items: Object.fromEntries(items.map((item) => [item.id, emptyMoments()])),
    dimensions: Object.fromEntries(dimensions.map((d) => [d.id, emptyMoments()])),
  };
  return team;
}

export function emptyOrganizationAggregates(
  items: readonly ScoredItem[],
  dimensions: readonly ScoredDimension[],
): OrganizationAggregates {
  const outcome = dimensions.find((d) => d.outcome);
  return {
    reliability: Object.fromEntries(
      dimensions.map((d) => [
        d.id,
        {
          n: 0,
          items: Object.fromEntries(
            items.filter((item) => item.dimension === d.id).map((item) => [item.id, { sum: 0, sumSq: 0 }]),
          ),
          totalSum: 0,
          totalSumSq: 0,
        },
      ]),
    ),
    drivers: outcome
      ? Object.fromEntries(
          dimensions
            .filter((d) => !d.outcome)
            .map((d) => [d.id, { n: 0, sx: 0, sy: 0, sxy: 0, sxx: 0, syy: 0 }]),
        )
      : {},
  };
}

/** Half the items, rounded up: fewer answers than this give no dimension score. */
export const minimumAnswered = (itemCount: number): number => Math.ceil(itemCount / 2);

export function createAccumulator(items: readonly ScoredItem[], dimensions: readonly ScoredDimension[]) {
  const teams: Record<string, TeamAggregates> = {};
  const organization = emptyOrganizationAggregates(items, dimensions);
  const outcome = dimensions.find((d) => d.outcome)?.id ?? null;
  const itemsOf = new Map(dimensions.map((d) => [d.id, items.filter((item) => item.dimension === d.id)]));

  function add(response: ResponseAnswers): void {
    let team = teams[response.teamKey];
    if (!team) {
      team = emptyTeamAggregates(items, dimensions);
      teams[response.teamKey] = team;
    }
    team.respondents += 1;
    const scores = new Map<string, number>();
    for (const dimension of dimensions) {
      const dimensionItems = itemsOf.get(dimension.id)!;
      const cell = team.dimensions[dimension.id]!;
      let answered = 0;
      let total = 0;
      for (const item of dimensionItems) {
        const answer = response.answers[item.id];
        if (!isAnswer(answer)) continue;
        const value = keyedValue(item, answer);
        addValue(team.items[item.id]!, value);
        // Favourability counts every keyed answer, scored respondent or not.
        cell.counts[value - 1]! += 1;
        answered += 1;
        total += value;
      }
      if (answered > 0 && answered >= minimumAnswered(dimensionItems.length)) {
        const score = total / answered;
        scores.set(dimension.id, score);
        cell.n += 1;
        cell.sum += score;
        cell.sumSq += score * score;
      }
      if (answered > 0 && answered === dimensionItems.length) {
        const reliability = organization.reliability[dimension.id]!;
        reliability.n += 1;
        reliability.totalSum += total;
        reliability.totalSumSq += total * total;
        for (const item of dimensionItems) {
          const value = keyedValue(item, response.answers[item.id] as number);
          reliability.items[item.id]!.sum += value;
          reliability.items[item.id]!.sumSq += value * value;
        }
      }
    }
    const y = outcome === null ? undefined : scores.get(outcome);
    if (y === undefined) return;
    for (const [dimension, sums] of Object.entries(organization.drivers)) {
      const x = scores.get(dimension);
      if (x === undefined) continue;
      sums.n += 1;
      sums.sx += x;
      sums.sy += y;
      sums.sxy += x * y;
      sums.sxx += x * x;
      sums.syy += y * y;
    }
  }

  return { add, result: (): WaveAggregates => ({ teams, organization }) };
}

export function aggregateResponses(
  responses: Iterable<ResponseAnswers>,
  items: readonly ScoredItem[],
  dimensions: readonly ScoredDimension[],
): WaveAggregates {
  const accumulator = createAccumulator(items, dimensions);
  for (const response of responses) accumulator.add(response);
  return accumulator.result();
}

import {
  type Moments,
  type ScoredDimension,
  type ScoredItem,
  startWaveSums,
  type WaveAggregates,
} from './aggregates.ts';

/**
 * A wave's answers as the database sums them when the wave closes (`server/db/wave-aggregates.ts`):
 * integers only, so the order the rows were read in cannot change them.
 *
 * A respondent's dimension score is total ÷ answered, where total is the sum of their keyed
 * answers to the dimension's items and answered how many of them they answered. Summing per number
 * answered keeps the divisor the same within a sum, so Σ score = Σ total ÷ answered and
 * Σ score² = Σ total² ÷ answered²: the database adds integers and the domain divides once per sum,
 * which is closer to exact than adding 100,000 rounded scores one at a time.
 */
export interface WaveSums {
  /**
   * A team may come in several parts; they add up. Meant to be read once, in order: from the
   * database's document, each part is decoded as it is read (`sumsFromDocument`, again on each
   * reading), since all of them at once, at 10,000 teams, were some 95 MB of objects that lived
   * only to be added up.
   */
  teams: Iterable<TeamSums>;
  scores: ScoreSums[];
  pairs: PairSums[];
}

export interface TeamSums {
  teamKey: string;
  respondents: number;
  /** Per item id: how many keyed answers were 1, 2, 3, 4 and 5. */
  counts: Record<string, number[]>;
  /** The same, from respondents who answered every item of the item's dimension (reliability). */
  completeCounts: Record<string, number[]>;
}

/** The respondents of a team who answered `answered` (≥ 1) of a dimension's items. */
export interface ScoreSums {
  teamKey: string;
  dimension: string;
  answered: number;
  respondents: number;
  /** Σ of their totals, and of their totals squared. */
  total: number;
  totalSq: number;
}

/**
 * The respondents of the whole wave who answered `answered` (≥ 1) of a trust dimension's items and
 * `outcomeAnswered` (≥ 1) of the outcome dimension's: Σ of their totals in each, of the products
 * of the two, and of the squares.
 */
export interface PairSums {
  dimension: string;
  answered: number;
  outcomeAnswered: number;
  respondents: number;
  total: number;
  outcomeTotal: number;
  product: number;
  totalSq: number;
  outcomeTotalSq: number;
}

const addCounts = (target: number[], counts: readonly number[]) => {
  for (let k = 0; k < 5; k++) target[k]! += counts[k] ?? 0;
};

const fillMoments = (moments: Moments) => {
  moments.counts.forEach((count, k) => {
    moments.n += count;
    moments.sum += (k + 1) * count;
    moments.sumSq += (k + 1) * (k + 1) * count;
  });
};

/**
 * The aggregates `createAccumulator` builds one response at a time, built from the wave's sums
 * instead, by the same rules: a dimension score needs ⌈m/2⌉ of its m items answered, favourability
 * counts every keyed answer, reliability takes respondents who answered all m items, and drivers
 * pair each trust dimension with the first outcome dimension over respondents with both scores.
 * The divisions run in a fixed order (fewest answered first), whatever order the sums came in.
 * `comments` keeps its order.
 */
export function aggregatesFromSums(
  items: ScoredItem[],
  dimensions: ScoredDimension[],
  sums: WaveSums,
  comments: Iterable<{ teamKey: string; comment: string }>,
): WaveAggregates {
  const { teams, organization, itemsOf, outcome, team } = startWaveSums(items, dimensions);
  const required = new Map(dimensions.map((d) => [d.id, Math.ceil(itemsOf.get(d.id)!.length / 2)]));

  for (const sum of sums.teams) {
    const target = team(sum.teamKey);
    target.respondents += sum.respondents;
    for (const d of dimensions) {
      for (const item of itemsOf.get(d.id)!) {
        const counts = sum.counts[item.id];
        if (counts) {
          addCounts(target.items[item.id]!.counts, counts);
          addCounts(target.dimensions[d.id]!.counts, counts);
        }
        const complete = sum.completeCounts[item.id];
        const reliability = organization.reliability[d.id]!.items[item.id]!;
        complete?.forEach((count, k) => {
          reliability.sum += (k + 1) * count;
          reliability.sumSq += (k + 1) * (k + 1) * count;
        });
      }
    }
  }
  for (const target of Object.values(teams)) Object.values(target.items).forEach(fillMoments);

  // Integer parts first, then one division each, fewest answered first.
  const scores = new Map<string, ScoreSums>();
  for (const sum of sums.scores) {
    const key = `${sum.teamKey}\n${sum.dimension}\n${sum.answered}`;
    const merged = scores.get(key);
    if (!merged) scores.set(key, { ...sum });
    else {
      merged.respondents += sum.respondents;
      merged.total += sum.total;
      merged.totalSq += sum.totalSq;
    }
  }
  for (const sum of [...scores.values()].sort((a, b) => a.answered - b.answered)) {
    const m = itemsOf.get(sum.dimension)?.length;
    if (m === undefined || sum.answered < 1 || sum.answered < required.get(sum.dimension)!) continue;
    const cell = team(sum.teamKey).dimensions[sum.dimension]!;
    cell.n += sum.respondents;
    cell.sum += sum.total / sum.answered;
    cell.sumSq += sum.totalSq / (sum.answered * sum.answered);
    if (sum.answered === m) {
      const reliability = organization.reliability[sum.dimension]!;
      reliability.n += sum.respondents;
      reliability.totalSum += sum.total;
      reliability.totalSumSq += sum.totalSq;
    }
  }

  const pairs = [...sums.pairs].sort(
    (a, b) =>
      a.answered - b.answered ||
      a.outcomeAnswered - b.outcomeAnswered ||
      a.dimension.localeCompare(b.dimension),
  );
  for (const pair of pairs) {
    const drivers = organization.drivers[pair.dimension];
    if (!drivers || !outcome) continue;
    if (pair.answered < 1 || pair.answered < required.get(pair.dimension)!) continue;
    if (pair.outcomeAnswered < 1 || pair.outcomeAnswered < required.get(outcome)!) continue;
    const { answered: a, outcomeAnswered: b } = pair;
    drivers.n += pair.respondents;
    drivers.sx += pair.total / a;
    drivers.sy += pair.outcomeTotal / b;
    drivers.sxy += pair.product / (a * b);
    drivers.sxx += pair.totalSq / (a * a);
    drivers.syy += pair.outcomeTotalSq / (b * b);
  }

  for (const { teamKey, comment } of comments) team(teamKey).comments.push(comment);
  return { teams, organization };
}

import type { Hierarchy } from '../hierarchy/hierarchy.ts';
import { ORGANIZATION } from '../hierarchy/hierarchy.ts';
import {
  addMoments,
  emptyMoments,
  type Moments,
  type ScoredItem,
  type TeamAggregates,
  type WaveAggregates,
} from '../scoring/aggregates.ts';

/** Every group's sums: a group's are its own responses' plus all of its descendants'. */
export type RolledUp = ReadonlyMap<string, TeamAggregates>;

const emptyTeam = (): TeamAggregates => ({ respondents: 0, items: {}, dimensions: {}, comments: [] });

/** The sums of a team's own responses (none for the organization, which has no link of its own). */
export const directSums = (aggregates: WaveAggregates, key: string): TeamAggregates =>
  (key === ORGANIZATION ? undefined : aggregates.teams[key]) ?? emptyTeam();

/**
 * Adds every group's sums into its parent's, bottom up, so each group is complete before its
 * parent reads it and no call stack grows with the depth of the hierarchy. Children are added in
 * the order the teams were given, which fixes the order of a group's comments before they are
 * shuffled and of its floating-point sums.
 */
export function rollUp(
  hierarchy: Hierarchy,
  aggregates: WaveAggregates,
  items: readonly ScoredItem[],
  dimensions: readonly { id: string }[],
): RolledUp {
  const rolled = new Map<string, TeamAggregates>();
  for (const key of hierarchy.bottomUp()) {
    const own = directSums(aggregates, key);
    const children = hierarchy.childrenInGivenOrder(key);
    if (children.length === 0 && key !== ORGANIZATION) {
      // A team without children: its sums are its own, read but never changed, so not copied.
      rolled.set(key, {
        respondents: own.respondents,
        items: Object.fromEntries(items.map((item) => [item.id, own.items[item.id] ?? NO_ANSWERS])),
        dimensions: Object.fromEntries(dimensions.map((d) => [d.id, own.dimensions[d.id] ?? NO_ANSWERS])),
        comments: own.comments,
      });
      continue;
    }
    const sum: TeamAggregates = {
      respondents: own.respondents,
      items: Object.fromEntries(items.map((item) => [item.id, copyMoments(own.items[item.id])])),
      dimensions: Object.fromEntries(dimensions.map((d) => [d.id, copyMoments(own.dimensions[d.id])])),
      comments: [...own.comments],
    };
    for (const child of children) {
      const c = rolled.get(child)!;
      sum.respondents += c.respondents;
      for (const item of items) addMoments(sum.items[item.id]!, c.items[item.id]!);
      for (const d of dimensions) addMoments(sum.dimensions[d.id]!, c.dimensions[d.id]!);
      for (const comment of c.comments) sum.comments.push(comment);
    }
    rolled.set(key, sum);
  }
  return rolled;
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

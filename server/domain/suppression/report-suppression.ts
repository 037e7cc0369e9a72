import type { ScoredDimension, ScoredItem, TeamAggregates } from '../scoring/aggregate-types.ts';
import { decideCommentVisibility } from './comment-visibility.ts';
import { buildHierarchyTree, type HierarchyNode, type HierarchyTree } from './hierarchy-tree.ts';
import { decideSuppression, type SuppressionDecisions } from './suppress.ts';

/** R1: k is set per organization and is never below 3. */
export const MIN_ANONYMITY_THRESHOLD = 3;

/**
 * Every suppression decision of one wave, made once over the whole hierarchy (R3): the same
 * decisions serve every viewer, every scope and every export. Each map is keyed by team key,
 * with the organization under ORGANIZATION ('').
 */
export interface ReportSuppression {
  k: number;
  /** Groups, by respondents (R1, R2). */
  groups: SuppressionDecisions;
  /** Per dimension id: its cells, by respondents with a dimension score (R1, R2). */
  dimensions: Readonly<Record<string, SuppressionDecisions>>;
  /** Per item id: its cells, by answers to the item (R1, R2). Decided even when items are not shown. */
  items: Readonly<Record<string, SuppressionDecisions>>;
  /** Which groups show comments: R2 at the comment threshold max(10, 2k) (R5). */
  comments: SuppressionDecisions;
}

export function decideReportSuppression(input: {
  teams: readonly HierarchyNode[] | HierarchyTree;
  /** Direct (not rolled-up) aggregates per team key. */
  aggregates: Readonly<Record<string, TeamAggregates>>;
  items: readonly ScoredItem[];
  dimensions: readonly ScoredDimension[];
  k: number;
}): ReportSuppression {
  const { k } = input;
  if (!Number.isInteger(k) || k < MIN_ANONYMITY_THRESHOLD)
    throw new RangeError(`The anonymity threshold must be an integer of at least 3, got ${k}`);
  const tree = 'depthFirst' in input.teams ? input.teams : buildHierarchyTree(input.teams);
  const teamKeys = tree.depthFirst.slice(1);
  const directCounts = (pick: (team: TeamAggregates) => number | undefined) =>
    Object.fromEntries(
      teamKeys.map((key) => {
        const team = input.aggregates[key];
        return [key, team ? (pick(team) ?? 0) : 0];
      }),
    );

  const respondents = directCounts((t) => t.respondents);
  const groups = decideSuppression(tree, respondents, k);
  // A cell of a suppressed group is never shown, and the cells' own R2 accounts for it.
  const suppressedGroups = new Set([...groups].filter(([, d]) => d.suppressed).map(([key]) => key));
  return {
    k,
    groups,
    dimensions: Object.fromEntries(
      input.dimensions.map((d) => [
        d.id,
        decideSuppression(
          tree,
          directCounts((t) => t.dimensions[d.id]?.n),
          k,
          suppressedGroups,
        ),
      ]),
    ),
    items: Object.fromEntries(
      input.items.map((item) => [
        item.id,
        decideSuppression(
          tree,
          directCounts((t) => t.items[item.id]?.n),
          k,
          suppressedGroups,
        ),
      ]),
    ),
    comments: decideCommentVisibility(tree, respondents, k),
  };
}

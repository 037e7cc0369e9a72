import type { Hierarchy } from '../hierarchy/hierarchy.ts';
import type { ScoredItem, TeamAggregates, WaveAggregates } from '../scoring/aggregates.ts';
import { decideSuppression, type SuppressionDecision } from '../suppression/suppress.ts';
import { commentThreshold } from './report-comments.ts';
import { directSums } from './roll-up.ts';

type Decisions = ReadonlyMap<string, SuppressionDecision>;

/** Every suppression decision of one report, each taken once over the whole hierarchy (R3). */
export interface ReportDecisions {
  /** Whole groups, by respondents (R1, R2). */
  groups: Decisions;
  /** Per dimension, its cells by how many have a score in it; a suppressed group's cells stay suppressed. */
  dimensions: ReadonlyMap<string, Decisions>;
  /** Per item, its cells by how many answered it; empty without item detail. */
  items: ReadonlyMap<string, Decisions>;
  /** Groups whose comments may be read (R5). */
  comments: Decisions;
}

export function decideReportSuppression(
  hierarchy: Hierarchy,
  aggregates: WaveAggregates,
  options: {
    dimensions: readonly { id: string }[];
    items: readonly ScoredItem[];
    k: number;
    withItems: boolean;
  },
): ReportDecisions {
  const { k } = options;
  const teamKeys = hierarchy.canonical.slice(1);
  const directCounts = (pick: (t: TeamAggregates) => number) =>
    new Map(teamKeys.map((key) => [key, pick(directSums(aggregates, key))]));
  const respondents = directCounts((t) => t.respondents);

  const groups = decideSuppression(hierarchy, respondents, k);
  const suppressedGroups = new Set([...groups].filter(([, d]) => d.suppressed).map(([key]) => key));
  // R2 per cell: a cell's n can be smaller than its group's when answers are skipped, so each
  // dimension and item is decided on its own counts.
  const dimensions = new Map(
    options.dimensions.map((d) => [
      d.id,
      decideSuppression(
        hierarchy,
        directCounts((t) => t.dimensions[d.id]?.n ?? 0),
        k,
        suppressedGroups,
      ),
    ]),
  );
  const items = new Map(
    options.withItems
      ? options.items.map((item) => [
          item.id,
          decideSuppression(
            hierarchy,
            directCounts((t) => t.items[item.id]?.n ?? 0),
            k,
            suppressedGroups,
          ),
        ])
      : [],
  );
  // R5: comments only for groups of at least max(10, 2k), decided with the same complementary
  // rule at that threshold so no small set of comments can be isolated by subtraction.
  const comments = decideSuppression(hierarchy, respondents, commentThreshold(k));
  return { groups, dimensions, items, comments };
}

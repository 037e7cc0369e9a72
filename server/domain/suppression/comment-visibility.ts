import type { HierarchyTree } from './hierarchy-tree.ts';
import { decideSuppression, type SuppressionDecision } from './suppress.ts';

/** R5: free text is shown only for groups of at least max(10, 2k) respondents. */
export const commentThreshold = (k: number): number => Math.max(10, 2 * k);

/**
 * Which groups show their comments: the complementary rule (R2) at the comment threshold, so a
 * parent's comments minus its children's never isolate the comments of fewer respondents (R5).
 */
export function decideCommentVisibility(
  tree: HierarchyTree,
  directRespondents: Readonly<Record<string, number>>,
  k: number,
): Map<string, SuppressionDecision> {
  return decideSuppression(tree, directRespondents, commentThreshold(k));
}

import type { Hierarchy } from '../hierarchy/hierarchy.ts';

/**
 * Whether a leader limited to `scope` may commit to or change an action on `teamKey`: only inside
 * their subtree. An action on the whole organization (null) is outside every subtree. `scope`
 * null means the caller sees the whole organization.
 */
export function actionInScope(hierarchy: Hierarchy, scope: string | null, teamKey: string | null): boolean {
  if (scope === null) return true;
  if (teamKey === null || !hierarchy.has(teamKey)) return false;
  return teamKey === scope || hierarchy.ancestors(teamKey).includes(scope);
}

/**
 * Whether a leader limited to `scope` may read an action on `teamKey`: one inside their subtree,
 * or one on the whole organization, whose row every leader's report shows and whose commitments
 * every team's employees read on their results page. They do not change it (`actionInScope`).
 */
export function actionVisible(hierarchy: Hierarchy, scope: string | null, teamKey: string | null): boolean {
  return teamKey === null || actionInScope(hierarchy, scope, teamKey);
}

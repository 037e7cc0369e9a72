import type { Hierarchy } from '../hierarchy/hierarchy.ts';

/**
 * Whether a leader limited to `scope` may see or change an action on `teamKey`: only inside
 * their subtree. An action on the whole organization (null) is outside every subtree. `scope`
 * null means the caller sees the whole organization.
 */
export function actionInScope(hierarchy: Hierarchy, scope: string | null, teamKey: string | null): boolean {
  if (scope === null) return true;
  if (teamKey === null || !hierarchy.has(teamKey)) return false;
  return teamKey === scope || hierarchy.ancestors(teamKey).includes(scope);
}

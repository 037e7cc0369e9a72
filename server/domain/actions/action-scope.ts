import type { Hierarchy } from '../hierarchy/hierarchy.ts';
import type { Outcome } from './action-types.ts';

/**
 * Whether a leader limited to `scope` may commit to or change an action on `teamKey`: only inside
 * their subtree. An action on the whole organization (null) is outside every subtree, and a team
 * the tree lacks is in none (`absentFrom` tells that apart from outside). `scope` null means the
 * caller sees the whole organization.
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

/**
 * Whether a wave's tree lacks `teamKey` altogether: the wave asked neither the team nor any team
 * under it, so in that wave the team lay in nobody's part, neither inside a leader's nor outside
 * it. `actionInScope` answers false for both; reading an action, they differ.
 */
export function absentFrom(hierarchy: Hierarchy, teamKey: string | null): boolean {
  return teamKey !== null && !hierarchy.has(teamKey);
}

/**
 * Whether a leader limited to `scope`, who may read an action on `teamKey`, may read the outcome a
 * later wave measured of it, `measuredBy` being the tree that wave froze at close (R3). Where
 * that wave showed them the team (or the action is on the whole organization): yes. Where the
 * team lay outside their part in it: no, its figure there is not theirs to read, as a trend of
 * it would not be. Where that wave lacked the team: it published no figure of it, so the outcome
 * is "not measurable" with none, and withholding it would only tell the leader, falsely, that the
 * team lay outside their part; their report of that wave already shows it was not there. An
 * outcome that carries a figure is never shown that way, whatever the tree says.
 */
export function outcomeVisible(
  measuredBy: Hierarchy,
  scope: string | null,
  teamKey: string | null,
  outcome: Pick<Outcome, 'current' | 'delta'>,
): boolean {
  if (actionVisible(measuredBy, scope, teamKey)) return true;
  return absentFrom(measuredBy, teamKey) && outcome.current === null && outcome.delta === null;
}

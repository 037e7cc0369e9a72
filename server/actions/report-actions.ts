import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { WaveRecord } from '../db/waves.ts';
import { absentFrom, actionVisible } from '../domain/actions/action-scope.ts';
import { type ActionView, loadActions } from './action-store.ts';
import { actionsForLeader, WaveTrees } from './action-visibility.ts';

/**
 * What a wave's report shows of actions: those made on earlier waves of the organization, each
 * with the outcome this wave measured (null for a dropped one, or one this wave could not
 * measure). The outcome's figures are this wave's published cells, so the report shows nothing
 * its heat map does not, but for outcomes recorded before 2026-11-28 from figures frozen under an
 * earlier rule 4, which keep what they were recorded with (docs/anonymity.md). A leader limited
 * to a subtree sees only actions inside it, over the same tree as the report beside them: the one
 * frozen at close for a closed wave (R3), so a team moved into the leader's part since then does
 * not show them its outcome; today's before that. Nor one whose team lay outside their part when
 * the action was made, whose baseline their report of that wave did not show (`actionsForLeader`).
 * A team this wave did not ask lies in nobody's part of it: its action is theirs to read as the
 * action's own wave decides, and this wave, having published nothing of the team, measured it
 * as not measurable (`outcomeVisible`).
 */
export async function actionsInReport(
  db: Kysely<Database>,
  wave: WaveRecord,
  teamScope: string | null,
): Promise<ActionView[]> {
  const actions = await loadActions(db, wave.organizationId, { madeBefore: wave, outcomeIn: wave.id });
  if (!teamScope) return actions;
  const trees = new WaveTrees(db, wave.organizationId);
  const hierarchy = await trees.of(wave.id);
  // Only a tree this wave froze says it lacked a team; today's, standing in, says nothing of it.
  const frozen = await trees.frozen(wave.id);
  return actionsForLeader(
    trees,
    teamScope,
    actions.filter(
      (action) =>
        actionVisible(hierarchy, teamScope, action.teamKey) ||
        (frozen && absentFrom(hierarchy, action.teamKey)),
    ),
  );
}

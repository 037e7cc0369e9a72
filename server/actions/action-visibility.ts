import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { listTeams } from '../db/organizations.ts';
import { loadFrozenTeams } from '../db/wave-aggregates.ts';
import { actionVisible } from '../domain/actions/action-scope.ts';
import { Hierarchy } from '../domain/hierarchy/hierarchy.ts';
import type { ActionView } from './action-store.ts';

/**
 * The trees an organization's waves froze at close, each read once: what a leader's part of the
 * organization was in that wave. Actions and outcomes belong to closed waves only, which all have
 * one; a wave with none (an open one, whose preview no scoped leader reads) has today's.
 */
export class WaveTrees {
  readonly #trees = new Map<string, Promise<Hierarchy>>();
  constructor(
    private readonly db: Kysely<Database>,
    private readonly organizationId: string,
  ) {}

  of(waveId: string): Promise<Hierarchy> {
    let tree = this.#trees.get(waveId);
    if (!tree) {
      tree = (async () =>
        Hierarchy.from(
          (await loadFrozenTeams(this.db, waveId)) ?? (await listTeams(this.db, this.organizationId)),
        ))();
      this.#trees.set(waveId, tree);
    }
    return tree;
  }
}

/**
 * What a leader limited to `scope` sees of `actions`. An action's baseline is a cell of the wave
 * it was made on, its outcome one of the wave that measured it: each is shown only where that
 * wave's report shows the leader the action's team, over the tree frozen at its close (R3), as
 * creating an action judges it. Today's tree decides nothing: a team moved into the leader's part
 * since does not hand them its figures, and one moved out of it does not take their actions away.
 * An outcome measured where the team lay outside the leader's part is withheld, and says so.
 * Actions on the whole organization are every leader's to read (`actionVisible`).
 */
export async function actionsForLeader(
  trees: WaveTrees,
  scope: string | null,
  actions: readonly ActionView[],
): Promise<ActionView[]> {
  if (scope === null) return [...actions];
  // Read at once rather than one after another: a tree of 5,000 teams per wave is a round trip.
  const waves = new Set(actions.flatMap((a) => (a.outcome ? [a.waveId, a.outcome.waveId] : [a.waveId])));
  await Promise.all([...waves].map((id) => trees.of(id)));
  const shown: ActionView[] = [];
  for (const action of actions) {
    if (!actionVisible(await trees.of(action.waveId), scope, action.teamKey)) continue;
    const { outcome } = action;
    if (outcome && !actionVisible(await trees.of(outcome.waveId), scope, action.teamKey))
      shown.push({ ...action, outcome: null, outcomeOutsideScope: true });
    else shown.push(action);
  }
  return shown;
}

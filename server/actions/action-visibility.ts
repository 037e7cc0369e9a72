import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { listTeams } from '../db/organizations.ts';
import { loadFrozenTeams } from '../db/wave-aggregates.ts';
import { actionVisible, outcomeVisible } from '../domain/actions/action-scope.ts';
import { Hierarchy } from '../domain/hierarchy/hierarchy.ts';
import type { ActionView } from './action-store.ts';

/**
 * The trees an organization's waves froze at close, each read once: what a leader's part of the
 * organization was in that wave. Actions and outcomes belong to closed waves only, which all have
 * one; a wave with none (an open one, whose preview no scoped leader reads, or one closed before
 * trees were frozen) has today's standing in for it.
 */
export class WaveTrees {
  readonly #trees = new Map<string, Promise<{ hierarchy: Hierarchy; frozen: boolean }>>();
  constructor(
    private readonly db: Kysely<Database>,
    private readonly organizationId: string,
  ) {}

  #read(waveId: string) {
    let tree = this.#trees.get(waveId);
    if (!tree) {
      tree = (async () => {
        const frozen = await loadFrozenTeams(this.db, waveId);
        return {
          hierarchy: Hierarchy.from(frozen ?? (await listTeams(this.db, this.organizationId))),
          frozen: frozen !== null,
        };
      })();
      this.#trees.set(waveId, tree);
    }
    return tree;
  }

  async of(waveId: string): Promise<Hierarchy> {
    return (await this.#read(waveId)).hierarchy;
  }

  /**
   * Whether `of` gives the tree the wave froze rather than today's standing in for it: only a
   * frozen tree that lacks a team says the wave lacked it (`absentFrom`).
   */
  async frozen(waveId: string): Promise<boolean> {
    return (await this.#read(waveId)).frozen;
  }
}

/**
 * What a leader limited to `scope` sees of `actions`. An action's baseline is a cell of the wave
 * it was made on, its outcome one of the wave that measured it: each is shown only where that
 * wave's report shows the leader the action's team, over the tree frozen at its close (R3), as
 * creating an action judges it. Today's tree decides nothing: a team moved into the leader's part
 * since does not hand them its figures, and one moved out of it does not take their actions away.
 * An outcome measured where the team lay outside the leader's part is withheld, and says so; one
 * measured by a wave that lacked the team has no figure to withhold, and is shown
 * (`outcomeVisible`). Actions on the whole organization are every leader's to read (`actionVisible`).
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
    if (outcome && !(await outcomeShown(trees, scope, action.teamKey, outcome)))
      shown.push({ ...action, outcome: null, outcomeOutsideScope: true });
    else shown.push(action);
  }
  return shown;
}

/** `outcomeVisible` over the tree of the wave that measured it; today's stand-in decides by place alone. */
async function outcomeShown(
  trees: WaveTrees,
  scope: string,
  teamKey: string | null,
  outcome: NonNullable<ActionView['outcome']>,
): Promise<boolean> {
  const measuredBy = await trees.of(outcome.waveId);
  return (await trees.frozen(outcome.waveId))
    ? outcomeVisible(measuredBy, scope, teamKey, outcome)
    : actionVisible(measuredBy, scope, teamKey);
}

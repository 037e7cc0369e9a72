import type { Kysely } from 'kysely';
import type { HierarchyNode } from '../domain/hierarchy/hierarchy.ts';
import type { WaveTeamCounts } from '../domain/participation/progress.ts';
import { teamDelivery } from '../mail/outbox.ts';
import type { Database } from './database.ts';
import { listTeams } from './organizations.ts';
import { loadFrozenHeadcounts, loadFrozenTeams } from './wave-aggregates.ts';
import { participationCounts } from './waves.ts';

type Db = Kysely<Database>;

export interface WaveProgressBasis {
  /** The organization's whole hierarchy, as it stands now, or as it stood when the wave closed. */
  teams: HierarchyNode[];
  /** The wave's teams by key. */
  inWave: Map<string, WaveTeamCounts>;
}

/**
 * What the progress view is computed from, in three statements whatever the number of teams:
 * the hierarchy, the responses per team, the mail per team (the same figures as the delivery view). They run in one repeatable-read
 * transaction so they see the same moment: a hierarchy imported between two of them could
 * otherwise leave a team of the wave without its place in the tree.
 */
export async function loadWaveProgress(
  db: Db,
  wave: { id: string; organizationId: string; status: string },
): Promise<WaveProgressBasis> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      // A closed wave is read as it closed, as its leaders read it: the tree, names and headcounts
      // frozen then, so an import since changes none of its rates or subtotals. A wave frozen
      // before those were kept reads today's, as it always did.
      const closed = wave.status === 'closed';
      const frozenTeams = closed ? await loadFrozenTeams(trx, wave.id) : null;
      const frozenHeadcounts = closed ? await loadFrozenHeadcounts(trx, wave.id) : null;
      const teams = frozenTeams ?? (await listTeams(trx, wave.organizationId));
      const frozenNames = new Map(frozenTeams?.map((team) => [team.key, team.name]));
      const counts = new Map((await participationCounts(trx, wave.id)).map((row) => [row.teamKey, row]));
      const mail = new Map((await teamDelivery(trx, wave.id)).map((row) => [row.teamKey, row]));
      // Its teams too: those it asked, as frozen with their headcounts. A team without answers
      // removed since still counts, with none, as it did at the close.
      const asked = frozenHeadcounts ? [...frozenHeadcounts.keys()] : [...counts.keys()];
      const inWave = new Map<string, WaveTeamCounts>();
      for (const key of asked) {
        const row = counts.get(key);
        const m = mail.get(key);
        inWave.set(key, {
          name: frozenNames.get(key) ?? row?.teamName ?? key,
          responses: row?.responses ?? 0,
          headcount: frozenHeadcounts ? (frozenHeadcounts.get(key) ?? null) : (row?.headcount ?? null),
          mail: {
            recipients: m?.recipients ?? 0,
            queued: m?.queued ?? 0,
            sent: m?.sent ?? 0,
            failed: m?.failed ?? 0,
          },
        });
      }
      return { teams: teams.map(({ key, parentKey }) => ({ key, parentKey })), inWave };
    });
}

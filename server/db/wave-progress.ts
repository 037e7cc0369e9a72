import type { Kysely } from 'kysely';
import type { HierarchyNode } from '../domain/hierarchy/hierarchy.ts';
import type { WaveTeamCounts } from '../domain/participation/progress.ts';
import { teamDelivery } from '../mail/outbox.ts';
import type { Database } from './database.ts';
import { listTeams } from './organizations.ts';
import { loadFrozenTeamsAndHeadcounts, type SnapshotTeam } from './wave-aggregates.ts';
import { participationCounts } from './waves.ts';

type Db = Kysely<Database>;

export interface WaveProgressBasis {
  /** The organization's whole hierarchy, as it stands now, or as it stood when the wave closed. */
  teams: HierarchyNode[];
  /** The wave's teams by key. */
  inWave: Map<string, WaveTeamCounts>;
}

/** A team a wave asked, with its answers so far and the headcount its rate divides by. */
export interface AskedTeam {
  key: string;
  name: string;
  responses: number;
  headcount: number | null;
}

/**
 * The teams a wave asks, in its tree's order, with their answers so far. A closed wave is read as
 * it closed, as its leaders read it: the teams it asked with the tree, names and headcounts
 * frozen then, so an import since changes none of its rates, and a team without answers removed
 * since still counts, with none, as it did at the close. A wave frozen before those were kept
 * reads today's, as it always did. `tree` is the frozen hierarchy, or null for today's.
 */
export async function askedTeams(
  db: Db,
  wave: { id: string; status: string },
): Promise<{ asked: AskedTeam[]; tree: SnapshotTeam[] | null }> {
  const frozen =
    wave.status === 'closed'
      ? await loadFrozenTeamsAndHeadcounts(db, wave.id)
      : { teams: null, headcounts: null };
  const counts = await participationCounts(db, wave.id);
  const byKey = new Map(counts.map((row) => [row.teamKey, row]));
  const names = new Map(frozen.teams?.map((team) => [team.key, team.name]));
  const { headcounts } = frozen;
  const keys = headcounts
    ? frozen.teams
      ? frozen.teams.map((team) => team.key).filter((key) => headcounts.has(key))
      : [...headcounts.keys()]
    : counts.map((row) => row.teamKey);
  const asked = keys.map((key) => {
    const row = byKey.get(key);
    return {
      key,
      name: names.get(key) ?? row?.teamName ?? key,
      responses: Number(row?.responses ?? 0),
      headcount: headcounts ? (headcounts.get(key) ?? null) : (row?.headcount ?? null),
    };
  });
  return { asked, tree: frozen.teams };
}

/**
 * What the progress view is computed from, in a few statements whatever the number of teams:
 * the hierarchy, the responses per team, the mail per team (the same figures as the delivery
 * view). They run in one repeatable-read transaction so they see the same moment: a hierarchy
 * imported between two of them could otherwise leave a team of the wave without its place in
 * the tree.
 */
export async function loadWaveProgress(
  db: Db,
  wave: { id: string; organizationId: string; status: string },
): Promise<WaveProgressBasis> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const { asked, tree } = await askedTeams(trx, wave);
      const teams = tree ?? (await listTeams(trx, wave.organizationId));
      const mail = new Map((await teamDelivery(trx, wave.id)).map((row) => [row.teamKey, row]));
      const inWave = new Map<string, WaveTeamCounts>();
      for (const { key, name, responses, headcount } of asked) {
        const m = mail.get(key);
        inWave.set(key, {
          name,
          responses,
          headcount,
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

import type { Kysely } from 'kysely';
import type { HierarchyNode } from '../domain/hierarchy/hierarchy.ts';
import type { WaveTeamCounts } from '../domain/participation/progress.ts';
import type { Database } from './database.ts';
import { listTeams } from './organizations.ts';
import { participationCounts } from './waves.ts';

type Db = Kysely<Database>;

export interface WaveProgressBasis {
  /** The organization's whole hierarchy, as it stands now. */
  teams: HierarchyNode[];
  /** The wave's teams by key. */
  inWave: Map<string, WaveTeamCounts>;
}

/**
 * What the progress view is computed from, in three statements whatever the number of teams:
 * the hierarchy, the responses per team, the mail per team. They run in one repeatable-read
 * transaction so they see the same moment: a hierarchy imported between two of them could
 * otherwise leave a team of the wave without its place in the tree.
 */
export async function loadWaveProgress(
  db: Db,
  wave: { id: string; organizationId: string },
): Promise<WaveProgressBasis> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const teams = await listTeams(trx, wave.organizationId);
      const counts = await participationCounts(trx, wave.id);
      const mail = new Map((await mailCounts(trx, wave.id)).map((row) => [row.teamKey, row]));
      const inWave = new Map<string, WaveTeamCounts>();
      for (const row of counts) {
        const m = mail.get(row.teamKey);
        inWave.set(row.teamKey, {
          name: row.teamName,
          responses: row.responses ?? 0,
          headcount: row.headcount,
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

/**
 * Per team of a wave: addresses on its list, messages waiting (given-up ones excluded: they wait
 * for nothing) and the messages sent and given up, which outlive the list and the queue.
 */
export async function mailCounts(db: Db, waveId: string) {
  return db
    .selectFrom('wave_team')
    .innerJoin('team', 'team.id', 'wave_team.team_id')
    .leftJoin(
      db
        .selectFrom('wave_recipient')
        .select(['team_id', (eb) => eb.fn.countAll<number>().as('recipients')])
        .where('wave_id', '=', waveId)
        .where('removed', '=', false)
        .groupBy('team_id')
        .as('recipients'),
      'recipients.team_id',
      'team.id',
    )
    .leftJoin(
      db
        .selectFrom('mail_outbox')
        .select(['team_id', (eb) => eb.fn.countAll<number>().as('queued')])
        .where('wave_id', '=', waveId)
        .where('failed', '=', false)
        .groupBy('team_id')
        .as('queue'),
      'queue.team_id',
      'team.id',
    )
    .select([
      'team.key as teamKey',
      'recipients.recipients',
      'queue.queued',
      'wave_team.mail_sent as sent',
      'wave_team.mail_failed as failed',
    ])
    .where('wave_team.wave_id', '=', waveId)
    .execute();
}

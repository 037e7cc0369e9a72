import type { Kysely } from 'kysely';
import { audit } from '../db/audit.ts';
import type { Database } from '../db/database.ts';
import { newCode, type WaveRecord } from '../db/waves.ts';

type Actor = { userId: string; email: string };

/**
 * Makes sure each of these teams has a results link for the wave, keeping links already made
 * (a link sent round by email keeps working), and returns them, with the audit entry, in one
 * transaction. Tokens are 128 random bits, so they cannot be guessed.
 */
export async function shareResults(
  db: Kysely<Database>,
  wave: WaveRecord,
  teamKeys: readonly string[],
  actor: Actor,
): Promise<{ teamKey: string; token: string }[]> {
  if (teamKeys.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('shared_results_link')
      .values(teamKeys.map((teamKey) => ({ token: newCode(), wave_id: wave.id, team_key: teamKey })))
      .onConflict((oc) => oc.columns(['wave_id', 'team_key']).doNothing())
      .execute();
    await audit(trx, {
      organizationId: wave.organizationId,
      actor,
      action: 'results.share',
      detail: { waveId: wave.id, teams: teamKeys.length },
    });
    return trx
      .selectFrom('shared_results_link')
      .select(['team_key as teamKey', 'token'])
      .where('wave_id', '=', wave.id)
      .where('team_key', 'in', teamKeys)
      .execute();
  });
}

/** The results links already made for these teams of the wave; makes none. */
export async function sharedLinksOf(
  db: Kysely<Database>,
  waveId: string,
  teamKeys: readonly string[],
): Promise<{ teamKey: string; token: string }[]> {
  if (teamKeys.length === 0) return [];
  return db
    .selectFrom('shared_results_link')
    .select(['team_key as teamKey', 'token'])
    .where('wave_id', '=', waveId)
    .where('team_key', 'in', teamKeys)
    .execute();
}

/** Revokes these teams' links to the wave's results, with the audit entry. */
export async function revokeResults(
  db: Kysely<Database>,
  wave: WaveRecord,
  teamKeys: readonly string[],
  actor: Actor,
): Promise<number> {
  if (teamKeys.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('shared_results_link')
      .where('wave_id', '=', wave.id)
      .where('team_key', 'in', teamKeys)
      .executeTakeFirst();
    await audit(trx, {
      organizationId: wave.organizationId,
      actor,
      action: 'results.revoke',
      detail: { waveId: wave.id, links: Number(removed.numDeletedRows) },
    });
    return Number(removed.numDeletedRows);
  });
}

export async function findSharedLink(db: Kysely<Database>, token: string) {
  return db
    .selectFrom('shared_results_link')
    .select(['wave_id as waveId', 'team_key as teamKey'])
    .where('token', '=', token)
    .executeTakeFirst();
}

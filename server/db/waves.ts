import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { effectiveStatus } from '../domain/participation/wave-state.ts';
import type { Database } from './database.ts';
import type { WaveStatus } from './tables/assessment-tables.ts';

type Db = Kysely<Database>;

/** 128 bits of randomness, URL-safe (A3): participation link codes and invitation codes. */
export const newCode = () => randomBytes(16).toString('base64url');

export interface WaveRecord {
  id: string;
  organizationId: string;
  title: string;
  questionnaireKey: string;
  questionnaireVersion: string;
  status: WaveStatus;
  closesAt: Date | null;
  openedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
}

export const waveColumns = [
  'id',
  'organization_id as organizationId',
  'title',
  'questionnaire_key as questionnaireKey',
  'questionnaire_version as questionnaireVersion',
  'status',
  'closes_at as closesAt',
  'opened_at as openedAt',
  'closed_at as closedAt',
  'created_at as createdAt',
] as const;

export async function createWave(
  trx: Transaction<Database>,
  wave: {
    organizationId: string;
    title: string;
    questionnaireKey: string;
    questionnaireVersion: string;
    closesAt: Date | null;
    teamIds: string[];
  },
): Promise<WaveRecord> {
  const created = await trx
    .insertInto('wave')
    .values({
      organization_id: wave.organizationId,
      title: wave.title,
      questionnaire_key: wave.questionnaireKey,
      questionnaire_version: wave.questionnaireVersion,
      closes_at: wave.closesAt,
    })
    .returning(waveColumns)
    .executeTakeFirstOrThrow();
  if (wave.teamIds.length > 0) {
    await trx
      .insertInto('wave_team')
      .values(wave.teamIds.map((teamId) => ({ wave_id: created.id, team_id: teamId, code: newCode() })))
      .execute();
  }
  return created;
}

export async function waveOrganization(db: Db, waveId: string): Promise<string | null> {
  const row = await db
    .selectFrom('wave')
    .select('organization_id')
    .where('id', '=', waveId)
    .executeTakeFirst();
  return row?.organization_id ?? null;
}

/**
 * Loads a wave, closing it first if its closing time has passed: a wave past `closesAt` is
 * closed for every purpose (A4 and R6 included), whether or not anyone pressed close.
 */
export async function findWave(db: Db, id: string, now = new Date()): Promise<WaveRecord | undefined> {
  const wave = await db.selectFrom('wave').select(waveColumns).where('id', '=', id).executeTakeFirst();
  if (wave && wave.status === 'open' && effectiveStatus(wave, now) === 'closed') {
    await db.transaction().execute((trx) => closeWave(trx, wave.id, wave.closesAt ?? now));
    return db.selectFrom('wave').select(waveColumns).where('id', '=', id).executeTakeFirst();
  }
  return wave;
}

export async function listWaves(
  db: Db,
  organizationId: string,
  options: { closedOnly: boolean },
): Promise<WaveRecord[]> {
  const ids = await db
    .selectFrom('wave')
    .select('id')
    .where('organization_id', '=', organizationId)
    .orderBy('created_at', 'desc')
    .execute();
  const waves: WaveRecord[] = [];
  for (const { id } of ids) {
    const wave = await findWave(db, id);
    if (wave && (!options.closedOnly || wave.status === 'closed')) waves.push(wave);
  }
  return waves;
}

export async function openWave(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable('wave')
    .set({ status: 'open', opened_at: now })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .execute();
}

/** Closes a wave and forgets its submission keys (A4). */
export async function closeWave(trx: Transaction<Database>, id: string, now: Date): Promise<void> {
  await trx
    .updateTable('wave')
    .set({ status: 'closed', closed_at: now })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .execute();
  await trx.deleteFrom('submission_key').where('wave_id', '=', id).execute();
}

export async function waveLinks(db: Db, waveId: string) {
  return db
    .selectFrom('wave_team')
    .innerJoin('team', 'team.id', 'wave_team.team_id')
    .select(['team.id as teamId', 'team.key as teamKey', 'team.name as teamName', 'wave_team.code'])
    .where('wave_team.wave_id', '=', waveId)
    .orderBy('team.position')
    .execute();
}

/** Responses per team of a wave, with each team's headcount, for the participation view. */
export async function participationCounts(db: Db, waveId: string) {
  return db
    .selectFrom('wave_team')
    .innerJoin('team', 'team.id', 'wave_team.team_id')
    .leftJoin(
      db
        .selectFrom('response')
        .select(['team_id', (eb) => eb.fn.countAll<number>().as('responses')])
        .where('wave_id', '=', waveId)
        .groupBy('team_id')
        .as('counts'),
      'counts.team_id',
      'team.id',
    )
    .select(['team.key as teamKey', 'team.name as teamName', 'team.headcount', 'counts.responses'])
    .where('wave_team.wave_id', '=', waveId)
    .orderBy('team.position')
    .execute();
}

export async function createInvitations(
  db: Db,
  invitation: { waveId: string; teamId: string; codeHashes: string[] },
) {
  await db
    .insertInto('invitation')
    .values(
      invitation.codeHashes.map((code_hash) => ({
        code_hash,
        wave_id: invitation.waveId,
        team_id: invitation.teamId,
      })),
    )
    .execute();
}

export async function invitationRequired(db: Db, waveId: string, teamId: string): Promise<boolean> {
  const row = await db
    .selectFrom('invitation')
    .select('code_hash')
    .where('wave_id', '=', waveId)
    .where('team_id', '=', teamId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** What a participation code opens: one team's link into one wave. */
export async function findParticipation(db: Db, code: string) {
  const link = await db
    .selectFrom('wave_team')
    .innerJoin('team', 'team.id', 'wave_team.team_id')
    .innerJoin('organization', 'organization.id', 'team.organization_id')
    .select([
      'wave_team.wave_id as waveId',
      'team.id as teamId',
      'team.name as teamName',
      'organization.anonymity_threshold as anonymityThreshold',
    ])
    .where('wave_team.code', '=', code)
    .executeTakeFirst();
  if (!link) return undefined;
  const wave = await findWave(db, link.waveId);
  return wave ? { ...link, wave } : undefined;
}

export interface Participation {
  waveId: string;
  teamId: string;
  teamName: string;
  anonymityThreshold: number;
  waveTitle: string;
  questionnaireKey: string;
  questionnaireVersion: string;
  status: WaveStatus;
  closesAt: Date | null;
  invitationRequired: boolean;
}

/**
 * What a participation code opens, with everything a submission needs to know, in one query:
 * it runs on every submission. A wave past its closing time is closed here and now.
 */
export async function openParticipation(
  db: Db,
  code: string,
  now = new Date(),
): Promise<Participation | undefined> {
  const link = await db
    .selectFrom('wave_team')
    .innerJoin('team', 'team.id', 'wave_team.team_id')
    .innerJoin('organization', 'organization.id', 'team.organization_id')
    .innerJoin('wave', 'wave.id', 'wave_team.wave_id')
    .select((eb) => [
      'wave_team.wave_id as waveId',
      'team.id as teamId',
      'team.name as teamName',
      'organization.anonymity_threshold as anonymityThreshold',
      'wave.title as waveTitle',
      'wave.questionnaire_key as questionnaireKey',
      'wave.questionnaire_version as questionnaireVersion',
      'wave.status',
      'wave.closes_at as closesAt',
      eb
        .exists(
          eb
            .selectFrom('invitation')
            .select('invitation.code_hash')
            .whereRef('invitation.wave_id', '=', 'wave_team.wave_id')
            .whereRef('invitation.team_id', '=', 'wave_team.team_id'),
        )
        .as('invitationRequired'),
    ])
    .where('wave_team.code', '=', code)
    .executeTakeFirst();
  if (!link) return undefined;
  const participation = { ...link, invitationRequired: Boolean(link.invitationRequired) };
  if (effectiveStatus(link, now) !== link.status) {
    await findWave(db, link.waveId, now);
    return { ...participation, status: 'closed' };
  }
  return participation;
}

/** The previous closed wave of the same organization, for trends. */
export async function previousClosedWave(db: Db, wave: WaveRecord): Promise<WaveRecord | undefined> {
  return db
    .selectFrom('wave')
    .select(waveColumns)
    .where('organization_id', '=', wave.organizationId)
    .where('status', '=', 'closed')
    .where('id', '!=', wave.id)
    .where('created_at', '<', wave.createdAt)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

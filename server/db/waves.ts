import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { effectiveStatus } from '../domain/participation/wave-state.ts';
import type { Database } from './database.ts';
import { shuffled } from './responses.ts';
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
  opensAt: Date | null;
  reminderDays: number[];
  remindersSent: number;
  /** The language of its emails, null for its questionnaire's default. */
  locale: string | null;
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
  'opens_at as opensAt',
  'reminder_days as reminderDays',
  'reminders_sent as remindersSent',
  'locale',
] as const;

export async function waveOrganization(db: Db, waveId: string): Promise<string | null> {
  const row = await db
    .selectFrom('wave')
    .select('organization_id')
    .where('id', '=', waveId)
    .executeTakeFirst();
  return row?.organization_id ?? null;
}

/** Loads a wave as stored. Reads never change a wave: deadlines are closed by a background task. */
export async function findWave(db: Db, id: string): Promise<WaveRecord | undefined> {
  return db.selectFrom('wave').select(waveColumns).where('id', '=', id).executeTakeFirst();
}

/**
 * An organization's waves, newest first, in one query: all of them by when they were made, or the
 * closed ones alone by when they closed, so that the first is the newest report.
 */
export async function listWaves(
  db: Db,
  organizationId: string,
  options: { closedOnly: boolean },
): Promise<WaveRecord[]> {
  const query = db.selectFrom('wave').select(waveColumns).where('organization_id', '=', organizationId);
  if (options.closedOnly)
    return query.where('status', '=', 'closed').orderBy('closed_at', 'desc').orderBy('id', 'desc').execute();
  return query.orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function waveLinks(db: Db, waveId: string) {
  return db
    .selectFrom('wave_team')
    .innerJoin('team', 'team.id', 'wave_team.team_id')
    .select([
      'team.id as teamId',
      'team.key as teamKey',
      'team.name as teamName',
      'wave_team.code',
      'wave_team.personal_codes as personalCodes',
      'team.headcount',
    ])
    .where('wave_team.wave_id', '=', waveId)
    .orderBy('team.position')
    .execute();
}

/** The teams of a wave with at least one personal code issued, among `teamIds`. */
export async function teamsWithCodes(
  db: Db,
  waveId: string,
  teamIds: readonly string[],
): Promise<Set<string>> {
  if (teamIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('invitation')
    .select('team_id')
    .distinct()
    .where('wave_id', '=', waveId)
    .where('team_id', 'in', teamIds)
    .execute();
  return new Set(rows.map((row) => row.team_id));
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
  // In shuffled order (A3, A6): codes handed out by hand go down the list the consultant is given,
  // often in the order of a roster, and rows stored in that order would let a database reader
  // tell from the physical order which place on the list a used code had.
  await db
    .insertInto('invitation')
    .values(
      shuffled([...invitation.codeHashes]).map((code_hash) => ({
        code_hash,
        wave_id: invitation.waveId,
        team_id: invitation.teamId,
      })),
    )
    .execute();
}

/** Whether a personal code of a team can still be used, without using it. */
export async function invitationState(
  db: Db,
  waveId: string,
  teamId: string,
  codeHash: string,
): Promise<'unused' | 'used' | 'unknown'> {
  const row = await db
    .selectFrom('invitation')
    .select('used')
    .where('code_hash', '=', codeHash)
    .where('wave_id', '=', waveId)
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  return row === undefined ? 'unknown' : row.used ? 'used' : 'unused';
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
 * it runs on every submission. A wave past its closing time counts as closed here (and the
 * intake's statement refuses it too), though only the deadline task changes its status.
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
    .select([
      'wave_team.wave_id as waveId',
      'team.id as teamId',
      'team.name as teamName',
      'organization.anonymity_threshold as anonymityThreshold',
      'wave.title as waveTitle',
      'wave.questionnaire_key as questionnaireKey',
      'wave.questionnaire_version as questionnaireVersion',
      'wave.status',
      'wave.closes_at as closesAt',
      'wave_team.personal_codes as invitationRequired',
    ])
    .where('wave_team.code', '=', code)
    .executeTakeFirst();
  if (!link) return undefined;
  return {
    ...link,
    status: effectiveStatus(link, now),
    invitationRequired: Boolean(link.invitationRequired),
  };
}

/**
 * The wave of the same organization that closed last before this one closed, for trends. By the
 * order of closing, not of creation: a diagnostic made in advance and closed after a pulse comes
 * after it, and a trend, once shown, never changes because another wave closes later.
 */
export async function previousClosedWave(db: Db, wave: WaveRecord): Promise<WaveRecord | undefined> {
  return (
    db
      .selectFrom('wave')
      .select(waveColumns)
      .where('organization_id', '=', wave.organizationId)
      .where('status', '=', 'closed')
      .where('id', '!=', wave.id)
      // Compared in SQL: a JavaScript Date drops the microseconds the column keeps. Two waves closed
      // at the same moment (one deadline) come in the order of their ids, here as everywhere.
      .where(sql<boolean>`(closed_at, id) < (select w.closed_at, w.id from wave w where w.id = ${wave.id})`)
      .orderBy('closed_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
  );
}

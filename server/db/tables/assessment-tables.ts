import type { ColumnType, Generated, JSONColumnType } from 'kysely';

export type WaveStatus = 'draft' | 'open' | 'closed';

export interface WaveTable {
  id: Generated<string>;
  organization_id: string;
  title: string;
  questionnaire_key: string;
  questionnaire_version: string;
  status: Generated<WaveStatus>;
  closes_at: Date | null;
  opened_at: Date | null;
  closed_at: Date | null;
  created_at: Generated<Date>;
  /** Set in the transaction that closes the wave, once its rows are rewritten (A3, A4, A6). */
  sealed: Generated<boolean>;
}

export interface WaveTeamTable {
  wave_id: string;
  team_id: string;
  code: string;
}

export interface InvitationTable {
  code_hash: string;
  wave_id: string;
  team_id: string;
  used: Generated<boolean>;
}

export interface SubmissionKeyTable {
  key_hash: string;
  wave_id: string;
}

export type Answers = Record<string, number | null>;

export interface ResponseTable {
  id: string;
  wave_id: string;
  team_id: string;
  questionnaire_version: string;
  answers: JSONColumnType<Answers, string, string>;
  comment: string | null;
}

export interface WaveSnapshotTable {
  wave_id: string;
  aggregates: ColumnType<unknown, string, string>;
  /** The wave's hierarchy when it closed: [{key, name, parentKey}] depth first (R3). */
  teams: ColumnType<unknown, string | null | undefined, string | null>;
  /** What the wave published: each shown cell's score and interval, for later trends. */
  published: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface AssessmentTables {
  wave: WaveTable;
  wave_team: WaveTeamTable;
  invitation: InvitationTable;
  submission_key: SubmissionKeyTable;
  response: ResponseTable;
  wave_snapshot: WaveSnapshotTable;
}

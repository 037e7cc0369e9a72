import type { ColumnType, Generated } from 'kysely';
import type { AnswerValues } from '../../domain/participation/answers.ts';

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
  /** Set with `sealed`; cleared once a VACUUM that began after that commit has run (server/db/reclaim.ts). */
  reclaim_owed: Generated<boolean>;
  /** A draft wave opens itself at this time (the wave task). */
  opens_at: Date | null;
  /** Days after opening on which every recipient gets a reminder, ascending. */
  reminder_days: ColumnType<number[], string | undefined, string>;
  /** How many of `reminder_days` have been queued. */
  reminders_sent: Generated<number>;
  /** The language of the wave's emails; null for its questionnaire's default. */
  locale: string | null;
}

export interface WaveTeamTable {
  wave_id: string;
  team_id: string;
  code: string;
  /** The team's link takes an answer only with a single-use personal code (set explicitly). */
  personal_codes: Generated<boolean>;
  mail_sent: Generated<number>;
  mail_failed: Generated<number>;
}

/** Who gets the wave's emails; emptied when the wave closes. Says nothing about answering. */
export interface WaveRecipientTable {
  wave_id: string;
  email: string;
  team_id: string;
  /** Their invitation has been queued (so a new upload does not invite them twice). */
  invited: Generated<boolean>;
  /** Taken off the list; kept until close so being put back brings no second invitation. */
  removed: Generated<boolean>;
}

export type MailKind = 'invitation' | 'reminder';

/** Messages waiting to go out; emptied when the wave closes. Holds no code (A3). */
export interface MailOutboxTable {
  id: Generated<string>;
  wave_id: string;
  team_id: string;
  email: string;
  kind: MailKind;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
  failed: Generated<boolean>;
  /** It may have been delivered: a round is handing it over, or a send was lost with the connection. */
  may_have_gone: Generated<boolean>;
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

export interface ResponseTable {
  id: string;
  wave_id: string;
  team_id: string;
  questionnaire_version: string;
  /**
   * One answer per item of the questionnaire version, in its definition's order, null where
   * skipped (`AnswerValues`); written as an array literal such as `{4,NULL,5}`.
   */
  answers: ColumnType<AnswerValues, string, string>;
  comment: string | null;
}

export interface WaveSnapshotTable {
  wave_id: string;
  /**
   * The sums as `WaveAggregates`, in a snapshot written before 2026-11-26T1800; null in a newer
   * one, which has `sums` and `comments` instead (one or the other, never both).
   */
  aggregates: ColumnType<unknown, string | null | undefined, string | null>;
  /** The integer sums as the database computed them at close (`SumsDocument`). */
  sums: ColumnType<unknown, string | null | undefined, string | null>;
  /** The open answers per team (`SumsTexts['comments']`), shown only under R5. */
  comments: ColumnType<unknown, string | null | undefined, string | null>;
  /** The wave's hierarchy when it closed: [{key, name, parentKey}] depth first (R3). */
  teams: ColumnType<unknown, string | null | undefined, string | null>;
  /** What the wave published: each shown cell's score and interval, for later trends. */
  published: ColumnType<unknown, string | null | undefined, string | null>;
  /** Each team's headcount at close, {key: headcount}; null in a snapshot frozen before 2026-11-29. */
  headcounts: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface AssessmentTables {
  wave: WaveTable;
  wave_team: WaveTeamTable;
  invitation: InvitationTable;
  submission_key: SubmissionKeyTable;
  response: ResponseTable;
  wave_snapshot: WaveSnapshotTable;
  wave_recipient: WaveRecipientTable;
  mail_outbox: MailOutboxTable;
}

import { hash, randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { CAP_MARGIN_PERCENT, CAP_MIN_MARGIN } from '../domain/participation/answer-cap.ts';
import { type AnswerValues, inItemOrder } from '../domain/participation/answers.ts';
import { normalizeInvitationCode } from '../domain/participation/invitation-code.ts';
import type { Database } from './database.ts';

export type RecordOutcome =
  | 'recorded'
  | 'already-recorded'
  | 'closed'
  | 'invitation-required'
  | 'invitation-used'
  | 'invitation-unknown'
  | 'team-full'
  /** Only from the intake: the submission's team is no longer in its wave, or the wave is gone. */
  | 'team-left-wave';

// One-shot, as the rate limits hash (server/plugins/security.ts): no Hash object per submission.
const sha256 = (value: string) => hash('sha256', value, 'hex');

export interface Submission {
  waveId: string;
  teamId: string;
  questionnaireVersion: string;
  submissionId: string;
  /** In the order of the version's items (see `validateAnswers`). */
  answers: AnswerValues;
  comment: string | null;
  invitation: string | null;
}

/**
 * The stored form of a submission key: hashed, and scoped to its wave (A4). The first 128 bits of
 * the SHA-256, written as PostgreSQL writes a `uuid`, the column's type: 16 bytes a key instead of
 * 64 characters (migrations/2026-11-27T1300-submission-key-128-bits.ts).
 */
export function submissionKeyHash(waveId: string, submissionId: string): string {
  const hex = sha256(`${waveId}:${submissionId}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Stores a batch of submissions for one wave in one statement, each exactly once, and says for
 * each what happened. The statement is the database function `record_responses`
 * (migrations/2026-11-26T1700-record-responses-function.ts, which says why it is a function; its
 * keys became 128 bits in migrations/2026-11-27T1300-submission-key-128-bits.ts), which each
 * session plans once.
 * Submission ids must be distinct within a batch, and so must invitation codes (the intake holds
 * a second use of a code back for the next batch).
 *
 * PostgreSQL runs the statement atomically. An invitation code is consumed only while the wave is
 * open, for its own team, if unused and if its submission is not a retry of one already stored. A
 * key goes in only while the wave is open and either its code was just consumed or it has no code
 * and its team needs none; a response goes in only beside a key that was new. The share lock on
 * the wave makes closing wait for submissions in flight, so the figures frozen at close include
 * every response that was accepted; a close that commits first leaves nothing to insert. A
 * concurrent copy waits on the key's unique index (or on the code's row), then finds it taken and
 * inserts nothing.
 *
 * Invited submissions share the statement, and so the transaction, with every other submission
 * of that moment: a transaction that consumed a code holds all the answers that arrived with it,
 * not one (A3). Responses get random v4 ids and no time (A1, A6), and the rows of a batch go in in
 * shuffled order, so within a batch not even the table's physical order follows arrival. Nothing
 * links a key or a code to its response (A3, A4). When the wave closes, all of it is rewritten
 * in one transaction in random order (see `server/waves/seal-wave.ts`).
 *
 * A team whose headcount is known takes at most `answerCap(headcount)` answers without a code
 * (see `server/domain/participation/answer-cap.ts`): the statement counts the team's stored
 * responses and lets in only as many new ones as there is room for, so a link holder cannot fill
 * a team with answers of their own. The count is exact because the intake writes one batch per
 * wave at a time, so each statement sees every earlier one committed; within a batch the
 * statement itself shares out the room. A second instance writing the same wave at the same
 * moment could overshoot by at most the batch it writes (issue 16 brings several instances).
 * Invited submissions are bounded by their codes and take no part in the cap.
 */
export async function recordResponses(
  db: Kysely<Database>,
  waveId: string,
  submissions: readonly Omit<Submission, 'waveId'>[],
): Promise<RecordOutcome[]> {
  const keys = submissions.map((s) => submissionKeyHash(waveId, s.submissionId));
  const codes = submissions.map((s) => (s.invitation === null ? null : hashInvitationCode(s.invitation)));
  // Two copies in one statement would both join the one new key, and one code could be consumed
  // for only one of two submissions; the intake splits them first.
  if (new Set(keys).size !== keys.length) throw new Error('recordResponses needs distinct submission ids');
  const givenCodes = codes.filter((c) => c !== null);
  if (new Set(givenCodes).size !== givenCodes.length)
    throw new Error('recordResponses needs distinct invitation codes');
  const rows = shuffled(submissions.map((submission, i) => ({ submission, key: keys[i]!, code: codes[i]! })));
  const { rows: fresh } = await sql<{ key_hash: string }>`
    select key_hash from record_responses(
      ${waveId},
      ${rows.map((r) => r.key)}::uuid[],
      ${rows.map(() => randomUUID())}::uuid[],
      ${rows.map((r) => r.submission.teamId)}::uuid[],
      ${rows.map((r) => r.submission.questionnaireVersion)}::text[],
      ${rows.map((r) => arrayLiteral(r.submission.answers))}::text[],
      ${rows.map((r) => r.submission.comment)}::text[],
      ${rows.map((r) => r.code)}::text[],
      ${sql.lit(CAP_MIN_MARGIN)},
      ${sql.lit(CAP_MARGIN_PERCENT)}
    ) as recorded (key_hash)`.execute(db);
  const recorded = new Set(fresh.map((r) => r.key_hash));
  if (recorded.size === submissions.length) return submissions.map(() => 'recorded');

  // Some were not stored: say why. This path is rare (a retry, a wave that just closed, a code
  // that is wrong or used, a team whose link is full).
  const unstored = keys.filter((key) => !recorded.has(key));
  const known = new Set(
    (
      await db.selectFrom('submission_key').select('key_hash').where('key_hash', 'in', unstored).execute()
    ).map((r) => r.key_hash),
  );
  const { rows: waveState } = await sql<{ open: boolean }>`
    select (status = 'open' and (closes_at is null or closes_at > now())) as open
    from wave where id = ${waveId}`.execute(db);
  const open = waveState[0]?.open === true;
  const unstoredCodes = codes.filter((code, i): code is string => code !== null && !recorded.has(keys[i]!));
  const usedCodes = new Map(
    unstoredCodes.length === 0
      ? []
      : (
          await db
            .selectFrom('invitation')
            .select(['code_hash', 'team_id', 'used'])
            .where('wave_id', '=', waveId)
            .where('code_hash', 'in', unstoredCodes)
            .execute()
        ).map((r) => [r.code_hash, r]),
  );
  const invitedTeams = new Set(
    (
      await db
        .selectFrom('wave_team')
        .select('team_id')
        .where('wave_id', '=', waveId)
        .where('personal_codes', '=', true)
        .where('team_id', 'in', [...new Set(submissions.map((s) => s.teamId))])
        .execute()
    ).map((r) => r.team_id),
  );
  return submissions.map((submission, i) => {
    const key = keys[i]!;
    if (recorded.has(key)) return 'recorded';
    if (known.has(key)) return 'already-recorded';
    const code = codes[i] ?? null;
    if (!open) return 'closed';
    if (code === null) return invitedTeams.has(submission.teamId) ? 'invitation-required' : 'team-full';
    const invitation = usedCodes.get(code);
    if (!invitation || invitation.team_id !== submission.teamId) return 'invitation-unknown';
    return invitation.used ? 'invitation-used' : 'invitation-unknown';
  });
}

/**
 * The array literal of stored answers, such as `{4,NULL,5}`: one text per row, so that a batch
 * travels as one `text[]` parameter (an array of arrays would have to be rectangular).
 */
export const arrayLiteral = (answers: AnswerValues) =>
  `{${answers.map((value) => (value === null ? 'NULL' : String(value))).join(',')}}`;

/** Fisher–Yates with the platform's CSPRNG, so the stored order says nothing about arrival. */
export function shuffled<T>(items: T[]): T[] {
  const random = new Uint32Array(items.length);
  crypto.getRandomValues(random);
  for (let i = items.length - 1; i > 0; i--) {
    const j = random[i]! % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** What the invitation table stores and the intake looks up (A3): a hash of the normalized code. */
export const hashInvitationCode = (code: string) => sha256(normalizeInvitationCode(code));

/**
 * Stores many generated responses at once (the demo organization and the benchmark): the same
 * row shape as a real submission, with random v4 ids and no time (A1), in batches.
 */
export async function insertResponses(
  db: Kysely<Database>,
  wave: { id: string; questionnaireVersion: string },
  /** The version's items, in its definition's order: the order answers are stored in. */
  items: readonly { id: string }[],
  teamIds: ReadonlyMap<string, string>,
  responses: { teamKey: string; answers: Readonly<Record<string, number | null>>; comment: string | null }[],
): Promise<void> {
  for (let i = 0; i < responses.length; i += 1000) {
    await db
      .insertInto('response')
      .values(
        responses.slice(i, i + 1000).map((r) => ({
          id: randomUUID(),
          wave_id: wave.id,
          team_id: teamIds.get(r.teamKey)!,
          questionnaire_version: wave.questionnaireVersion,
          answers: arrayLiteral(inItemOrder(items, r.answers)),
          comment: r.comment,
        })),
      )
      .execute();
  }
}

import { createHash, randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from './database.ts';
import type { Answers } from './tables/assessment-tables.ts';

export type RecordOutcome =
  | 'recorded'
  | 'already-recorded'
  | 'closed'
  | 'invitation-required'
  | 'invitation-used'
  | 'invitation-unknown';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export interface Submission {
  waveId: string;
  teamId: string;
  questionnaireVersion: string;
  submissionId: string;
  answers: Answers;
  comment: string | null;
  invitation: string | null;
}

/** The stored form of a submission key: hashed, and scoped to its wave (A4). */
export const submissionKeyHash = (waveId: string, submissionId: string) =>
  sha256(`${waveId}:${submissionId}`);

/**
 * Stores a batch of anonymous link submissions for one wave in one statement, each exactly once,
 * and says for each what happened. Submission ids must be distinct within a batch, and those
 * that carry an invitation code do not belong here (see `recordInvitedResponse`).
 *
 * PostgreSQL runs the statement atomically. A key goes in only while the wave is open and its
 * team needs no invitation, and a response only beside a key that was new. The share lock on the
 * wave makes closing wait for submissions in flight, so the figures frozen at close include every
 * response that was accepted; a close that commits first leaves nothing to insert. A concurrent
 * copy waits on the key's unique index, then finds it and inserts nothing.
 *
 * Responses get random v4 ids and no time (A1, A6), and the rows of a batch go in in shuffled
 * order, so within a batch not even the table's physical order follows arrival. Nothing links a
 * key to its response (A4).
 */
export async function recordResponses(
  db: Kysely<Database>,
  waveId: string,
  submissions: readonly Omit<Submission, 'waveId' | 'invitation'>[],
): Promise<RecordOutcome[]> {
  const keys = submissions.map((s) => submissionKeyHash(waveId, s.submissionId));
  // Two copies in one statement would both join the one new key; the intake merges them first.
  if (new Set(keys).size !== keys.length) throw new Error('recordResponses needs distinct submission ids');
  const rows = shuffled(submissions.map((submission, i) => ({ submission, key: keys[i]! })));
  const { rows: fresh } = await sql<{ key_hash: string }>`
    with input as (
      select * from unnest(
        ${rows.map((r) => r.key)}::text[],
        ${rows.map(() => randomUUID())}::uuid[],
        ${rows.map((r) => r.submission.teamId)}::uuid[],
        ${rows.map((r) => r.submission.questionnaireVersion)}::text[],
        ${rows.map((r) => JSON.stringify(r.submission.answers))}::jsonb[],
        ${rows.map((r) => r.submission.comment)}::text[]
      ) as submitted (key_hash, id, team_id, questionnaire_version, answers, comment)
    ),
    fresh_key as (
      insert into submission_key (key_hash, wave_id)
      select key_hash, ${waveId} from input
      where exists (
        select 1 from wave
        where id = ${waveId} and status = 'open' and (closes_at is null or closes_at > now())
        for share
      )
      and not exists (select 1 from invitation where wave_id = ${waveId} and team_id = input.team_id)
      on conflict do nothing
      returning key_hash
    ),
    stored as (
      insert into response (id, wave_id, team_id, questionnaire_version, answers, comment)
      select input.id, ${waveId}, input.team_id, input.questionnaire_version, input.answers, input.comment
      from input join fresh_key using (key_hash)
    )
    select key_hash from fresh_key`.execute(db);
  const recorded = new Set(fresh.map((r) => r.key_hash));
  if (recorded.size === submissions.length) return submissions.map(() => 'recorded');

  // Some were not stored: say why. This path is rare (a retry, or a wave that just closed).
  const unstored = keys.filter((key) => !recorded.has(key));
  const known = new Set(
    (
      await db.selectFrom('submission_key').select('key_hash').where('key_hash', 'in', unstored).execute()
    ).map((r) => r.key_hash),
  );
  const invitedTeams = new Set(
    (
      await db
        .selectFrom('invitation')
        .select('team_id')
        .distinct()
        .where('wave_id', '=', waveId)
        .where('team_id', 'in', [...new Set(submissions.map((s) => s.teamId))])
        .execute()
    ).map((r) => r.team_id),
  );
  return submissions.map((submission, i) => {
    const key = keys[i]!;
    if (recorded.has(key)) return 'recorded';
    if (known.has(key)) return 'already-recorded';
    return invitedTeams.has(submission.teamId) ? 'invitation-required' : 'closed';
  });
}

/** Fisher–Yates with the platform's CSPRNG, so the stored order says nothing about arrival. */
function shuffled<T>(items: T[]): T[] {
  const random = new Uint32Array(items.length);
  crypto.getRandomValues(random);
  for (let i = items.length - 1; i > 0; i--) {
    const j = random[i]! % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Stores one submission that carries an invitation code, in one transaction: the hashed
 * submission key (A4), the invitation code marked used (A3), and the response with a random v4 id
 * and no time (A1, A6). Nothing links the key or the code to the response.
 */
export async function recordInvitedResponse(
  db: Kysely<Database>,
  submission: Submission & { invitation: string },
): Promise<RecordOutcome> {
  return db
    .transaction()
    .execute(async (trx) => {
      // Still open? The share lock makes a close wait for this transaction (see recordResponses).
      const open = await sql<{ id: string }>`
        select id from wave
        where id = ${submission.waveId} and status = 'open' and (closes_at is null or closes_at > now())
        for share`.execute(trx);
      if (open.rows.length === 0) throw new InvitationRejected('closed');
      const key = await trx
        .insertInto('submission_key')
        .values({
          key_hash: submissionKeyHash(submission.waveId, submission.submissionId),
          wave_id: submission.waveId,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('key_hash')
        .executeTakeFirst();
      if (!key) return 'already-recorded';

      const codeHash = sha256(submission.invitation);
      const taken = await trx
        .updateTable('invitation')
        .set({ used: true })
        .where('code_hash', '=', codeHash)
        .where('wave_id', '=', submission.waveId)
        .where('team_id', '=', submission.teamId)
        .where('used', '=', false)
        .returning('code_hash')
        .executeTakeFirst();
      if (!taken) {
        const known = await trx
          .selectFrom('invitation')
          .select('used')
          .where('code_hash', '=', codeHash)
          .where('wave_id', '=', submission.waveId)
          .where('team_id', '=', submission.teamId)
          .executeTakeFirst();
        // Undo the submission key too, so the person can retry with a valid code.
        throw new InvitationRejected(known ? 'invitation-used' : 'invitation-unknown');
      }

      await trx
        .insertInto('response')
        .values({
          id: randomUUID(),
          wave_id: submission.waveId,
          team_id: submission.teamId,
          questionnaire_version: submission.questionnaireVersion,
          answers: JSON.stringify(submission.answers),
          comment: submission.comment,
        })
        .execute();
      return 'recorded';
    })
    .catch((error: unknown) => {
      if (error instanceof InvitationRejected) return error.outcome;
      throw error;
    });
}

class InvitationRejected extends Error {
  constructor(readonly outcome: 'closed' | 'invitation-used' | 'invitation-unknown') {
    super(outcome);
  }
}

export const hashInvitationCode = sha256;

/**
 * Stores many generated responses at once (the demo organization and the benchmark): the same
 * row shape as a real submission, with random v4 ids and no time (A1), in batches.
 */
export async function insertResponses(
  db: Kysely<Database>,
  wave: { id: string; questionnaireVersion: string },
  teamIds: ReadonlyMap<string, string>,
  responses: { teamKey: string; answers: Answers; comment: string | null }[],
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
          answers: JSON.stringify(r.answers),
          comment: r.comment,
        })),
      )
      .execute();
  }
}

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

/**
 * Stores one anonymous response, exactly once. In one transaction: the hashed submission key
 * (a retry or a concurrent copy finds it and stores nothing more, A4), the invitation code
 * marked used (A3), and the response with a random v4 id and no time (A1, A6). Nothing links
 * the key or the code to the response.
 */
export async function recordResponse(
  db: Kysely<Database>,
  submission: {
    waveId: string;
    teamId: string;
    questionnaireVersion: string;
    submissionId: string;
    answers: Answers;
    comment: string | null;
    invitation: string | null;
  },
): Promise<RecordOutcome> {
  if (submission.invitation === null) {
    // The common case in one statement, which PostgreSQL runs atomically. The key goes in only
    // while the wave is open and the team needs no invitation, and the response only if the key
    // was new. The share lock on the wave makes closing wait for submissions in flight, so the
    // figures frozen at close include every response that was accepted. A concurrent copy waits
    // on the key's unique index, then finds it and inserts nothing.
    const keyHash = sha256(`${submission.waveId}:${submission.submissionId}`);
    const { rows } = await sql<{ id: string }>`
      with fresh_key as (
        insert into submission_key (key_hash, wave_id)
        select ${keyHash}, ${submission.waveId}
        where exists (
          select 1 from wave
          where id = ${submission.waveId} and status = 'open' and (closes_at is null or closes_at > now())
          for share
        )
        and not exists (select 1 from invitation where wave_id = ${submission.waveId} and team_id = ${submission.teamId})
        on conflict do nothing
        returning key_hash
      )
      insert into response (id, wave_id, team_id, questionnaire_version, answers, comment)
      select ${randomUUID()}, ${submission.waveId}, ${submission.teamId}, ${submission.questionnaireVersion},
             ${JSON.stringify(submission.answers)}::jsonb, ${submission.comment}
      where exists (select 1 from fresh_key)
      returning id`.execute(db);
    if (rows.length > 0) return 'recorded';
    // Nothing stored: say why. This path is rare (a retry, or a wave that just closed).
    const known = await db
      .selectFrom('submission_key')
      .select('key_hash')
      .where('key_hash', '=', keyHash)
      .executeTakeFirst();
    if (known) return 'already-recorded';
    const invited = await db
      .selectFrom('invitation')
      .select('code_hash')
      .where('wave_id', '=', submission.waveId)
      .where('team_id', '=', submission.teamId)
      .limit(1)
      .executeTakeFirst();
    return invited ? 'invitation-required' : 'closed';
  }
  return db
    .transaction()
    .execute(async (trx) => {
      // Still open? The share lock makes a close wait for this transaction (see above).
      const open = await sql<{ id: string }>`
        select id from wave
        where id = ${submission.waveId} and status = 'open' and (closes_at is null or closes_at > now())
        for share`.execute(trx);
      if (open.rows.length === 0) throw new InvitationRejected('closed');
      const key = await trx
        .insertInto('submission_key')
        .values({
          key_hash: sha256(`${submission.waveId}:${submission.submissionId}`),
          wave_id: submission.waveId,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('key_hash')
        .executeTakeFirst();
      if (!key) return 'already-recorded';

      if (submission.invitation !== null) {
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

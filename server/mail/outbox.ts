import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { hashInvitationCode } from '../db/responses.ts';
import type { MailKind } from '../db/tables/assessment-tables.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

/**
 * The recipients of a wave and the messages waiting for them. Everything here is about
 * delivering email and nothing about answering: no row says whether a person answered, a
 * reminder goes to every recipient, and a queued message holds no code (a personal code is drawn
 * when its message is sent; see `mail-task.ts`). Both tables are emptied in the transaction that
 * closes the wave (`forgetRecipients`); what stays is a count per team of messages sent and
 * given up.
 */

export interface RecipientInput {
  email: string;
  teamId: string;
}

/**
 * Makes the wave's list exactly `recipients` (PUT semantics). People taken off the list get
 * nothing more: their waiting messages go too. People whose invitation went, or may have, are not
 * invited again, even if they were taken off and put back, unless they moved to another team (then
 * their waiting messages for the old team go) or their invitation was given up on. Someone new
 * is invited at once when the wave is open (and when it opens otherwise). Returns how many
 * invitations were queued.
 */
export async function replaceRecipients(
  trx: Trx,
  wave: { id: string; status: string },
  recipients: readonly RecipientInput[],
): Promise<number> {
  const emails = recipients.map((r) => r.email);
  // People taken off the list stay as removed until close: put back, they are not invited twice.
  await sql`
    update wave_recipient set removed = true
    where wave_id = ${wave.id} and not removed and not (email = any(${emails}::text[]))`.execute(trx);
  // Their messages go, those given up on too: a corrected address leaves the failed list (A2), and
  // the count of messages given up. An invitation that certainly did not go (never handed to the
  // mail server, or refused by it in words) leaves its person not invited, and invited if put back
  // on the list. In a personal-code team, one that may have gone (a round is handing it to the
  // server now, or a send of it was lost with the connection: `may_have_gone`, see
  // `confirmSending`) would bring a second code with a second invitation: its person is not
  // invited again, unless it was given up on (listing the address again asks for it to go again,
  // docs/anonymity.md). A shared link's invitation sent twice costs only a duplicate.
  await sql`
    with gone as (
      delete from mail_outbox
      where wave_id = ${wave.id} and not (email = any(${emails}::text[]))
      returning team_id, failed, email, kind, may_have_gone
    ), uninvited as (
      update wave_recipient set invited = false
      where wave_id = ${wave.id} and email in (
        select gone.email from gone
        join wave_team on wave_team.wave_id = ${wave.id} and wave_team.team_id = gone.team_id
        where gone.kind = 'invitation'
          and (not gone.may_have_gone or gone.failed or not wave_team.personal_codes)
      )
    )
    update wave_team set mail_failed = mail_failed - given_up.count
    from (select team_id, count(*) as count from gone where failed group by team_id) as given_up
    where wave_team.wave_id = ${wave.id} and wave_team.team_id = given_up.team_id`.execute(trx);
  if (recipients.length > 0) {
    await sql`
      insert into wave_recipient (wave_id, email, team_id)
      select ${wave.id}, email, team_id
      from unnest(${emails}::text[], ${recipients.map((r) => r.teamId)}::uuid[]) as given (email, team_id)
      on conflict (wave_id, email) do update set team_id = excluded.team_id, removed = false,
        -- Someone moved to another team gets that team's link.
        invited = wave_recipient.invited and wave_recipient.team_id = excluded.team_id`.execute(trx);
    // Messages still waiting for someone who moved would carry the old team's link (or code).
    await sql`
      delete from mail_outbox
      using wave_recipient
      where mail_outbox.wave_id = ${wave.id} and not mail_outbox.failed
        and wave_recipient.wave_id = mail_outbox.wave_id and wave_recipient.email = mail_outbox.email
        and wave_recipient.team_id <> mail_outbox.team_id`.execute(trx);
    // A message given up on (a full mailbox for half an hour, a relay that refused it) is sent
    // again when the list names the address again, as the console asks the consultant to do: an
    // invitation queued afresh; a reminder tried again as it is, unless a later one already waits
    // for the address or it was for the team the person has left (then it only leaves the list).
    await sql`
      with retried as (
        delete from mail_outbox
        where wave_id = ${wave.id} and failed and kind = 'invitation' and email = any(${emails}::text[])
        returning email, team_id
      ), reminded as (
        update mail_outbox set failed = false, attempts = 0, next_attempt_at = now(), last_error = null
        where wave_id = ${wave.id} and failed and kind = 'reminder' and email = any(${emails}::text[])
          and team_id = (select team_id from wave_recipient as r
                         where r.wave_id = mail_outbox.wave_id and r.email = mail_outbox.email)
          and not exists (select 1 from mail_outbox as waiting
                          where waiting.wave_id = mail_outbox.wave_id and waiting.email = mail_outbox.email
                            and waiting.kind = 'reminder' and not waiting.failed)
          -- One reminder per address, however many were given up.
          and id = (select min(earlier.id::text)::uuid from mail_outbox as earlier
                    where earlier.wave_id = mail_outbox.wave_id and earlier.email = mail_outbox.email
                      and earlier.kind = 'reminder' and earlier.failed)
        returning id, team_id
      ), superseded as (
        delete from mail_outbox
        where wave_id = ${wave.id} and failed and kind = 'reminder' and email = any(${emails}::text[])
          and id not in (select id from reminded)
        returning team_id
      ), uninvited as (
        update wave_recipient set invited = false
        where wave_id = ${wave.id} and email in (select email from retried)
      )
      update wave_team set mail_failed = mail_failed - given_up.count
      from (
        select team_id, count(*) as count
        from (
          select team_id from retried
          union all select team_id from reminded
          union all select team_id from superseded
        ) as again
        group by team_id
      ) as given_up
      where wave_team.wave_id = ${wave.id} and wave_team.team_id = given_up.team_id`.execute(trx);
  }
  return wave.status === 'open' ? queueInvitations(trx, wave.id) : 0;
}

/** Queues an invitation for every recipient not yet invited; the caller holds the wave's lock. */
export async function queueInvitations(trx: Trx, waveId: string): Promise<number> {
  const { rows } = await sql<{ email: string }>`
    with invited as (
      update wave_recipient set invited = true
      where wave_id = ${waveId} and not invited and not removed
      returning email, team_id
    )
    insert into mail_outbox (wave_id, team_id, email, kind)
    select ${waveId}, team_id, email, 'invitation' from invited
    returning email`.execute(trx);
  return rows.length;
}

/**
 * Queues a reminder for every recipient. Every one: nothing records who answered, so nothing can
 * leave out those who did. A reminder still waiting for an earlier one's delivery replaces it.
 */
export async function queueReminders(trx: Trx, waveId: string): Promise<number> {
  await trx
    .deleteFrom('mail_outbox')
    .where('wave_id', '=', waveId)
    .where('kind', '=', 'reminder')
    .where('failed', '=', false)
    .execute();
  const { rows } = await sql<{ email: string }>`
    insert into mail_outbox (wave_id, team_id, email, kind)
    select wave_id, team_id, email, 'reminder' from wave_recipient
    where wave_id = ${waveId} and not removed
    returning email`.execute(trx);
  return rows.length;
}

/** Deletes every address the wave held: its recipients and its messages, sent or not. */
export async function forgetRecipients(trx: Trx, waveId: string): Promise<void> {
  await trx.deleteFrom('mail_outbox').where('wave_id', '=', waveId).execute();
  await trx.deleteFrom('wave_recipient').where('wave_id', '=', waveId).execute();
}

export interface TeamDelivery {
  teamKey: string;
  teamName: string;
  personalCodes: boolean;
  recipients: number;
  queued: number;
  sent: number;
  failed: number;
}

/** Per team of a wave: recipients, messages waiting, sent and given up, in team order. */
export async function teamDelivery(db: Db, waveId: string): Promise<TeamDelivery[]> {
  const { rows } = await sql<{
    teamKey: string;
    teamName: string;
    personalCodes: boolean;
    recipients: string | number;
    queued: string | number;
    sent: number;
    failed: number;
  }>`
    select team.key as "teamKey", team.name as "teamName", wave_team.personal_codes as "personalCodes",
      coalesce(recipients.count, 0) as recipients, coalesce(queued.count, 0) as queued,
      wave_team.mail_sent as sent, wave_team.mail_failed as failed
    from wave_team
    join team on team.id = wave_team.team_id
    left join (
      select team_id, count(*) as count from wave_recipient
      where wave_id = ${waveId} and not removed group by team_id
    ) as recipients on recipients.team_id = wave_team.team_id
    left join (
      select team_id, count(*) as count from mail_outbox
      where wave_id = ${waveId} and not failed group by team_id
    ) as queued on queued.team_id = wave_team.team_id
    where wave_team.wave_id = ${waveId}
    order by team.position`.execute(db);
  return rows.map((row) => ({
    ...row,
    recipients: Number(row.recipients),
    queued: Number(row.queued),
    sent: Number(row.sent),
    failed: Number(row.failed),
  }));
}

/**
 * Messages of the wave the mail server turned down for now (or could not be reached with), which
 * wait to be tried again, and what it said to most of them: a relay that is down or refuses this
 * sender holds everything back, and the consultant must be able to see it, not only a count
 * waiting. The words carry no address (`describe` in mail-task.ts).
 */
export async function heldUp(
  db: Db,
  waveId: string,
): Promise<{ messages: number; lastError: string | null }> {
  // Waiting for a later try: every message whose next try is ahead (taken by a round this very
  // moment too, for an instant), counted only when the server has said something.
  const { rows } = await sql<{ messages: number; lastError: string | null }>`
    select count(*) filter (where next_attempt_at > now())::int as "messages",
      mode() within group (order by last_error) as "lastError"
    from mail_outbox
    where wave_id = ${waveId} and not failed`.execute(db);
  const lastError = rows[0]?.lastError ?? null;
  return { messages: lastError === null ? 0 : Number(rows[0]?.messages ?? 0), lastError };
}

/** Addresses whose message was given up, for the consultant to correct while the wave runs. */
export async function failedAddresses(db: Db, waveId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('mail_outbox')
    .select('email')
    .distinct()
    .where('wave_id', '=', waveId)
    .where('failed', '=', true)
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email);
}

/** A message the sender has taken, with everything its text needs. */
export interface ClaimedMessage {
  id: string;
  waveId: string;
  teamId: string;
  email: string;
  kind: MailKind;
  attempts: number;
  organizationName: string;
  anonymityThreshold: number;
  waveTitle: string;
  waveStatus: string;
  locale: string | null;
  questionnaireKey: string;
  questionnaireVersion: string;
  closesAt: Date | null;
  teamName: string;
  linkCode: string;
  personalCodes: boolean;
  /** Whether an earlier round may have delivered it, as it was when this round took it. */
  mayHaveGone: boolean;
}

/**
 * Takes up to `limit` messages that are due, for `leaseMs`: another instance skips them, and if
 * this one stops before it reports back they are due again when the lease ends (a message may
 * then go out twice, never zero times).
 */
export async function claimDueMessages(
  db: Db,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<ClaimedMessage[]> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('mail_outbox')
      .select(['id', 'may_have_gone'])
      .where('failed', '=', false)
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    const ids = due.map((d) => d.id);
    await trx
      .updateTable('mail_outbox')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        next_attempt_at: new Date(now.getTime() + leaseMs),
      }))
      .where('id', 'in', ids)
      .execute();
    const rows = await trx
      .selectFrom('mail_outbox')
      .innerJoin('wave', 'wave.id', 'mail_outbox.wave_id')
      .innerJoin('organization', 'organization.id', 'wave.organization_id')
      .innerJoin('wave_team', (join) =>
        join
          .onRef('wave_team.wave_id', '=', 'mail_outbox.wave_id')
          .onRef('wave_team.team_id', '=', 'mail_outbox.team_id'),
      )
      .innerJoin('team', 'team.id', 'mail_outbox.team_id')
      .select([
        'mail_outbox.id',
        'mail_outbox.wave_id as waveId',
        'mail_outbox.team_id as teamId',
        'mail_outbox.email',
        'mail_outbox.kind',
        'mail_outbox.attempts',
        'organization.name as organizationName',
        'organization.anonymity_threshold as anonymityThreshold',
        'wave.title as waveTitle',
        'wave.status as waveStatus',
        'wave.locale',
        'wave.questionnaire_key as questionnaireKey',
        'wave.questionnaire_version as questionnaireVersion',
        'wave.closes_at as closesAt',
        'team.name as teamName',
        'wave_team.code as linkCode',
        'wave_team.personal_codes as personalCodes',
      ])
      .where('mail_outbox.id', 'in', ids)
      .execute();
    const before = new Map(due.map((d) => [d.id, d.may_have_gone]));
    return rows.map((row) => ({ ...row, mayHaveGone: before.get(row.id)! }));
  });
}

/**
 * Asked just before a taken message is handed to the mail server, since what the round read when
 * it took the message may be stale: its wave may have closed ('closed'; the close deleted its
 * row), its row may have gone ('gone': its person taken off the list or moved to another team,
 * or its team's codes switched), or its wave's deadline may be past `at` ('past-deadline':
 * brought forward). Otherwise ('send') marks the message as one that may have gone, in the same
 * statement: a person taken off the list from now on, and put back, is not invited again (a
 * second personal code), while one taken off before is, their message never having gone
 * (`replaceRecipients`). `settleMessages` clears the mark if the server refused it in words.
 * Primary-key lookups only.
 */
export async function confirmSending(
  db: Db,
  message: { id: string; waveId: string },
  at: Date,
): Promise<'send' | 'closed' | 'gone' | 'past-deadline'> {
  const { rows } = await sql<{ status: string; closesAt: Date | null; marked: boolean }>`
    with marked as (
      update mail_outbox set may_have_gone = true
      from wave
      where mail_outbox.id = ${message.id} and wave.id = mail_outbox.wave_id and wave.status = 'open'
        and (wave.closes_at is null or wave.closes_at > ${at})
      returning mail_outbox.id
    )
    select status, closes_at as "closesAt", exists (select 1 from marked) as marked
    from wave where id = ${message.waveId}`.execute(db);
  const wave = rows[0];
  if (wave?.status !== 'open') return 'closed';
  if (wave.closesAt !== null && wave.closesAt <= at) return 'past-deadline';
  return wave.marked ? 'send' : 'gone';
}

/** Invitations of a team still to be sent (taken or not), for drawing its codes together. */
export async function waitingInvitations(db: Db, waveId: string, teamId: string): Promise<number> {
  const row = await db
    .selectFrom('mail_outbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('wave_id', '=', waveId)
    .where('team_id', '=', teamId)
    .where('kind', '=', 'invitation')
    .where('failed', '=', false)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Stores the hashes of personal codes drawn for a team's invitations (and spares), in one
 * statement, in the order given: one that does not follow the order of sending, so neither the
 * rows' physical order nor their transaction tells who got which (A3, A6). The hashes go as one
 * array parameter rather than three parameters a row: a team of 20,000 recipients draws 24,000
 * codes, past the 65,535 parameters a statement can carry. Takes a share lock on the wave so a
 * close, or a switch of the team's codes, cannot pass in between: a closed wave keeps no
 * invitation rows, and no code is stored for one ('closed': its messages are dropped, not sent); a
 * switch of codes since the messages were taken voided the team's unused codes and queued its
 * invitations again ('changed': these are not sent with a code, so no one holds two).
 */
export async function storePersonalCodes(
  db: Db,
  taken: { waveId: string; teamId: string; messageIds: readonly string[] },
  codeHashes: readonly string[],
): Promise<'stored' | 'closed' | 'changed'> {
  return db.transaction().execute(async (trx) => {
    const wave = await trx
      .selectFrom('wave')
      .select('status')
      .where('id', '=', taken.waveId)
      .forShare()
      .executeTakeFirst();
    if (wave?.status !== 'open') return 'closed';
    const team = await trx
      .selectFrom('wave_team')
      .select('personal_codes')
      .where('wave_id', '=', taken.waveId)
      .where('team_id', '=', taken.teamId)
      .executeTakeFirst();
    const still = await trx
      .selectFrom('mail_outbox')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('id', 'in', [...taken.messageIds])
      .executeTakeFirstOrThrow();
    if (!team?.personal_codes || Number(still.count) !== taken.messageIds.length) return 'changed';
    if (codeHashes.length > 0)
      await sql`
        insert into invitation (code_hash, wave_id, team_id)
        select code_hash, ${taken.waveId}::uuid, ${taken.teamId}::uuid
        from unnest(${codeHashes}::text[]) as drawn (code_hash)`.execute(trx);
    return 'stored';
  });
}

/** The codes among `codes` whose rows are still stored unused for the wave (the others are void). */
export async function unusedCodesAmong(db: Db, waveId: string, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const hashes = new Map(codes.map((code) => [hashInvitationCode(code), code]));
  // One array parameter: a large team's spares run to thousands.
  const { rows } = await sql<{ code_hash: string }>`
    select code_hash from invitation
    where code_hash = any(${[...hashes.keys()]}::text[]) and wave_id = ${waveId} and not used`.execute(db);
  const stored = new Set(rows.map((row) => row.code_hash));
  return codes.filter((code) => stored.has(hashInvitationCode(code)));
}

/** What happened to the messages of one round of sending, for `settleMessages` to record. */
export interface RoundOutcome {
  sent: readonly { id: string; waveId: string; teamId: string }[];
  dropped: readonly string[];
  /**
   * `error`: what the server said of this message; null when it was not handed over this round.
   * `mayHaveGone`: whether it may have been delivered, by this round (a send lost with the
   * connection) or an earlier one; false only when every send of it was certainly not delivered.
   */
  retry: readonly {
    id: string;
    at: Date;
    error: string | null;
    attemptsBack: boolean;
    mayHaveGone: boolean;
  }[];
  failed: readonly { id: string; waveId: string; teamId: string; error: string; mayHaveGone: boolean }[];
}

/**
 * Records what happened to the messages of one round of sending, in one transaction. A message
 * whose row went meanwhile (its person taken off the list, its wave closed) is counted nowhere:
 * the counts of a closed wave stay as its close left them.
 */
export async function settleMessages(db: Db, outcome: RoundOutcome): Promise<void> {
  // What went out must be recorded, or it goes out again when its lease ends: a deadlock with a
  // consultant's change to the same team's rows is tried again rather than given up.
  for (let attempt = 1; ; attempt++) {
    try {
      await db.transaction().execute((trx) => settleIn(trx, outcome));
      return;
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (attempt >= 3 || (code !== '40P01' && code !== '40001')) throw error;
    }
  }
}

async function settleIn(trx: Trx, outcome: RoundOutcome): Promise<void> {
  const done = [...outcome.sent.map((m) => m.id), ...outcome.dropped];
  const sentIds = new Set(outcome.sent.map((m) => m.id));
  // Only messages still queued are counted as sent: one whose row went while it was sent (its
  // wave closed, its person taken off the list) must not add to counts the close has settled.
  const deleted =
    done.length > 0
      ? await trx
          .deleteFrom('mail_outbox')
          .where('id', 'in', done)
          .returning(['id', 'wave_id as waveId', 'team_id as teamId'])
          .execute()
      : [];
  for (const message of [...outcome.retry].sort((a, b) => a.id.localeCompare(b.id))) {
    await trx
      .updateTable('mail_outbox')
      .set((eb) => ({
        next_attempt_at: message.at,
        may_have_gone: message.mayHaveGone,
        ...(message.error === null ? {} : { last_error: message.error }),
        // A message that was never tried (the server was down) keeps its attempts.
        ...(message.attemptsBack ? { attempts: eb('attempts', '-', 1) } : {}),
      }))
      .where('id', '=', message.id)
      .execute();
  }
  // Only messages still queued are counted as given up: one whose row went meanwhile (its person
  // taken off the list) is no failure anyone can correct, and would stay counted with no address.
  const givenUp: { waveId: string; teamId: string }[] = [];
  for (const mayHaveGone of [false, true]) {
    const ids = outcome.failed.filter((m) => m.mayHaveGone === mayHaveGone).map((m) => m.id);
    if (ids.length > 0)
      givenUp.push(
        ...(await trx
          .updateTable('mail_outbox')
          .set({ failed: true, may_have_gone: mayHaveGone })
          .where('id', 'in', ids)
          .returning(['wave_id as waveId', 'team_id as teamId'])
          .execute()),
      );
  }
  // Counts per team, which outlive the wave's addresses; in one order, so two instances settling
  // the same teams never wait on each other crosswise.
  const counts = new Map<string, { waveId: string; teamId: string; sent: number; failed: number }>();
  const count = (m: { waveId: string; teamId: string }, field: 'sent' | 'failed') => {
    const key = `${m.waveId}:${m.teamId}`;
    const entry = counts.get(key) ?? { waveId: m.waveId, teamId: m.teamId, sent: 0, failed: 0 };
    entry[field] += 1;
    counts.set(key, entry);
  };
  for (const m of deleted) if (sentIds.has(m.id)) count(m, 'sent');
  for (const m of givenUp) count(m, 'failed');
  for (const key of [...counts.keys()].sort()) {
    const entry = counts.get(key)!;
    await trx
      .updateTable('wave_team')
      .set((eb) => ({
        mail_sent: eb('mail_sent', '+', entry.sent),
        mail_failed: eb('mail_failed', '+', entry.failed),
      }))
      .where('wave_id', '=', entry.waveId)
      .where('team_id', '=', entry.teamId)
      .execute();
  }
}

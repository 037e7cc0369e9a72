import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { hashInvitationCode } from '../db/responses.ts';
import type { QuestionnaireCatalog } from '../questionnaires/catalog.ts';
import { newInvitationCode } from '../waves/invitation-codes.ts';
import { composeMessage, mailLocale } from './messages.ts';
import {
  type ClaimedMessage,
  claimDueMessages,
  confirmSending,
  type RoundOutcome,
  settleMessages,
  storePersonalCodes,
  unusedCodesAmong,
  waitingInvitations,
} from './outbox.ts';
import { classifySendFailure, type MailTransport, refusedOnPolicy, refusedOutright } from './transport.ts';

/** A message refused for now is tried again after 1, 2, 4, 8 and 16 minutes, then given up. */
export const MAX_ATTEMPTS = 6;
/** Spare personal codes drawn with a team's: at least 5, or a fifth of its waiting invitations. */
const SPARE_MIN = 5;
const SPARE_SHARE = 0.2;
/** Refusals on policy, with nothing sent, that make a round's refusals the server's, not the addresses'. */
const POLICY_REFUSALS_FOR_SERVER = 3;
/** How long a policy refusal counts towards that: past the retries' own ladder (31 min). */
const POLICY_WINDOW_MS = 60 * 60_000;
/** How long a taken message is left to this instance before another may take it again. */
const LEASE_MS = 10 * 60_000;

export interface MailRound {
  sent: number;
  retried: number;
  failed: number;
}

export interface MailTask {
  start(): void;
  /** Sends one round of due messages now (at most the rate allows per interval). */
  runOnce(now?: Date): Promise<MailRound>;
  stop(): Promise<void>;
}

/**
 * Sends queued invitations and reminders in the background, at most `perMinute` a minute.
 * The queue is in the database, so a restart loses nothing, and several instances share it
 * (`claimDueMessages`). A mail server that cannot be reached delays everything and costs no
 * message a try: sending resumes, ever more patiently, until it answers. A message the server
 * refuses for now is retried a few times; one it refuses for good is given up and counted. What
 * a round sent is recorded before the next takes anything, even when the database is away for a
 * while (`record`), and each message is confirmed just before it goes (`confirmSending`), so a
 * wave closed or a person taken off the list meanwhile is sent nothing more.
 *
 * No address is ever logged; the log says how many messages went, per round.
 */
export function createMailTask(options: {
  db: Kysely<Database>;
  catalog: QuestionnaireCatalog;
  log: FastifyBaseLogger;
  transport: MailTransport;
  publicUrl: string;
  perMinute: number;
  intervalMs?: number;
  now?: () => Date;
}): MailTask {
  const clock = options.now ?? (() => new Date());
  // Every 5 s, or less often when the rate allows fewer than one message per 5 s.
  const intervalMs = options.intervalMs ?? Math.max(5000, Math.ceil(60_000 / options.perMinute));
  const perRound = Math.max(1, Math.floor((options.perMinute * intervalMs) / 60_000));
  let outages = 0;
  /** Messages refused on policy since a message last went: when, by id; see `round`. */
  const policyRefused = new Map<string, number>();
  /** Codes drawn and stored for a team but not yet sent, by wave and team; see `round`. */
  const spareCodes = new Map<string, string[]>();
  /** While the mail server is away, nothing is taken from the queue (and no code is drawn). */
  let pausedUntil = 0;
  /** A round's outcome the database did not take; see `record`. */
  let unrecorded: { outcome: RoundOutcome; leaseEnds: number } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<MailRound> | null = null;
  let stopped = false;

  function compose(message: ClaimedMessage, code: string | null) {
    const definition = options.catalog.get(message.questionnaireKey, message.questionnaireVersion);
    const locale = mailLocale(message.locale ?? definition?.defaultLocale);
    const link = `${options.publicUrl}/s/${message.linkCode}${code ? `?code=${code}` : ''}`;
    return {
      locale,
      ...composeMessage({
        kind: message.kind,
        locale,
        organizationName: message.organizationName,
        waveTitle: message.waveTitle,
        teamName: message.teamName,
        closesAt: message.closesAt,
        link,
        personalCode: code,
        personalCodes: message.personalCodes,
        anonymityThreshold: message.anonymityThreshold,
      }),
    };
  }

  async function round(now: Date): Promise<MailRound> {
    const result: MailRound = { sent: 0, retried: 0, failed: 0 };
    // What an earlier round sent but could not record (a connection lost, a failover) is recorded
    // before anything new is taken, and until it is nothing goes: its messages stay leased
    // meanwhile, so an outage shorter than the lease sends nothing twice, and nobody gets a second
    // personal code. Past the lease they may go again (docs/anonymity.md, "At least once").
    if (unrecorded) await record(unrecorded.outcome, unrecorded.leaseEnds, now.getTime());
    if (now.getTime() < pausedUntil) return result;
    const claimed = await claimDueMessages(options.db, now, perRound, LEASE_MS);
    if (claimed.length === 0) return result;
    const started = performance.now();
    const sent: { id: string; waveId: string; teamId: string }[] = [];
    const dropped: string[] = [];
    const retry: RoundOutcome['retry'][number][] = [];
    const failed: RoundOutcome['failed'][number][] = [];

    // Personal codes are drawn when their messages go out, never queued beside an address, and
    // a team's codes are drawn together: all its invitations waiting, plus spares, their hashes
    // stored in one statement (`storePersonalCodes`). The spares stay in this process's memory and
    // serve people added later, so a late addition's code is one row among its team's rather than
    // a row of its own that timing could tie to them. Nothing keeps which code went to whom (A3);
    // after a restart the unsent spares are forgotten, unusable by anyone.
    const codes = new Map<string, string>();
    const byTeam = new Map<string, ClaimedMessage[]>();
    /** Messages not sent this round that wait for the next, their tries given back. */
    const later = new Set<string>();
    /** Not handed to the server this round: its try given back, its code (if any) to the spares. */
    const putBack = (message: ClaimedMessage, at: Date) => {
      retry.push({ id: message.id, at, error: null, attemptsBack: true, mayHaveGone: message.mayHaveGone });
      keepSpare(message, codes.get(message.id) ?? null);
    };
    /** Put back before the round sends anything: it waits for the next round, whatever happens. */
    const holdOver = (message: ClaimedMessage, at: Date) => {
      putBack(message, at);
      later.add(message.id);
    };
    /** Refused while the mail server is away: its try given back, due again once the pause ends. */
    const waitForServer = (message: ClaimedMessage, error: string, mayHaveGone: boolean) => {
      retry.push({ id: message.id, at: backoffAfterOutage(now), error, attemptsBack: true, mayHaveGone });
    };
    /**
     * Refused for itself: given up at once when `forGood`, or after MAX_ATTEMPTS tries; else tried
     * again a minute later, each wait twice the last.
     */
    const retryOrGiveUp = (message: ClaimedMessage, error: string, mayHaveGone: boolean, forGood = false) => {
      if (forGood || message.attempts >= MAX_ATTEMPTS) failed.push({ ...message, error, mayHaveGone });
      else
        retry.push({
          id: message.id,
          at: new Date(now.getTime() + 60_000 * 2 ** (message.attempts - 1)),
          error,
          attemptsBack: false,
          mayHaveGone,
        });
    };
    for (const message of claimed) {
      // A wave that closed while its messages waited needs none, nor its spare codes.
      if (message.waveStatus !== 'open') {
        dropped.push(message.id);
        forgetSpares(message.waveId);
        continue;
      }
      // One whose closing time passed is about to close, but its deadline may still be moved
      // (PATCH closesAt until it closes): its messages wait rather than go, and are not lost.
      if (message.closesAt && message.closesAt <= now) {
        holdOver(message, new Date(now.getTime() + 60_000));
        continue;
      }
      if (message.kind === 'invitation' && message.personalCodes) {
        const key = `${message.waveId}:${message.teamId}`;
        byTeam.set(key, [...(byTeam.get(key) ?? []), message]);
      }
    }
    for (const [key, messages] of byTeam) {
      const { waveId, teamId } = messages[0]!;
      try {
        // Spares whose rows are gone (the team's codes were turned off and on again, which voids
        // the unused ones) would reach people as codes that do not work: only those still stored
        // serve. The ones about to be handed out are checked, not every spare (a large team has
        // thousands, and a round may take only a few): a switch voids a team's spares all
        // together, so when one of these is void, the whole pool is checked once.
        let pool = spareCodes.get(key) ?? [];
        const next = pool.slice(-messages.length);
        if (next.length > 0 && (await unusedCodesAmong(options.db, waveId, next)).length < next.length)
          pool = await unusedCodesAmong(options.db, waveId, pool);
        if (pool.length < messages.length) {
          const waiting = await waitingInvitations(options.db, waveId, teamId);
          const size =
            Math.max(messages.length, waiting) + Math.max(SPARE_MIN, Math.ceil(waiting * SPARE_SHARE));
          const drawn = Array.from({ length: size }, newInvitationCode);
          // The whole team's batch at once, however large (a list holds at most 20,000): smaller
          // batches would each share a transaction, which ties their rows to the people of their
          // round. Stored in the order of their hashes, which is a random order unrelated to the
          // order the codes are handed out in (a hash of a random code is itself random), so the
          // rows' physical order says nothing of who got which: a shuffle, without a draw of
          // random numbers that grows with the batch.
          const stored = await storePersonalCodes(
            options.db,
            { waveId, teamId, messageIds: messages.map((message) => message.id) },
            drawn.map((code) => hashInvitationCode(code)).sort(),
          );
          if (stored !== 'stored') spareCodes.delete(key);
          if (stored === 'closed') {
            for (const message of messages) dropped.push(message.id);
            continue;
          }
          if (stored === 'changed') {
            // The team's codes were switched meanwhile, which re-queued its invitations: these go
            // as the next round finds them, or not at all, never with a code beside a new one.
            for (const message of messages) holdOver(message, now);
            continue;
          }
          pool = [...pool, ...drawn];
        }
        for (const message of messages) codes.set(message.id, pool.pop()!);
        spareCodes.set(key, pool);
      } catch (error) {
        // The database refused the team's codes: its invitations wait, their tries given back (no
        // code of theirs went anywhere), and the rest of the round goes on rather than leaving
        // every message it took leased for the lease's length, a try charged.
        options.log.warn(
          { waiting: messages.length, reason: describe(error) },
          'personal codes could not be drawn; their invitations wait',
        );
        for (const message of messages) holdOver(message, new Date(now.getTime() + 60_000));
      }
    }

    let unavailable: string | null = null;
    /** Set when the database could not confirm a message: the rest of the round waits. */
    let unconfirmed: string | null = null;
    /** Waves found closed during the round: their other messages are dropped without asking. */
    const closed = new Set<string>();
    // Refusals on policy (5.7.x) are held to the end of the round, which tells whose they are:
    // if any message went, the addresses' own, given up; if none went and three or more messages
    // have been refused so since one last went (this round or earlier ones), the server's (a relay
    // that will not relay for this sender), and nothing is given up or charged a try; fewer, and
    // it cannot be told: tried again later, each at the cost of a try, so an address truly
    // refused is given up in the end.
    const held: { message: ClaimedMessage; reason: string; mayHaveGone: boolean }[] = [];
    // A message not handed to the server this round keeps its error (null: none of its own).
    for (const message of claimed) {
      if (dropped.includes(message.id) || later.has(message.id)) continue;
      const code = codes.get(message.id) ?? null;
      if (closed.has(message.waveId)) {
        dropped.push(message.id);
        continue;
      }
      if (unavailable !== null) {
        // Never handed to the server: no error of its own, so a put-back knows it never went.
        putBack(message, backoffAfterOutage(now));
        continue;
      }
      const elapsed = performance.now() - started;
      // A slow server must not let the lease run out under this round, nor a stopping server wait
      // for it, nor a database that cannot be asked let messages go unrecorded: the rest wait for
      // the next round (of this instance or another).
      if (elapsed > LEASE_MS / 2 || stopped || unconfirmed !== null) {
        putBack(message, now);
        continue;
      }
      // The deadline may pass while a slow round sends: nothing goes for a survey that has closed.
      if (message.closesAt && message.closesAt.getTime() <= now.getTime() + elapsed) {
        putBack(message, new Date(now.getTime() + 60_000));
        continue;
      }
      let composed: ReturnType<typeof compose>;
      try {
        composed = compose(message, code);
      } catch (error) {
        // A message that cannot be written never will be; it must not hold back the round.
        failed.push({ ...message, error: describe(error) });
        keepSpare(message, code);
        continue;
      }
      // What the round read when it took the message may be stale by now: the wave closed (which
      // forgets its recipients), the person was taken off the list or moved, the deadline was
      // brought forward. One look just before the send, by primary keys, so nothing goes that the
      // consultant has stopped; only a send already under way when they do still goes.
      let state: Awaited<ReturnType<typeof confirmSending>>;
      try {
        state = await confirmSending(options.db, message, new Date(now.getTime() + elapsed));
      } catch (error) {
        unconfirmed = describe(error);
        putBack(message, now);
        continue;
      }
      if (state === 'closed') {
        closed.add(message.waveId);
        forgetSpares(message.waveId);
        dropped.push(message.id);
        continue;
      }
      if (state === 'gone') {
        // Nothing left to record of it; its code never went, so it serves someone else.
        dropped.push(message.id);
        keepSpare(message, code);
        continue;
      }
      if (state === 'past-deadline') {
        putBack(message, new Date(now.getTime() + 60_000));
        continue;
      }
      try {
        await options.transport.send({
          to: message.email,
          subject: composed.subject,
          text: composed.text,
          html: composed.html,
          language: composed.locale,
        });
        sent.push(message);
      } catch (error) {
        const kind = classifySendFailure(error);
        const reason = describe(error);
        // A message the server refused in words was not delivered: its code serves someone else,
        // and its person, if taken off the list and put back, is invited again. One lost with the
        // connection may have been: its code is never handed out again, nor its person invited
        // twice (`may_have_gone`, see `replaceRecipients`).
        const refused = refusedOutright(error);
        const mayHaveGone = message.mayHaveGone || !refused;
        if (refused) keepSpare(message, code);
        if (kind === 'permanent' && refusedOnPolicy(error)) {
          held.push({ message, reason, mayHaveGone });
          continue;
        }
        if (kind === 'server-unavailable') {
          outages += 1;
          unavailable = reason;
          waitForServer(message, reason, mayHaveGone);
        } else retryOrGiveUp(message, reason, mayHaveGone, kind === 'permanent');
      }
    }
    // Counted across rounds too, until a message goes: rounds of one or two (a low
    // MAIL_PER_MINUTE, a late addition) still tell a relay refusing everyone from one address.
    if (sent.length > 0) policyRefused.clear();
    else for (const { message } of held) policyRefused.set(message.id, now.getTime());
    // Only recent refusals of messages still waiting count: one given up days ago says nothing
    // about the relay now.
    for (const [id, at] of policyRefused) if (now.getTime() - at > POLICY_WINDOW_MS) policyRefused.delete(id);
    if (sent.length > 0)
      for (const { message, reason, mayHaveGone } of held)
        failed.push({ ...message, error: reason, mayHaveGone });
    else if (held.length > 0 && policyRefused.size >= POLICY_REFUSALS_FOR_SERVER) {
      outages += 1;
      unavailable ??= held[0]!.reason;
      for (const { message, reason, mayHaveGone } of held) waitForServer(message, reason, mayHaveGone);
    } else for (const { message, reason, mayHaveGone } of held) retryOrGiveUp(message, reason, mayHaveGone);
    for (const { id } of failed) policyRefused.delete(id);
    for (const id of dropped) policyRefused.delete(id);
    if (unavailable === null) {
      outages = 0;
      pausedUntil = 0;
    } else pausedUntil = backoffAfterOutage(now).getTime();
    // On the round's clock as it is now: a send that hung may have outlasted the lease.
    const ended = now.getTime() + (performance.now() - started);
    await record({ sent, dropped, retry, failed }, now.getTime() + LEASE_MS, ended);
    result.sent = sent.length;
    result.retried = retry.length;
    result.failed = failed.length;
    if (unavailable !== null)
      options.log.warn(
        { sent: result.sent, waiting: retry.length, reason: unavailable },
        'the mail server is not reachable; messages wait and are sent when it is',
      );
    else if (result.sent + result.failed > 0)
      options.log.info({ sent: result.sent, failed: result.failed, retried: result.retried }, 'mail sent');
    if (unconfirmed !== null)
      options.log.warn(
        { sent: result.sent, waiting: retry.length, reason: unconfirmed },
        'the database could not be asked before a send; the rest of the round waits',
      );
    return result;
  }

  /**
   * Records a round's outcome, or keeps it to record before the next round takes anything: the
   * messages it sent stay leased until then, rather than going again when the lease ends.
   */
  async function record(outcome: RoundOutcome, leaseEnds: number, now: number): Promise<void> {
    // Once the lease has ended, another round (of this instance or another) may hold these
    // messages and be sending them: only what went is recorded then (rows deleted, counts). Their
    // retry times, tries and `may_have_gone` are the new holder's to write, not this old round's.
    const recorded = now < leaseEnds ? outcome : { ...outcome, retry: [], failed: [] };
    try {
      await settleMessages(options.db, recorded);
      unrecorded = null;
    } catch (error) {
      unrecorded = { outcome: recorded, leaseEnds };
      throw error;
    }
  }

  /** Gives a code drawn for a message that did not go back to its team's spares (A3: no code has a row of its own). */
  function keepSpare(message: ClaimedMessage, code: string | null) {
    if (code === null) return;
    const key = `${message.waveId}:${message.teamId}`;
    spareCodes.set(key, [...(spareCodes.get(key) ?? []), code]);
  }

  function forgetSpares(waveId: string) {
    for (const key of spareCodes.keys()) if (key.startsWith(`${waveId}:`)) spareCodes.delete(key);
  }

  /** 15 s after the first failure, doubling each time the server is still away, at most 5 min. */
  function backoffAfterOutage(now: Date): Date {
    return new Date(now.getTime() + Math.min(5 * 60_000, 15_000 * 2 ** Math.max(0, outages - 1)));
  }

  const runOnce = (now: Date = clock()) => {
    running ??= round(now).finally(() => {
      running = null;
    });
    return running;
  };

  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      runOnce()
        .catch((err: unknown) => options.log.warn({ err }, 'sending mail failed; trying again'))
        .finally(() => schedule(intervalMs));
    }, delay);
    timer.unref();
  };

  return {
    start: () => schedule(0),
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
      // Once more before the process goes; failing that, what it sent goes again after its lease.
      if (unrecorded)
        await record(unrecorded.outcome, unrecorded.leaseEnds, clock().getTime()).catch((err: unknown) =>
          options.log.warn({ err }, 'what was sent could not be recorded; it may be sent again'),
        );
      options.transport.close();
    },
  };
}

/** An error's words without any address in them (A2: no address reaches a log or a column it need not). */
function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/[^\s<>@]+@[^\s<>@]+/g, '<address>').slice(0, 300);
}

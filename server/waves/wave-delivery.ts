import { type Kysely, sql } from 'kysely';
import { audit } from '../db/audit.ts';
import type { Database } from '../db/database.ts';
import { type WaveRecord, waveColumns } from '../db/waves.ts';
import { queueInvitations, queueReminders, type RecipientInput, replaceRecipients } from '../mail/outbox.ts';
import {
  lockWave,
  openWave,
  refuseIfPastDeadline,
  type WaveActor,
  WaveStateError,
} from './wave-lifecycle.ts';

/**
 * Reaching the people of a wave: its recipients, reminders, its schedule (opening time and
 * reminder days) and which teams need personal codes. Each change is one transaction with its
 * audit entry, on the wave's locked row, so a close never interleaves with it; an open wave past
 * its deadline takes none (`refuseIfPastDeadline`). Audit entries hold counts, never an address.
 */

type Db = Kysely<Database>;

export async function setRecipients(
  db: Db,
  waveId: string,
  recipients: readonly RecipientInput[],
  actor: WaveActor,
  now: Date,
): Promise<{ invited: number }> {
  return db.transaction().execute(async (trx) => {
    const wave = await lockWave(trx, waveId);
    if (!wave) throw new WaveStateError('wave.not-found');
    if (wave.status === 'closed') throw new WaveStateError('wave.closed-recipients-gone');
    refuseIfPastDeadline(wave, now);
    const invited = await replaceRecipients(trx, wave, recipients);
    await audit(trx, {
      organizationId: wave.organizationId,
      actor,
      action: 'wave.recipients',
      detail: { waveId, recipients: recipients.length, invited },
    });
    return { invited };
  });
}

/** A reminder to every recipient of an open wave; returns how many were queued. */
export async function sendReminders(db: Db, waveId: string, actor: WaveActor, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const wave = await lockWave(trx, waveId);
    if (!wave) throw new WaveStateError('wave.not-found');
    if (wave.status !== 'open') throw new WaveStateError('wave.reminders-need-open', { status: wave.status });
    refuseIfPastDeadline(wave, now);
    const queued = await queueReminders(trx, waveId);
    if (queued === 0) throw new WaveStateError('wave.no-recipients');
    await audit(trx, {
      organizationId: wave.organizationId,
      actor,
      action: 'wave.remind',
      detail: actor ? { waveId, recipients: queued } : { waveId, recipients: queued, by: 'schedule' },
    });
    return queued;
  });
}

export async function setPersonalCodes(
  db: Db,
  waveId: string,
  team: { teamId: string; teamKey: string },
  personalCodes: boolean,
  actor: WaveActor,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const wave = await lockWave(trx, waveId);
    if (!wave) throw new WaveStateError('wave.not-found');
    if (wave.status === 'closed') throw new WaveStateError('wave.closed');
    refuseIfPastDeadline(wave, now);
    const before = await trx
      .selectFrom('wave_team')
      .select('personal_codes')
      .where('wave_id', '=', waveId)
      .where('team_id', '=', team.teamId)
      .executeTakeFirst();
    await trx
      .updateTable('wave_team')
      .set({ personal_codes: personalCodes })
      .where('wave_id', '=', waveId)
      .where('team_id', '=', team.teamId)
      .execute();
    if (personalCodes && before?.personal_codes === false) {
      // Codes left from an earlier turn with codes (sent, spare or handed out) that nobody used
      // stop working: everyone is invited again with a new one, and no one may hold two.
      await trx
        .deleteFrom('invitation')
        .where('wave_id', '=', waveId)
        .where('team_id', '=', team.teamId)
        .where('used', '=', false)
        .execute();
    }
    if (personalCodes && before?.personal_codes === false && wave.status === 'open') {
      // The team's link now needs a code that those already invited never got: invite them again,
      // each with a code of their own.
      await trx
        .deleteFrom('mail_outbox')
        .where('wave_id', '=', waveId)
        .where('team_id', '=', team.teamId)
        .where('kind', '=', 'invitation')
        .where('failed', '=', false)
        .execute();
      await trx
        .updateTable('wave_recipient')
        .set({ invited: false })
        .where('wave_id', '=', waveId)
        .where('team_id', '=', team.teamId)
        .where('removed', '=', false)
        .execute();
      await queueInvitations(trx, waveId);
    }
    await audit(trx, {
      organizationId: wave.organizationId,
      actor,
      action: 'wave.personal-codes',
      detail: { waveId, teamKey: team.teamKey, personalCodes },
    });
  });
}

/** How far ahead a wave may be set to open or close. */
export const LONGEST_SCHEDULE_YEARS = 2;

/**
 * Whether `time` lies further ahead of `now` than a wave is ever planned: a slip of the year
 * (2062 for 2026), or a time past what dates can hold (10 pm on 31 December 9999 in New York is
 * the year 10000 in UTC, which the embedded database cannot store). A deadline that far away
 * would also keep the wave's link and codes open for good.
 */
export function tooFarAhead(time: Date, now: Date): boolean {
  const latest = new Date(now.getTime());
  latest.setUTCFullYear(latest.getUTCFullYear() + LONGEST_SCHEDULE_YEARS);
  return time > latest;
}

export interface ScheduleChange {
  opensAt?: Date | null;
  closesAt?: Date | null;
  reminderDays?: number[];
  locale?: string;
}

/**
 * Changes when a wave opens (while it is a draft), its deadline (until it closes: a wave running
 * late is given more time, or an early one cut short), when it reminds, and its emails' language.
 * Not once an open wave's deadline has passed: a later one would reopen what has closed.
 */
export async function updateSchedule(
  db: Db,
  waveId: string,
  change: ScheduleChange,
  actor: WaveActor,
  now: Date,
): Promise<WaveRecord> {
  return db.transaction().execute(async (trx) => {
    const wave = await lockWave(trx, waveId);
    if (!wave) throw new WaveStateError('wave.not-found');
    if (wave.status === 'closed') throw new WaveStateError('wave.closed');
    refuseIfPastDeadline(wave, now);
    const closesAt = change.closesAt !== undefined ? change.closesAt : wave.closesAt;
    if (change.closesAt && change.closesAt <= now) throw new WaveStateError('wave.closes-at-in-past');
    if (change.opensAt !== undefined) {
      if (wave.status !== 'draft') throw new WaveStateError('wave.already-open');
      if (change.opensAt && change.opensAt <= now) throw new WaveStateError('wave.opening-in-past');
      if (change.opensAt && closesAt && change.opensAt >= closesAt)
        throw new WaveStateError('wave.must-open-before-closing');
    } else if (change.closesAt && wave.status === 'draft' && wave.opensAt && wave.opensAt >= change.closesAt)
      throw new WaveStateError('wave.closes-before-opening');
    const updated = await trx
      .updateTable('wave')
      .set({
        ...(change.opensAt !== undefined ? { opens_at: change.opensAt } : {}),
        ...(change.closesAt !== undefined ? { closes_at: change.closesAt } : {}),
        ...(change.locale !== undefined ? { locale: change.locale } : {}),
        ...(change.reminderDays !== undefined
          ? {
              reminder_days: JSON.stringify(change.reminderDays),
              reminders_sent: remindersBehind(wave, change.reminderDays, now),
            }
          : {}),
      })
      .where('id', '=', waveId)
      .returning(waveColumns)
      .executeTakeFirstOrThrow();
    await audit(trx, {
      organizationId: wave.organizationId,
      actor,
      action: 'wave.schedule',
      detail: {
        waveId,
        ...(change.opensAt !== undefined ? { opensAt: change.opensAt } : {}),
        ...(change.closesAt !== undefined ? { closesAt: change.closesAt } : {}),
        ...(change.reminderDays !== undefined ? { reminderDays: change.reminderDays } : {}),
        ...(change.locale !== undefined ? { locale: change.locale } : {}),
      },
    });
    return updated;
  });
}

const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

/**
 * How many of a wave's new reminder days count as behind it (`reminders_sent`): a day already
 * past when the days are set is not sent late, and one still ahead will be. But a reminder that
 * fell due and that the schedule has not sent yet (it runs every little while) stays due if its
 * day is kept: saving the schedule, even to change only the emails' language, must not cancel it.
 */
export function remindersBehind(
  wave: Pick<WaveRecord, 'openedAt' | 'reminderDays' | 'remindersSent'>,
  days: readonly number[],
  now: Date,
): number {
  if (!wave.openedAt) return 0;
  const past = (day: number) => addDays(wave.openedAt!, day) <= now;
  const due = new Set(wave.reminderDays.slice(wave.remindersSent).filter(past));
  const behind = days.filter(past).length;
  return days.some((day) => past(day) && due.has(day)) ? behind - 1 : behind;
}

/**
 * The wave schedule's work, run by the same background task that closes waves at their
 * deadline: opens drafts whose opening time has come (their invitations go out then), and queues
 * the reminders that are due. After a pause (the server was down over a reminder day) a wave gets
 * one reminder, not one per missed day.
 */
export async function runSchedule(
  db: Db,
  now: Date,
  onFailure: (waveId: string, error: unknown) => void = () => {},
): Promise<{ opened: string[]; reminded: string[]; withoutTeams: string[] }> {
  const opened: string[] = [];
  // Due but left a draft: an import removed all their teams (`openWave` refuses them).
  const withoutTeams: string[] = [];
  const due = await db
    .selectFrom('wave')
    .select('id')
    .where('status', '=', 'draft')
    .where('opens_at', '<=', now)
    .execute();
  for (const { id } of due) {
    try {
      await openWave(db, id, null, now, true);
      opened.push(id);
    } catch (error) {
      // Another instance opened it first; or its closing time passed before it could open.
      if (error instanceof WaveStateError && error.code === 'wave.no-teams') withoutTeams.push(id);
      else if (!(error instanceof WaveStateError)) onFailure(id, error);
    }
  }

  const reminded: string[] = [];
  const { rows: candidates } = await sql<{ id: string }>`
    select id from wave
    where status = 'open' and opened_at is not null
      and jsonb_array_length(reminder_days) > reminders_sent
      and opened_at + ((reminder_days ->> reminders_sent)::int * interval '24 hours') <= ${now}
      and (closes_at is null or closes_at > ${now})`.execute(db);
  for (const { id } of candidates) {
    try {
      const sent = await db.transaction().execute(async (trx) => {
        const wave = await lockWave(trx, id);
        if (wave?.status !== 'open' || !wave.openedAt) return false;
        const dueDays = wave.reminderDays.filter((day) => addDays(wave.openedAt!, day) <= now).length;
        if (dueDays <= wave.remindersSent) return false;
        await trx.updateTable('wave').set({ reminders_sent: dueDays }).where('id', '=', id).execute();
        const queued = await queueReminders(trx, id);
        await audit(trx, {
          organizationId: wave.organizationId,
          actor: null,
          action: 'wave.remind',
          detail: { waveId: id, recipients: queued, by: 'schedule' },
        });
        return true;
      });
      if (sent) reminded.push(id);
    } catch (error) {
      onFailure(id, error);
    }
  }
  return { opened, reminded, withoutTeams };
}

import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { QuestionnaireCatalog } from '../questionnaires/catalog.ts';
import { warnSummedInPlace } from './seal-wave.ts';
import { runSchedule } from './wave-delivery.ts';
import { closeOverdueWaves } from './wave-lifecycle.ts';

export interface DeadlineTask {
  /** Starts checking: once now, then every interval. */
  start(): void;
  /** Runs one check now (the task also runs on its own); resolves with the waves it closed. */
  runOnce(): Promise<string[]>;
  /** Stops the timer and waits for a check in flight; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Runs the waves' clock: opens drafts at their opening time and queues due reminders
 * (`runSchedule`), and closes waves at their deadline without anyone reading them: checks once started and then every
 * `intervalMs`, so a wave closes at most that long after its deadline (its `closed_at` is the
 * deadline itself, and no answer is accepted past it). Safe with several instances on one
 * database (see `closeOverdueWaves`). A failed check is logged and tried again next time.
 */
export function createDeadlineTask(options: {
  db: Kysely<Database>;
  catalog: QuestionnaireCatalog;
  log: FastifyBaseLogger;
  intervalMs: number;
  now?: () => Date;
}): DeadlineTask {
  const now = options.now ?? (() => new Date());
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<string[]> | null = null;
  let stopped = false;
  // Drafts due to open that have no team left stay drafts for good: each is said once, not every check.
  const saidWithoutTeams = new Set<string>();

  const runOnce = () => {
    const at = now();
    running ??= closeOverdueWaves(
      options.db,
      options.catalog,
      at,
      (waveId, err) =>
        options.log.error(
          { err, waveId },
          'a wave past its deadline could not be closed; trying again next time',
        ),
      warnSummedInPlace(options.log),
    )
      .then(async (closed) => {
        if (closed.length > 0) options.log.info({ waves: closed.length }, 'closed waves at their deadline');
        // Then the rest of the waves' schedule: openings and reminders that are due.
        const { opened, reminded, withoutTeams } = await runSchedule(options.db, at, (waveId, err) =>
          options.log.error(
            { err, waveId },
            'a scheduled opening or reminder failed; trying again next time',
          ),
        );
        // The wave's id only: no link, code or address (A2).
        for (const waveId of withoutTeams.filter((id) => !saidWithoutTeams.has(id))) {
          saidWithoutTeams.add(waveId);
          options.log.warn(
            { waveId },
            'a wave due to open has no teams left (an import removed them); it stays a draft',
          );
        }
        if (opened.length + reminded.length > 0)
          options.log.info({ opened: opened.length, reminded: reminded.length }, 'ran the waves schedule');
        return closed;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      runOnce()
        .catch((err: unknown) => options.log.warn({ err }, 'closing waves at their deadline failed'))
        .finally(() => schedule(options.intervalMs));
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
    },
  };
}

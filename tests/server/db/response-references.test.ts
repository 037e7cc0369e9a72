import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../../server/db/database.ts';
import { arrayLiteral } from '../../../server/db/responses.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { PULSE_ITEMS, setUpAssessment } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';

/**
 * A response's wave and team are checked once per statement (see the migration
 * 2026-11-26T1400-response-checks-per-statement): these are the rules the foreign keys kept, and
 * the one they did not (a team of that wave).
 */
const sqlState = async (work: Promise<unknown>) => {
  try {
    await work;
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? 'no code';
  }
};

/** A wave of the assessment's teams, a response row for one of them, and the wave's count. */
async function waveWithTeamsOf(test: TestApp) {
  const db = test.handle.db;
  const { waveId, orgId } = await setUpAssessment(test);
  const teams = await db
    .selectFrom('team')
    .select(['id', 'key'])
    .where('organization_id', '=', orgId)
    .execute();
  const teamId = Object.fromEntries(teams.map((t) => [t.key, t.id])) as Record<string, string>;
  const row = (team: string, wave = waveId) => ({
    id: randomUUID(),
    wave_id: wave,
    team_id: team,
    questionnaire_version: 'trust-os-pulse@1.0.0',
    answers: arrayLiteral(PULSE_ITEMS.map(() => 4)),
    comment: null,
  });
  const count = async (wave = waveId) =>
    (await db.selectFrom('response').select('id').where('wave_id', '=', wave).execute()).length;
  return { waveId, orgId, teamId, row, count };
}

describe.each(testDatabases())('what a response may reference, on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database);
  });
  afterAll(() => test?.close());

  const db = () => test.handle.db;
  const waveWithTeams = () => waveWithTeamsOf(test);

  it('refuses an answer off the five-point scale, whoever writes it', async () => {
    const { teamId, row, count } = await waveWithTeams();
    const off = ['{6}', '{0}', '{4,-1}', '{{1,2},{3,4}}', '[2:3]={4,4}'];
    for (const answers of off)
      expect(
        await sqlState(
          db()
            .insertInto('response')
            .values({ ...row(teamId.ops!), answers })
            .execute(),
        ),
        answers,
      ).toBe('23514');
    expect(await count()).toBe(0);
    // Left-out items are nulls, anywhere in the array.
    await db()
      .insertInto('response')
      .values({ ...row(teamId.ops!), answers: '{1,NULL,5,NULL}' })
      .execute();
    expect(await count()).toBe(1);
  });

  it('stores responses of the wave’s own teams, in one statement', async () => {
    const { teamId, row, count } = await waveWithTeams();
    await db()
      .insertInto('response')
      .values([row(teamId.ops!), row(teamId.ops!), row(teamId.sales!)])
      .execute();
    expect(await count()).toBe(3);
  });

  it('refuses a whole statement when one response names a team of no wave, or of another wave', async () => {
    const first = await waveWithTeams();
    const second = await waveWithTeams();
    expect(
      await sqlState(
        db()
          .insertInto('response')
          .values([first.row(first.teamId.ops!), first.row(randomUUID())])
          .execute(),
      ),
    ).toBe('23503');
    // A team of the second organization, in a response of the first wave.
    expect(await sqlState(db().insertInto('response').values(first.row(second.teamId.ops!)).execute())).toBe(
      '23503',
    );
    expect(
      await sqlState(
        db().insertInto('response').values(first.row(first.teamId.ops!, randomUUID())).execute(),
      ),
    ).toBe('23503');
    expect(await first.count()).toBe(0);
  });

  it('refuses a response for a team of another organization, even one listed in the wave', async () => {
    const first = await waveWithTeams();
    const second = await waveWithTeams();
    // Only a script could write this pairing; the app never does. The team check on deletion
    // looks for a team's responses through its own organization's waves, so none may sit elsewhere.
    await db()
      .insertInto('wave_team')
      .values({ wave_id: first.waveId, team_id: second.teamId.ops!, code: `stray-${randomUUID()}` })
      .execute();
    expect(await sqlState(db().insertInto('response').values(first.row(second.teamId.ops!)).execute())).toBe(
      '23503',
    );
    expect(await first.count()).toBe(0);
  });

  it('refuses moving a response to a team outside its wave', async () => {
    const { teamId, row, waveId } = await waveWithTeams();
    const response = row(teamId.ops!);
    await db().insertInto('response').values(response).execute();
    expect(
      await sqlState(
        db().updateTable('response').set({ team_id: randomUUID() }).where('id', '=', response.id).execute(),
      ),
    ).toBe('23503');
    const kept = await db().selectFrom('response').select('team_id').where('wave_id', '=', waveId).execute();
    expect(kept).toEqual([{ team_id: teamId.ops }]);
  });

  it('keeps a team that has responses, with the SQLSTATE the team import answers to', async () => {
    const { teamId, row } = await waveWithTeams();
    await db().insertInto('response').values(row(teamId.sales!)).execute();
    expect(await sqlState(db().deleteFrom('team').where('id', '=', teamId.sales!).execute())).toBe('23503');
    const still = await db().selectFrom('team').select('id').where('id', '=', teamId.sales!).execute();
    expect(still).toHaveLength(1);
  });

  it('lets a team without responses go', async () => {
    const { teamId, row } = await waveWithTeams();
    await db().insertInto('response').values(row(teamId.ops!)).execute();
    await db().deleteFrom('team').where('id', '=', teamId.sales!).execute();
    expect(await db().selectFrom('team').select('id').where('id', '=', teamId.sales!).execute()).toEqual([]);
  });

  it('takes a wave’s responses with it when the wave is deleted, and no other wave’s', async () => {
    const first = await waveWithTeams();
    const second = await waveWithTeams();
    await db()
      .insertInto('response')
      .values([first.row(first.teamId.ops!), first.row(first.teamId.eng!)])
      .execute();
    await db().insertInto('response').values(second.row(second.teamId.ops!)).execute();
    await db().deleteFrom('wave').where('id', '=', first.waveId).execute();
    expect(await first.count()).toBe(0);
    expect(await second.count(second.waveId)).toBe(1);
  });

  it('leaves no foreign key on the response table to check row by row', async () => {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_catalog.pg_constraint
      where conrelid = 'response'::regclass and contype = 'f'`.execute(db());
    expect(rows[0]!.n).toBe(0);
  });
});

/**
 * Two sessions at once, which only PostgreSQL has: the answer's check locks the (wave, team)
 * pair it names, as a foreign key locks its parent, so a team removed at the same moment either
 * waits for the answer and is then refused, or goes first and the answer is refused.
 */
const onServer = testDatabases().filter((d) => d.name === 'postgres');
describe.runIf(onServer.length > 0)('an answer and a team removal at the same moment, on PostgreSQL', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(onServer[0]!);
  });
  afterAll(() => test?.close());
  const db = () => test.handle.db;

  /** Runs `first` in a transaction and holds it open until `end` says commit. */
  async function holdOpen(first: (trx: Transaction<Database>) => Promise<unknown>) {
    let end!: () => void;
    const ended = new Promise<void>((resolve) => {
      end = resolve;
    });
    let started!: () => void;
    const begun = new Promise<void>((resolve) => {
      started = resolve;
    });
    const outcome = db()
      .transaction()
      .execute(async (trx) => {
        await first(trx);
        started();
        await ended;
      });
    await Promise.race([begun, outcome]);
    return {
      commit() {
        end();
        return outcome;
      },
    };
  }

  /** Starts `second` in a transaction of its own and returns, once it waits for a lock, its outcome to come. */
  async function blocked(second: (trx: Transaction<Database>) => Promise<unknown>) {
    let pid = 0;
    let settled: string | null | undefined;
    const outcome = sqlState(
      db()
        .transaction()
        .execute(async (trx) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          pid = rows[0]!.pid;
          await second(trx);
        }),
    ).then((state) => {
      settled = state;
      return state;
    });
    await vi.waitFor(
      async () => {
        // Ended without waiting: fail at once, saying how.
        expect(settled, 'finished without waiting for a lock').toBeUndefined();
        const { rows } = await sql<{ waiting: string | null }>`
          select wait_event_type as waiting from pg_stat_activity where pid = ${pid}`.execute(db());
        expect(rows[0]?.waiting).toBe('Lock');
      },
      { timeout: 60_000, interval: 20 },
    );
    return { outcome };
  }

  it('makes a team removal wait for an answer in flight, then refuses it', async () => {
    const { teamId, row, count } = await waveWithTeamsOf(test);
    const answer = await holdOpen((trx) => trx.insertInto('response').values(row(teamId.ops!)).execute());
    let removal: { outcome: Promise<string | null> };
    try {
      removal = await blocked((trx) => trx.deleteFrom('team').where('id', '=', teamId.ops!).execute());
    } finally {
      // Never left open, or the pool would wait for it when the suite ends.
      await answer.commit();
    }
    expect(await removal.outcome).toBe('23503');
    expect(await db().selectFrom('team').select('id').where('id', '=', teamId.ops!).execute()).toHaveLength(
      1,
    );
    expect(await count()).toBe(1);
  });

  it('makes an answer wait for a team removal in flight, then refuses it', async () => {
    const { teamId, row, count } = await waveWithTeamsOf(test);
    const removal = await holdOpen((trx) => trx.deleteFrom('team').where('id', '=', teamId.sales!).execute());
    let answer: { outcome: Promise<string | null> };
    try {
      answer = await blocked((trx) => trx.insertInto('response').values(row(teamId.sales!)).execute());
    } finally {
      await removal.commit();
    }
    expect(await answer.outcome).toBe('23503');
    expect(await count()).toBe(0);
  });
});

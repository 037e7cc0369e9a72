import { randomUUID } from 'node:crypto';
import { type Kysely, type KyselyPlugin, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/db/database.ts';
import { createResponseIntake, IntakeStalled } from '../../../server/db/response-intake.ts';
import type { Submission } from '../../../server/db/responses.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, holdWave, issueCodes, PULSE_ITEMS, setUpAssessment } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';

/** Counts the statements a Kysely instance sends, so a test can tell one batch from many. */
function countStatements(db: Kysely<Database>) {
  const counter = { statements: 0 };
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      counter.statements += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), counter };
}

describe.each(testDatabases())('storing submissions that arrive together on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database);
  });
  afterAll(() => test?.close());

  async function assessment() {
    const setup = await setUpAssessment(test);
    const teams = await test.handle.db
      .selectFrom('wave_team')
      .innerJoin('team', 'team.id', 'wave_team.team_id')
      .select(['team.key', 'team.id'])
      .where('wave_team.wave_id', '=', setup.waveId)
      .execute();
    const teamId = Object.fromEntries(teams.map((t) => [t.key, t.id])) as Record<string, string>;
    const submission = (teamKey: string, extra: Partial<Submission> = {}): Submission => ({
      waveId: setup.waveId,
      teamId: teamId[teamKey]!,
      questionnaireVersion: 'trust-os-pulse@1.0.0',
      submissionId: randomUUID(),
      answers: PULSE_ITEMS.map(() => 4),
      comment: null,
      invitation: null,
      ...extra,
    });
    const stored = () =>
      test.handle.db
        .selectFrom('response')
        .select(['team_id', 'comment'])
        .where('wave_id', '=', setup.waveId)
        .execute();
    return { ...setup, teamId, submission, stored };
  }

  it('stores submissions that arrive in the same moment in one statement, each exactly once', async () => {
    const { submission, stored } = await assessment();
    const { db, counter } = countStatements(test.handle.db);
    const intake = createResponseIntake(db);
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, i) => intake.record(submission(i % 2 ? 'ops' : 'eng'))),
    );
    expect(outcomes).toEqual(Array(60).fill('recorded'));
    expect(counter.statements).toBe(1);
    const rows = await stored();
    expect(rows).toHaveLength(60);
    expect(rows.filter((r) => r.team_id === rows[0]!.team_id)).toHaveLength(30);
  });

  it('writes a lone submission at once, and batches what arrives while a write is in flight', async () => {
    const { submission, stored } = await assessment();
    const { db, counter } = countStatements(test.handle.db);
    const intake = createResponseIntake(db);
    const first = intake.record(submission('ops'));
    // Let the first write start, then send more while it is in flight.
    await new Promise((resolve) => setImmediate(resolve));
    const rest = Array.from({ length: 20 }, () => intake.record(submission('ops')));
    expect(await Promise.all([first, ...rest])).toEqual(Array(21).fill('recorded'));
    expect(counter.statements).toBe(2);
    expect(await stored()).toHaveLength(21);
  });

  it('stores copies of one submission in the same batch once, and tells the copies it was already recorded', async () => {
    const { submission, stored } = await assessment();
    const intake = createResponseIntake(test.handle.db);
    const original = submission('ops');
    const earlier = submission('ops');
    expect(await intake.record(earlier)).toBe('recorded');

    const outcomes = await Promise.all([
      intake.record(original),
      intake.record({ ...original }),
      intake.record(submission('eng')),
      intake.record({ ...earlier }),
      intake.record({ ...original }),
    ]);
    expect(outcomes).toEqual([
      'recorded',
      'already-recorded',
      'recorded',
      'already-recorded',
      'already-recorded',
    ]);
    expect(await stored()).toHaveLength(3);
  });

  it('tells each submission in a batch its own outcome: a team that needs an invitation, a closed wave', async () => {
    const { waveId, consultant, submission, stored } = await assessment();
    await issueCodes(test.app, consultant, waveId, 'sales', 2);
    const intake = createResponseIntake(test.handle.db);
    expect(await Promise.all([intake.record(submission('sales')), intake.record(submission('ops'))])).toEqual(
      ['invitation-required', 'recorded'],
    );

    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
    expect(await Promise.all([intake.record(submission('ops')), intake.record(submission('sales'))])).toEqual(
      ['closed', 'closed'],
    );
    expect(await stored()).toHaveLength(1);
  });

  it('consumes invitation codes in the statement that stores every answer of that moment (A3)', async () => {
    const { waveId, consultant, submission, stored } = await assessment();
    const { codes } = await issueCodes(test.app, consultant, waveId, 'sales', 3);
    const intake = createResponseIntake(test.handle.db);
    const retried = submission('sales', { invitation: codes[2] });
    const outcomes = await Promise.all([
      intake.record(submission('ops')),
      intake.record(submission('sales', { invitation: codes[0] })),
      intake.record(submission('sales', { invitation: codes[1] })),
      intake.record(submission('ops')),
      // The same code twice in one moment: one answer, and the second hears the code is used.
      intake.record(submission('sales', { invitation: codes[0] })),
      intake.record(submission('sales', { invitation: 'not-a-code-anyone-was-given' })),
      intake.record(submission('ops', { invitation: codes[1] })),
      intake.record(retried),
    ]);
    expect(outcomes).toEqual([
      'recorded',
      'recorded',
      'recorded',
      'recorded',
      'invitation-used',
      'invitation-unknown',
      'invitation-unknown',
      'recorded',
    ]);
    const used = await test.handle.db
      .selectFrom('invitation')
      .select('used')
      .where('wave_id', '=', waveId)
      .where('used', '=', true)
      .execute();
    expect(used).toHaveLength(3);
    // A retry of a stored invited answer stores nothing and spends no code.
    expect(await intake.record(retried)).toBe('already-recorded');
    expect(await stored()).toHaveLength(5);
    // Codes and link answers of that moment went in together: one transaction, not one per code.
    const { rows } = await sql<{ transactions: number }>`
      select count(distinct xmin::text)::int as transactions from response where wave_id = ${waveId}`.execute(
      test.handle.db,
    );
    expect(rows[0]!.transactions).toBe(1);
  });

  it('does not let one failing submission fail the others that shared its statement', async () => {
    const { submission, stored } = await assessment();
    const intake = createResponseIntake(test.handle.db);
    // A team that does not exist breaks the foreign key, and with it the batch's statement.
    const broken = submission('ops', { teamId: randomUUID() });
    const results = await Promise.allSettled([
      intake.record(submission('ops')),
      intake.record(broken),
      intake.record(submission('eng')),
    ]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 'recorded' },
      { status: 'fulfilled', value: 'team-left-wave' },
      { status: 'fulfilled', value: 'recorded' },
    ]);
    expect(await stored()).toHaveLength(2);
  });

  it('tells a whole batch at once that the database cannot serve, with one attempt, not one each', async () => {
    const { submission } = await assessment();
    const { db, counter } = countStatements(test.handle.db);
    // What the pool says when no connection comes within its timeout.
    const unavailable = db.withPlugin({
      transformQuery: () => {
        throw new Error('timeout exceeded when trying to connect');
      },
      transformResult: async (args) => args.result,
    });
    const intake = createResponseIntake(unavailable);
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => intake.record(submission(i % 2 ? 'ops' : 'eng'))),
    );
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(counter.statements).toBe(1);
  });

  it('tells senders to try again when the database does not answer in time, and stores a queued one never', async () => {
    const { submission, stored, waveId } = await assessment();
    const intake = createResponseIntake(test.handle.db, { patienceMs: 50 });
    // Another transaction holds the wave, as a close does: the intake's statement waits for it
    // until the test lets go (on the embedded database, it waits for the one connection).
    const hold = await holdWave(test.handle.db, waveId);
    const inFlight = submission('ops');
    const first = intake.record(inFlight);
    // Let its statement start, then queue a second behind it.
    await new Promise((resolve) => setImmediate(resolve));
    const queued = submission('eng');
    const second = intake.record(queued);
    const outcomes = await Promise.allSettled([first, second]);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(IntakeStalled);
    }

    await hold.letGo();
    // The statement in flight still ends; the queued submission was taken out before it was sent.
    const settled = createResponseIntake(test.handle.db);
    await expect.poll(async () => (await stored()).length).toBe(1);
    // Their retries: the first is answered as stored, the second is stored now, each once.
    expect(await settled.record({ ...inFlight })).toBe('already-recorded');
    expect(await settled.record({ ...queued })).toBe('recorded');
    expect(await stored()).toHaveLength(2);
  });

  it('stores any text a person can type in a comment exactly as typed, alone or in a batch', async () => {
    const { submission, stored } = await assessment();
    const intake = createResponseIntake(test.handle.db);
    const comments = [
      'NULL',
      'null',
      '',
      ' ',
      '{"a": 1}',
      '{1,2}',
      'back\\slash and "quotes", commas',
      "it's",
      'line one\nline two\r\n\ttabbed',
      'ünïcödé, 日本語, emoji 👩🏽‍💻',
      '=SUM(A1:A2)',
    ];
    await Promise.all(comments.map((comment) => intake.record(submission('ops', { comment }))));
    expect((await stored()).map((r) => r.comment).sort()).toEqual([...comments].sort());
  });

  it('does not store a batch in the order it arrived (A6)', async () => {
    const { submission, waveId } = await assessment();
    const intake = createResponseIntake(test.handle.db);
    const sent = Array.from({ length: 40 }, (_, i) => String(i));
    await Promise.all(sent.map((comment) => intake.record(submission('ops', { comment }))));
    // Physical order: what someone reading the table's pages would see.
    const { rows } = await sql<{ comment: string }>`
      select comment from response where wave_id = ${waveId} order by ctid`.execute(test.handle.db);
    expect(rows.map((r) => r.comment).sort((a, b) => Number(a) - Number(b))).toEqual(sent);
    // One chance in 40! of failing by coincidence.
    expect(rows.map((r) => r.comment)).not.toEqual(sent);
  });
});

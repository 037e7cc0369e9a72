import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FolderMigrationProvider,
  migrateDown,
  migrateToLatest,
  pendingMigrations,
} from '../../../server/db/migrations.ts';
import { arrayLiteral } from '../../../server/db/responses.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { PULSE_ITEMS, setUpAssessment, someAnswers } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';

const MIGRATION = '2026-11-27T1300-submission-key-128-bits';

describe.each(testDatabases())('submission keys of 128 bits on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database);
  });
  afterAll(() => test?.close());

  const submit = (code: string, submissionId: string) =>
    test.app.inject({
      method: 'POST',
      url: `/api/participate/${code}/responses`,
      payload: { submissionId, answers: someAnswers() },
    });
  const responseCount = async (waveId: string) =>
    (await test.handle.db.selectFrom('response').select('id').where('wave_id', '=', waveId).execute()).length;
  const keyCount = async (waveId: string) =>
    (
      await test.handle.db
        .selectFrom('submission_key')
        .select('wave_id')
        .where('wave_id', '=', waveId)
        .execute()
    ).length;

  it('still knows a retry of an answer stored before the upgrade, and refuses to roll back while keys are held', async () => {
    const { waveId, codes } = await setUpAssessment(test);
    const db = test.handle.db;

    // Back to just before the migration (later ones, if any, first), where a key is the whole
    // SHA-256 in hexadecimal, and an answer stored then, through the intake's function as the
    // rollback left it.
    while (!(await pendingMigrations(db)).includes(MIGRATION)) await migrateDown(db);
    const earlier = randomUUID();
    const wholeHash = createHash('sha256').update(`${waveId}:${earlier}`).digest('hex');
    const ops = await db
      .selectFrom('team')
      .innerJoin('wave_team', 'wave_team.team_id', 'team.id')
      .select('team.id')
      .where('wave_team.wave_id', '=', waveId)
      .where('team.key', '=', 'ops')
      .executeTakeFirstOrThrow();
    const { rows: storedThen } = await sql<{ key_hash: string }>`
      select key_hash from record_responses(
        ${waveId}, ${[wholeHash]}::text[], ${[randomUUID()]}::uuid[], ${[ops.id]}::uuid[],
        ${['trust-os-pulse@1.0.0']}::text[], ${[arrayLiteral(PULSE_ITEMS.map(() => 4))]}::text[],
        ${[null]}::text[], ${[null]}::text[], 3, 10) as recorded (key_hash)`.execute(db);
    expect(storedThen).toEqual([{ key_hash: wholeHash }]);
    expect(await responseCount(waveId)).toBe(1);

    await migrateToLatest(db);
    expect(await pendingMigrations(db)).toEqual([]);
    const { rows } = await sql<{ type: string }>`
      select data_type as type from information_schema.columns
      where table_schema = current_schema() and table_name = 'submission_key' and column_name = 'key_hash'`.execute(
      db,
    );
    expect(rows).toEqual([{ type: 'uuid' }]);

    // The retry is recognized, so its answer is not stored a second time; a new answer is.
    const retry = await submit(codes.ops!, earlier);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual({ status: 'already-recorded' });
    expect(await responseCount(waveId)).toBe(1);
    expect((await submit(codes.ops!, randomUUID())).statusCode).toBe(201);
    expect(await keyCount(waveId)).toBe(2);
    expect(await responseCount(waveId)).toBe(2);

    // The earlier code could not match these keys: rolling back refuses and changes nothing.
    // Later migrations, if any, are rolled back first.
    const laterApplied = Object.keys(await new FolderMigrationProvider().getMigrations())
      .filter((name) => name > MIGRATION)
      .sort();
    while ((await pendingMigrations(db)).length < laterApplied.length) await migrateDown(db);
    await expect(migrateDown(db)).rejects.toThrow(/close the waves that hold them before rolling back/);
    expect(await pendingMigrations(db)).toEqual(laterApplied);
    await migrateToLatest(db);
    expect(await pendingMigrations(db)).toEqual([]);
    expect(await keyCount(waveId)).toBe(2);
    expect((await submit(codes.ops!, earlier)).json()).toEqual({ status: 'already-recorded' });
  });
});

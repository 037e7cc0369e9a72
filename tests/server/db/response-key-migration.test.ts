import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDown, migrateToLatest, pendingMigrations } from '../../../server/db/migrations.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, setUpAssessment, someAnswers } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';

const MIGRATION = '2026-11-27T1600-response-key-by-wave-and-team';

describe.each(testDatabases())('one index for responses on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database);
  });
  afterAll(() => test?.close());

  const submit = (code: string) =>
    test.app.inject({
      method: 'POST',
      url: `/api/participate/${code}/responses`,
      payload: { submissionId: randomUUID(), answers: someAnswers() },
    });
  const indexes = async () => {
    const { rows } = await sql<{ indexdef: string }>`
      select indexdef from pg_indexes where tablename = 'response' and schemaname = current_schema()`.execute(
      test.handle.db,
    );
    return rows.map((r) => r.indexdef.replace(/^.* USING btree /, '')).sort();
  };
  const stored = async (waveId: string) =>
    (
      await test.handle.db
        .selectFrom('response')
        .select(['id', 'team_id', 'answers'])
        .where('wave_id', '=', waveId)
        .orderBy('id')
        .execute()
    ).map((r) => ({ ...r, answers: String(r.answers) }));

  it('moves answers stored on either side of the upgrade, and back, untouched; the close then seals them', async () => {
    const { waveId, codes, consultant } = await setUpAssessment(test);
    const db = test.handle.db;
    for (const team of ['ops', 'eng', 'ops']) expect((await submit(codes[team]!)).statusCode).toBe(201);
    const before = await stored(waveId);
    expect(before).toHaveLength(3);

    // Back to the two indexes (later migrations, if any, first), with the answers in place, and
    // an answer stored there.
    while (!(await pendingMigrations(db)).includes(MIGRATION)) await migrateDown(db);
    expect(await indexes()).toEqual(['(id)', '(wave_id, team_id)']);
    expect(await stored(waveId)).toEqual(before);
    expect((await submit(codes.sales!)).statusCode).toBe(201);
    const rolledBack = await stored(waveId);
    expect(rolledBack).toHaveLength(4);

    await migrateToLatest(db);
    expect(await pendingMigrations(db)).toEqual([]);
    expect(await indexes()).toEqual(['(wave_id, team_id, id)']);
    expect(await stored(waveId)).toEqual(rolledBack);
    expect((await submit(codes.eng!)).statusCode).toBe(201);

    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
    const sealed = await stored(waveId);
    expect(sealed).toHaveLength(5);
    // New ids, the same answers of the same teams.
    expect(sealed.filter((r) => rolledBack.some((old) => old.id === r.id))).toEqual([]);
    const shape = (rows: { team_id: string; answers: string }[]) =>
      rows.map((r) => `${r.team_id} ${r.answers}`).sort();
    expect(shape(sealed)).toEqual(expect.arrayContaining(shape(rolledBack)));
    const { rows } = await sql<{ transactions: number }>`
      select count(distinct xmin::text)::int as transactions from response where wave_id = ${waveId}`.execute(
      db,
    );
    expect(rows[0]!.transactions).toBe(1);
  });
});

import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../../server/accounts/tokens.ts';
import { hashInvitationCode } from '../../../server/db/responses.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { issueCodes, setUpAssessment, someAnswers } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';

// What ANONYMITY.md forbids next to an answer: people, addresses, agents and times (A1, A3, A4, A6).
const forbidden =
  /(^|_)(ip|address|agent|ua|email|user|person|name|created|updated|submitted|used_at|time|timestamp|at|date|seq|serial|order|position|response_id|invitation|code)($|_)/;

describe.each(testDatabases())('what is stored about respondents on $name (A1, A3, A4, A6)', (database) => {
  let test: TestApp;
  let waveId: string;
  let consultant: string;
  let codes: Record<string, string>;
  beforeAll(async () => {
    test = await startTestApp(database);
    const assessment = await setUpAssessment(test);
    waveId = assessment.waveId;
    consultant = assessment.consultant;
    codes = assessment.codes;
    const { codes: invitations } = await issueCodes(test.app, assessment.consultant, waveId, 'sales', 2);
    for (let i = 0; i < 6; i++) {
      await test.app.inject({
        method: 'POST',
        url: `/api/participate/${assessment.codes.ops}/responses`,
        headers: { 'user-agent': 'Mozilla/5.0 (Phone)', 'x-forwarded-for': '203.0.113.7' },
        payload: { submissionId: randomUUID(), answers: someAnswers((i % 5) + 1), comment: `comment ${i}` },
      });
    }
    await test.app.inject({
      method: 'POST',
      url: `/api/participate/${assessment.codes.sales}/responses`,
      payload: { submissionId: randomUUID(), answers: someAnswers(), invitation: invitations[0] },
    });
  });
  afterAll(() => test?.close());

  const columnsOf = async (table: string) =>
    (
      await sql<{
        column_name: string;
        column_default: string | null;
        data_type: string;
        is_identity: string;
      }>`
        select column_name, column_default, data_type, is_identity from information_schema.columns
        where table_name = ${table} and table_schema = current_schema()`.execute(test.handle.db)
    ).rows;

  it('keeps a response to its wave, team, questionnaire version, answers and comment', async () => {
    const columns = (await columnsOf('response')).map((c) => c.column_name).sort();
    expect(columns).toEqual(['answers', 'comment', 'id', 'questionnaire_version', 'team_id', 'wave_id']);
  });

  it.each(['response', 'invitation', 'submission_key'])(
    '%s has no identifying, time or order column',
    async (table) => {
      const allowed: Record<string, string[]> = {
        response: ['answers', 'comment', 'id', 'questionnaire_version', 'team_id', 'wave_id'],
        invitation: ['code_hash', 'team_id', 'used', 'wave_id'],
        submission_key: ['key_hash', 'wave_id'],
      };
      for (const column of await columnsOf(table)) {
        expect(allowed[table]).toContain(column.column_name);
        if (column.column_name !== 'code_hash') expect(column.column_name).not.toMatch(forbidden);
        expect(column.data_type).not.toMatch(/time|date|serial/);
        expect(column.is_identity).toBe('NO');
        expect(column.column_default ?? '').not.toMatch(
          /nextval|now|current_|clock|uuid_generate_v1|uuidv7/i,
        );
      }
    },
  );

  it('indexes responses only by wave, team and random id, never in submission order', async () => {
    const { rows } = await sql<{ indexdef: string }>`
      select indexdef from pg_indexes where tablename = 'response' and schemaname = current_schema()`.execute(
      test.handle.db,
    );
    const defs = rows.map((r) => r.indexdef.replace(/^.* USING btree /, '')).sort();
    expect(defs).toEqual(['(wave_id, team_id, id)']);
  });

  it('gives responses random version 4 ids', async () => {
    const rows = await test.handle.db
      .selectFrom('response')
      .select('id')
      .where('wave_id', '=', waveId)
      .execute();
    expect(rows.length).toBe(7);
    for (const { id } of rows)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('stores no address, agent or time anywhere in a response row', async () => {
    const rows = await test.handle.db
      .selectFrom('response')
      .selectAll()
      .where('wave_id', '=', waveId)
      .execute();
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/203\.0\.113\.7|127\.0\.0\.1|Mozilla|20\d\d-\d\d-\d\d/);
  });

  it("leaves a signed-in respondent's session as it was: no time of last use, no ending (A1)", async () => {
    // A manager answering their own team's survey in the browser they use for the console sends
    // their session cookie with every request of the survey.
    const id = consultant.split('=')[1]!;
    const idHash = hashToken(id);
    const session = () =>
      test.handle.db.selectFrom('session').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    expect(await session()).toBeDefined();
    const when = async (minutesAgo: number) => {
      const lastSeen = new Date(Date.now() - minutesAgo * 60_000);
      await test.handle.db
        .updateTable('session')
        .set({ last_seen_at: lastSeen })
        .where('id_hash', '=', idHash)
        .execute();
      return lastSeen;
    };
    const answer = async () => {
      // The survey's page (and with it its scripts), then what it asks of the API.
      await test.app.inject({ url: `/s/${codes.ops}`, headers: { cookie: consultant } });
      const opened = await test.app.inject({
        url: `/api/participate/${codes.ops}`,
        headers: { cookie: consultant },
      });
      expect(opened.statusCode).toBe(200);
      const sent = await test.app.inject({
        method: 'POST',
        url: `/api/participate/${codes.ops}/responses`,
        headers: { cookie: consultant },
        payload: { submissionId: randomUUID(), answers: someAnswers(3) },
      });
      expect(sent.statusCode).toBe(201);
    };
    // Last used five minutes ago: a console request would note the time now; the survey does not.
    const lastSeen = await when(5);
    await answer();
    expect((await session())!.last_seen_at.getTime()).toBe(lastSeen.getTime());
    // Idle for a day: a console request would end the session now; the survey leaves it be.
    const idle = await when(24 * 60);
    await answer();
    expect((await session())!.last_seen_at.getTime()).toBe(idle.getTime());
  });

  it('has no foreign key between responses and invitations or submission keys', async () => {
    const { rows } = await sql<{ table_name: string; foreign_table: string }>`
      select tc.table_name, ccu.table_name as foreign_table
      from information_schema.table_constraints tc
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.constraint_schema = tc.constraint_schema
      where tc.constraint_type = 'FOREIGN KEY' and tc.constraint_schema = current_schema()`.execute(
      test.handle.db,
    );
    for (const { table_name, foreign_table } of rows) {
      const pair = [table_name, foreign_table].sort().join('~');
      expect(['invitation~response', 'response~submission_key']).not.toContain(pair);
    }
  });

  it('stores codes handed out by hand in no order of the list they were handed out from (A3, A6)', async () => {
    const other = await setUpAssessment(test);
    const { codes: handed } = await issueCodes(test.app, other.consultant, other.waveId, 'eng', 40);
    const wanted = handed.map(hashInvitationCode);
    const { rows } = await sql<{ code_hash: string }>`
      select code_hash from invitation where code_hash = any(${wanted}) order by ctid`.execute(
      test.handle.db,
    );
    expect(rows.map((row) => row.code_hash).sort()).toEqual([...wanted].sort());
    // In the list's order one time in 40! (about 10^48).
    expect(rows.map((row) => row.code_hash)).not.toEqual(wanted);
  });
});

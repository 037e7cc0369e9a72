import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import type { DatabaseHandle } from '../../../server/db/connect.ts';
import type { App } from '../../../server/http/app-types.ts';
import { testConfig } from '../../support/app.ts';
import { call, issueCodes, setUpAssessment, someAnswers } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';

/**
 * Two instances of the app on one database, as behind a load balancer: what one of them keeps in
 * memory for a moment (the open-link cache) never lets it take an answer the other has closed.
 */
describe.each(testDatabases())('two instances on $name', (database) => {
  let handle: DatabaseHandle;
  let first: App;
  let second: App;

  beforeAll(async () => {
    handle = await database.open();
    const build = () => buildApp(testConfig(), { database: handle, logger: false, backgroundTimers: false });
    first = await build();
    second = await build();
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
    await handle?.close();
  });

  const submit = (app: App, code: string) =>
    app.inject({
      method: 'POST',
      url: `/api/participate/${code}/responses`,
      payload: { submissionId: randomUUID(), answers: someAnswers() },
    });

  it('refuses at once, on the instance that had the survey open, an answer to a wave the other closed', async () => {
    const { waveId, consultant, codes } = await setUpAssessment({
      app: first,
      handle,
      close: async () => {},
    });
    // The first instance opens the survey and answers, so its open-link cache holds the wave as open.
    expect((await first.inject({ url: `/api/participate/${codes.ops}` })).statusCode).toBe(200);
    expect((await submit(first, codes.ops!)).statusCode).toBe(201);

    await call(second, consultant, 'POST', `/api/waves/${waveId}/close`);

    const late = await submit(first, codes.ops!);
    expect(late.statusCode).toBe(410);
    expect(late.json().reason).toBe('wave-closed');
    const stored = await handle.db
      .selectFrom('response')
      .select('id')
      .where('wave_id', '=', waveId)
      .execute();
    expect(stored).toHaveLength(1);
    // Both instances serve the same, final report.
    const report = (app: App) => call(app, consultant, 'GET', `/api/waves/${waveId}/report`);
    expect(await report(first)).toEqual(await report(second));
  });

  it('keeps the personal code a person typed when the other instance turned codes on a moment ago', async () => {
    const { waveId, consultant, codes } = await setUpAssessment({
      app: first,
      handle,
      close: async () => {},
    });
    // The first instance has the link in memory as needing no code.
    expect((await first.inject({ url: `/api/participate/${codes.ops}` })).json().invitationRequired).toBe(
      false,
    );
    const { codes: personal } = await issueCodes(second, consultant, waveId, 'ops', 1);
    const answer = await first.inject({
      method: 'POST',
      url: `/api/participate/${codes.ops}/responses`,
      payload: { submissionId: randomUUID(), answers: someAnswers(), invitation: personal[0] },
    });
    expect(answer.statusCode).toBe(201);
    const used = await handle.db
      .selectFrom('invitation')
      .select('used')
      .where('wave_id', '=', waveId)
      .executeTakeFirstOrThrow();
    expect(used.used).toBe(true);

    // Without the code, the answer is refused as needing one, however old the memory.
    const without = await submit(first, codes.ops!);
    expect(without.statusCode).toBe(400);
    expect(without.json().reason).toBe('invitation-required');
  });

  it('checks a typed code against the link read afresh, which the other instance closed meanwhile', async () => {
    const { waveId, consultant, codes } = await setUpAssessment({
      app: first,
      handle,
      close: async () => {},
    });
    expect((await first.inject({ url: `/api/participate/${codes.ops}` })).statusCode).toBe(200);
    const { codes: personal } = await issueCodes(second, consultant, waveId, 'ops', 1);
    await call(second, consultant, 'POST', `/api/waves/${waveId}/close`);

    const check = await first.inject({
      method: 'POST',
      url: `/api/participate/${codes.ops}/invitation`,
      payload: { invitation: personal[0] },
    });
    // Not "valid" for a survey that takes no more answers, nor "not needed" from memory.
    expect(check.statusCode).toBe(410);
    expect(check.json().reason).toBe('wave-closed');
  });
});

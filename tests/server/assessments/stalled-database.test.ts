import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import type { DatabaseHandle } from '../../../server/db/connect.ts';
import type { App } from '../../../server/http/app-types.ts';
import { testConfig } from '../../support/app.ts';
import { holdWave, setUpAssessment, someAnswers } from '../../support/assessment.ts';
import { capturedLog } from '../../support/captured-log.ts';
import { testDatabases } from '../../support/databases.ts';

const postgres = testDatabases().find((database) => database.name === 'postgres');

/**
 * A database that stops answering rather than refusing (a lock held by a long close, a server
 * that hangs): a phone must hear "busy, try again" in bounded time, and its retry must be
 * answered as stored once, never twice. PostgreSQL only: another connection holds the wave while
 * the app's link lookups still answer, as they do when a close holds it.
 */
describe.runIf(postgres)('a survey submission the database does not store in time', () => {
  const { lines, logger } = capturedLog('info');
  let app: App;
  let handle: DatabaseHandle;
  let other: DatabaseHandle;
  beforeAll(async () => {
    handle = await postgres!.open();
    app = await buildApp(testConfig(), {
      database: handle,
      logger,
      backgroundTimers: false,
      intakePatienceMs: 100,
    });
    other = await postgres!.connectAgain!(handle);
  });
  afterAll(async () => {
    await app?.close();
    await other?.close();
    await handle?.close();
  });

  it('answers 503 with Retry-After, logs it without the link, and answers the retry as stored', async () => {
    const { waveId, codes } = await setUpAssessment({ app, handle, close: async () => {} });
    const submissionId = randomUUID();
    const send = () =>
      app.inject({
        method: 'POST',
        url: `/api/participate/${codes.ops}/responses`,
        payload: { submissionId, answers: someAnswers(3) },
      });

    const hold = await holdWave(other.db, waveId);
    lines.length = 0;

    const busy = await send();
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('5');
    expect(busy.json()).toMatchObject({ code: 'service.unavailable' });
    const log = lines.join('');
    expect(log).toContain('answers not stored in time');
    expect(log).not.toContain(codes.ops!);
    expect(log).not.toContain(submissionId);

    await hold.letGo();
    // The statement that waited stores the answers once the wave is let go; the phone's retry
    // carries the same submission id and hears they are stored.
    await expect
      .poll(
        async () =>
          (await handle.db.selectFrom('response').select('id').where('wave_id', '=', waveId).execute())
            .length,
      )
      .toBe(1);
    const retry = await send();
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual({ status: 'already-recorded' });
  });
});

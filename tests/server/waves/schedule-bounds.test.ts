import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { setUpAssessment } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';

/** 10 pm on 31 December 9999 in New York: the year 10000 in UTC, past what dates can hold. */
const PAST_DATES = '9999-12-31T22:00:00-05:00';
const DAY = 86_400_000;

describe.each(testDatabases())('how far ahead a wave may be scheduled, on $name', (database) => {
  let test: TestApp;
  let orgId: string;
  let waveId: string;
  let consultant: string;
  const send = (method: 'POST' | 'PATCH', url: string, payload: object) =>
    test.app.inject({ method, url, headers: { cookie: consultant }, payload });
  const newWave = (schedule: object) =>
    send('POST', `/api/organizations/${orgId}/waves`, {
      title: 'Next year',
      questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
      ...schedule,
    });
  const waveCount = async () =>
    (await test.handle.db.selectFrom('wave').select('id').where('organization_id', '=', orgId).execute())
      .length;
  /** `years` years and `days` days from now, as the console sends a time. */
  const ahead = (years: number, days: number) => {
    const time = new Date();
    time.setUTCFullYear(time.getUTCFullYear() + years);
    return new Date(time.getTime() + days * DAY).toISOString();
  };

  beforeAll(async () => {
    test = await startTestApp(database);
    ({ orgId, waveId, consultant } = await setUpAssessment(test, { open: false }));
  });
  afterAll(() => test?.close());

  it('refuses a time beyond two years, or past what dates hold, with a 400 naming the field', async () => {
    const before = await waveCount();
    for (const [schedule, field] of [
      [{ closesAt: PAST_DATES }, 'body.closesAt'],
      [{ opensAt: PAST_DATES }, 'body.opensAt'],
      [{ closesAt: ahead(2, 1) }, 'body.closesAt'],
      [{ opensAt: ahead(2, 1) }, 'body.opensAt'],
    ] as const) {
      for (const response of [
        await newWave(schedule),
        await send('PATCH', `/api/waves/${waveId}`, schedule),
      ]) {
        expect(response.statusCode, `${JSON.stringify(schedule)}: ${response.body}`).toBe(400);
        expect(response.json().fields[0]).toMatchObject({ field, code: 'wave.time-too-far' });
      }
    }
    expect(await waveCount()).toBe(before);
    const draft = await test.handle.db
      .selectFrom('wave')
      .select(['opens_at', 'closes_at'])
      .where('id', '=', waveId)
      .executeTakeFirstOrThrow();
    expect(draft).toEqual({ opens_at: null, closes_at: null });
  });

  it('takes a time within the two years, when a wave is created and when it is moved', async () => {
    const schedule = { opensAt: ahead(1, 300), closesAt: ahead(1, 360) };
    expect((await newWave(schedule)).statusCode).toBe(201);
    const moved = await send('PATCH', `/api/waves/${waveId}`, schedule);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject(schedule);
  });
});

import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { answerThrough, call, setUpAssessment } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';
import { dayFromToday } from '../../support/dates.ts';

const newKey = () => randomUUID();

describe.each(testDatabases())('a create sent again with its Idempotency-Key, on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database);
  });
  afterAll(() => test?.close());

  const post = (cookie: string, url: string, payload: object, key?: string) =>
    test.app.inject({
      method: 'POST',
      url,
      headers: { cookie, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      payload,
    });
  const wavesOf = async (cookie: string, orgId: string): Promise<{ title: string }[]> =>
    call(test.app, cookie, 'GET', `/api/organizations/${orgId}/waves`);
  const waveBody = (title = 'Spring pulse') => ({
    title,
    questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
  });

  it('makes one wave however often it is sent, and answers each time as the first time', async () => {
    const { orgId, consultant } = await setUpAssessment(test, { open: false });
    const before = (await wavesOf(consultant, orgId)).length;
    const key = newKey();
    const first = await post(consultant, `/api/organizations/${orgId}/waves`, waveBody(), key);
    const again = await post(consultant, `/api/organizations/${orgId}/waves`, waveBody(), key);
    const third = await post(consultant, `/api/organizations/${orgId}/waves`, waveBody(), key);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    for (const repeat of [again, third]) {
      expect(repeat.statusCode).toBe(201);
      expect(repeat.headers['idempotent-replayed']).toBe('true');
      expect(repeat.headers['content-type']).toMatch(/^application\/json/);
      expect(repeat.json()).toEqual(first.json());
    }
    expect(await wavesOf(consultant, orgId)).toHaveLength(before + 1);
  });

  it('leaves a route that creates nothing as it is, key or not', async () => {
    const { waveId, consultant } = await setUpAssessment(test, { open: false });
    const key = newKey();
    const open = () =>
      test.app.inject({
        method: 'POST',
        url: `/api/waves/${waveId}/open`,
        headers: { cookie: consultant, 'idempotency-key': key },
      });
    expect((await open()).statusCode).toBeLessThan(300);
    const again = await open();
    expect(again.statusCode).toBe(409);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    const kept = await sql<{
      n: number;
    }>`select count(*)::int as n from idempotent_request where key = ${key}`.execute(test.handle.db);
    expect(kept.rows[0]!.n).toBe(0);
  });

  it('makes two without a key, as before', async () => {
    const { orgId, consultant } = await setUpAssessment(test, { open: false });
    const before = (await wavesOf(consultant, orgId)).length;
    for (let i = 0; i < 2; i++)
      expect((await post(consultant, `/api/organizations/${orgId}/waves`, waveBody())).statusCode).toBe(201);
    expect(await wavesOf(consultant, orgId)).toHaveLength(before + 2);
  });

  it('refuses the same key with another body or for another organization, naming the header', async () => {
    const { orgId, consultant } = await setUpAssessment(test, { open: false });
    const before = (await wavesOf(consultant, orgId)).length;
    const key = newKey();
    expect((await post(consultant, `/api/organizations/${orgId}/waves`, waveBody(), key)).statusCode).toBe(
      201,
    );
    const other = await post(consultant, `/api/organizations/${orgId}/waves`, waveBody('Summer'), key);
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({
      code: 'request.idempotency-key-reused',
      fields: [{ field: 'headers.idempotency-key', code: 'request.idempotency-key-reused' }],
    });
    const created = await post(
      consultant,
      '/api/organizations',
      { name: 'Another', anonymityThreshold: 5 },
      key,
    );
    expect(created.statusCode).toBe(422);
    expect(await wavesOf(consultant, orgId)).toHaveLength(before + 1);
  });

  it('refuses a key that is too short, too long or has other characters, and creates nothing', async () => {
    const { orgId, consultant } = await setUpAssessment(test, { open: false });
    const before = (await wavesOf(consultant, orgId)).length;
    for (const key of ['short', 'x'.repeat(65), 'has spaces in it, sixteen+', 'ключ-ключ-ключ-ключ']) {
      const response = await post(consultant, `/api/organizations/${orgId}/waves`, waveBody(), key);
      expect(response.statusCode, key).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'request.idempotency-key-invalid',
        fields: [{ field: 'headers.idempotency-key' }],
      });
    }
    expect(await wavesOf(consultant, orgId)).toHaveLength(before);
  });

  it('keeps nothing of a refused create, so the corrected one may use the same key', async () => {
    const { orgId, consultant } = await setUpAssessment(test, { open: false });
    const key = newKey();
    const past = { ...waveBody(), closesAt: new Date(Date.now() - 3600_000).toISOString() };
    const refused = await post(consultant, `/api/organizations/${orgId}/waves`, past, key);
    expect(refused.statusCode).toBe(400);
    const fixed = await post(consultant, `/api/organizations/${orgId}/waves`, waveBody(), key);
    expect(fixed.statusCode).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
  });

  it("keeps one account's keys apart from another's", async () => {
    const key = newKey();
    const made: string[] = [];
    for (let i = 0; i < 2; i++) {
      const email = `consultant-${randomUUID()}@example.org`;
      await createAccount(test.handle.db, { email, role: 'consultant' });
      const cookie = await signIn(test.app, email);
      const response = await post(
        cookie,
        '/api/organizations',
        { name: 'Same name', anonymityThreshold: 5 },
        key,
      );
      expect(response.statusCode).toBe(201);
      expect(response.headers['idempotent-replayed']).toBeUndefined();
      made.push(response.json().id);
    }
    expect(new Set(made).size).toBe(2);
  });

  it('asks a repeat to wait while the first still runs, and frees a key whose request was abandoned', async () => {
    const { orgId, consultant } = await setUpAssessment(test, { open: false });
    const before = (await wavesOf(consultant, orgId)).length;
    const key = newKey();
    const url = `/api/organizations/${orgId}/waves`;
    // The first request got as far as claiming its key, and has not answered yet.
    const first = await post(consultant, url, waveBody(), key);
    expect(first.statusCode).toBe(201);
    await sql`update idempotent_request set status = null, body = null where key = ${key}`.execute(
      test.handle.db,
    );
    const waiting = await post(consultant, url, waveBody(), key);
    expect(waiting.statusCode).toBe(409);
    expect(waiting.headers['retry-after']).toBe('1');
    expect(waiting.json()).toMatchObject({ code: 'request.in-progress' });
    // Its server stopped before keeping the answer: after a minute, the key is free again.
    await sql`update idempotent_request set created_at = now() - interval '2 minutes' where key = ${key}`.execute(
      test.handle.db,
    );
    const retried = await post(consultant, url, waveBody(), key);
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    // The run that took the key over keeps its answer there, under its own claim.
    const replayed = await post(consultant, url, waveBody(), key);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.json()).toEqual(retried.json());
    expect(await wavesOf(consultant, orgId)).toHaveLength(before + 2);
  });

  it('forgets an answer after a day', async () => {
    const { orgId, consultant } = await setUpAssessment(test, { open: false });
    const key = newKey();
    const url = `/api/organizations/${orgId}/waves`;
    expect((await post(consultant, url, waveBody(), key)).statusCode).toBe(201);
    await sql`update idempotent_request set created_at = now() - interval '25 hours' where key = ${key}`.execute(
      test.handle.db,
    );
    const later = await post(consultant, url, waveBody(), key);
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    const kept = await sql<{ n: number }>`select count(*)::int as n from idempotent_request
      where created_at < now() - interval '1 day'`.execute(test.handle.db);
    expect(kept.rows[0]!.n).toBe(0);
  });

  it('makes one wave when the same request arrives twice at once', async () => {
    const { orgId, consultant } = await setUpAssessment(test, { open: false });
    const before = (await wavesOf(consultant, orgId)).length;
    const key = newKey();
    const url = `/api/organizations/${orgId}/waves`;
    const answers = await Promise.all([
      post(consultant, url, waveBody(), key),
      post(consultant, url, waveBody(), key),
    ]);
    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    expect(await wavesOf(consultant, orgId)).toHaveLength(before + 1);
  });

  it('makes one organization and one action however often each is sent', async () => {
    const email = `consultant-${randomUUID()}@example.org`;
    await createAccount(test.handle.db, { email, role: 'consultant' });
    const cookie = await signIn(test.app, email);
    const orgKey = newKey();
    const body = { name: 'Once only', anonymityThreshold: 5 };
    const made = await post(cookie, '/api/organizations', body, orgKey);
    const again = await post(cookie, '/api/organizations', body, orgKey);
    expect(again.json()).toEqual(made.json());
    const listed: { name: string }[] = await call(test.app, cookie, 'GET', '/api/organizations');
    expect(listed.filter((org) => org.name === 'Once only')).toHaveLength(1);

    const { orgId, waveId, consultant, codes } = await setUpAssessment(test, { threshold: 3 });
    await answerThrough(test.app, codes.ops!, 4);
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
    const action = {
      teamKey: 'ops',
      dimension: 'ownership',
      title: 'Name one owner per decision',
      owner: 'Operations lead',
      dueDate: dayFromToday(60),
      steps: ['Agree who owns what'],
    };
    const actionKey = newKey();
    const first = await post(consultant, `/api/waves/${waveId}/actions`, action, actionKey);
    const repeat = await post(consultant, `/api/waves/${waveId}/actions`, action, actionKey);
    expect(first.statusCode).toBe(201);
    expect(repeat.statusCode).toBe(201);
    expect(repeat.json()).toEqual(first.json());
    const actions: { title: string }[] = await call(
      test.app,
      consultant,
      'GET',
      `/api/organizations/${orgId}/actions`,
    );
    expect(actions.filter((a) => a.title === action.title)).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BODY_LIMIT_BYTES } from '../../../server/app.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDatabases } from '../../support/databases.ts';

const [pglite] = testDatabases();

/** One error of each way a database goes away, as pg, its pool and PGlite raise them. */
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const unavailable: Record<string, Error> = {
  refused: withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
  reset: withCode('read ECONNRESET', 'ECONNRESET'),
  terminated: withCode('terminating connection due to administrator command', '57P01'),
  starting: withCode('the database system is starting up', '57P03'),
  crashed: withCode('terminating connection because of crash of another server process', '57P02'),
  tooMany: withCode('sorry, too many clients already', '53300'),
  notAccepting: withCode('database "test" is not currently accepting connections', '55000'),
  connectionException: withCode('connection failure', '08006'),
  protocol: withCode('protocol violation', '08P01'),
  poolTimeout: new Error('timeout exceeded when trying to connect'),
  socketClosed: new Error('Connection terminated unexpectedly'),
  brokenClient: new Error('Client has encountered a connection error and is not queryable'),
  poolEnded: new Error('Cannot use a pool after calling end on the pool'),
  embeddedClosed: new Error('PGlite is closed'),
  destroyed: new Error('driver has already been destroyed'),
};

describe('the error handler', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(pglite!);
    test.app.post(
      '/api/test/echo',
      {
        config: { access: { public: true } },
        schema: {
          body: z.object({
            name: z.string().min(1),
            answers: z.record(z.string(), z.number().int().min(1).max(5)),
          }),
        },
      },
      async (request) => request.body,
    );
    test.app.get<{ Querystring: { kind: string } }>(
      '/api/test/unavailable',
      { config: { access: { public: true } } },
      async (request) => {
        throw unavailable[request.query.kind]!;
      },
    );
    test.app.get('/api/test/boom', { config: { access: { public: true } } }, async () => {
      const error = new Error('syntax error at or near "SELECT * FROM response WHERE secret"');
      throw error;
    });
  });
  afterAll(() => test?.close());

  it('answers an invalid body with 400 naming each offending field', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      payload: { name: '', answers: { 'ds-1': 9 } },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const fields = body.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['body.answers.ds-1', 'body.name']);
    expect(body.message).toContain('body.name');
  });

  it('answers malformed JSON with 400', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "x", ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      statusCode: 400,
      message: 'The request body is not valid JSON.',
    });
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      payload: { name: 'x'.repeat(BODY_LIMIT_BYTES), answers: {} },
    });
    expect(response.statusCode).toBe(413);
  });

  it('refuses an unsupported content type with 415', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/xml' },
      payload: '<name/>',
    });
    expect(response.statusCode).toBe(415);
  });

  it.each(Object.keys(unavailable))(
    'answers a database that cannot serve (%s) with 503 and Retry-After',
    async (kind) => {
      const response = await test.app.inject(`/api/test/unavailable?kind=${kind}`);
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json().message).toMatch(/database is not reachable/);
      expect(response.body).not.toContain(unavailable[kind]!.message);
    },
  );

  it('keeps other database errors a 500, so a bug is not mistaken for an outage', async () => {
    unavailable.otherPrerequisite = withCode('cannot refresh materialized view concurrently', '55000');
    unavailable.syntax = withCode('syntax error at or near "x"', '42601');
    for (const kind of ['otherPrerequisite', 'syntax'])
      expect((await test.app.inject(`/api/test/unavailable?kind=${kind}`)).statusCode).toBe(500);
  });

  it('never sends a stack trace or SQL in a 500', async () => {
    const response = await test.app.inject('/api/test/boom');
    expect(response.statusCode).toBe(500);
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(['error', 'message', 'statusCode']);
    expect(response.body).not.toMatch(/SELECT|secret|at .*\.ts:\d+|stack/i);
    expect(body.message).toContain(response.headers['x-request-id']);
  });
});

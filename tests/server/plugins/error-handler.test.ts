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
    test.app.post(
      '/api/test/every-kind',
      {
        config: { access: { public: true } },
        schema: {
          body: z
            .object({
              email: z.email(),
              site: z.url(),
              when: z.iso.datetime(),
              mode: z.enum(['draft', 'open']),
              title: z.string().max(4),
              teams: z.array(z.string()).min(1),
              codes: z.array(z.string()).max(1),
              count: z.number().gt(0),
              share: z.number().max(1),
              step: z.number().multipleOf(5),
              required: z.string(),
              typed: z.number(),
              custom: z.string().refine((value) => value === 'ok', 'must say ok'),
            })
            .strict(),
        },
      },
      async () => ({}),
    );
    test.app.get(
      '/api/test/query',
      {
        config: { access: { public: true } },
        schema: { querystring: z.object({ depth: z.coerce.number().int(), root: z.string() }) },
      },
      async () => ({}),
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
    expect(body).toMatchObject({ code: 'request.invalid', params: {} });
  });

  it('names each kind of field problem with a stable code and the limits, never the value sent', async () => {
    const secret = 'my honest answer about my manager';
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/test/every-kind',
      payload: {
        email: secret,
        site: secret,
        when: secret,
        mode: secret,
        title: secret,
        teams: [],
        codes: [secret, secret],
        count: 0,
        share: 7,
        step: 7,
        typed: secret,
        custom: secret,
        extra: secret,
      },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    const byField = Object.fromEntries(
      body.fields.map((f: { field: string; code: string; params: unknown }) => [f.field, [f.code, f.params]]),
    );
    expect(byField).toEqual({
      'body.email': ['validation.invalid-email', {}],
      'body.site': ['validation.invalid-url', {}],
      'body.when': ['validation.invalid-date', {}],
      'body.mode': ['validation.not-allowed', { allowed: 'draft, open' }],
      'body.title': ['validation.too-long', { max: 4 }],
      'body.teams': ['validation.too-few', { min: 1 }],
      'body.codes': ['validation.too-many', { max: 1 }],
      'body.count': ['validation.too-small-exclusive', { min: 0 }],
      'body.share': ['validation.too-big', { max: 1 }],
      'body.step': ['validation.not-multiple', { divisor: 5 }],
      'body.required': ['validation.required', {}],
      'body.typed': ['validation.wrong-type', { expected: 'number' }],
      'body.custom': ['validation.invalid', {}],
      body: ['validation.unknown-keys', { keys: 'extra' }],
    });
    expect(body).toMatchObject({ code: 'request.invalid', params: {} });
    // The parameters (and the whole answer) carry the schema's terms, never what was sent (A2).
    expect(response.body).not.toContain(secret);
  });

  it('tells a query parameter that is missing from one that is of the wrong kind', async () => {
    const response = await test.app.inject('/api/test/query?depth=deep');
    expect(response.statusCode).toBe(400);
    const fields = response.json().fields.map((f: { field: string; code: string }) => [f.field, f.code]);
    expect(fields.sort()).toEqual([
      ['query.depth', 'validation.wrong-type'],
      ['query.root', 'validation.required'],
    ]);
  });

  it('answers a path that does not exist with a code, like every other error', async () => {
    const response = await test.app.inject('/api/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      code: 'request.not-found',
      params: {},
      message: 'Nothing at GET /api/nothing-here',
    });
  });

  it('answers an address it cannot route in its own form, with its headers, repeating none of it', async () => {
    const code = 'K7qmX3d29pfrLink';
    for (const [method, url, status] of [
      ['POST', `/api/participate/${code}%E0%A4%A/responses`, 400],
      ['GET', `/api/waves/%zz${code}`, 400],
      ['GET', '/%', 400],
      ['GET', `/api/participate/${code}${'x'.repeat(120)}`, 414],
    ] as const) {
      const response = await test.app.inject({ method, url, ...(method === 'POST' ? { payload: {} } : {}) });
      expect(response.statusCode, url).toBe(status);
      const body = response.json();
      expect(body.code, url).toMatch(/^request\.(bad-path|path-too-long)$/);
      expect(body.fields, url).toEqual([expect.objectContaining({ field: 'path' })]);
      expect(response.body, url).not.toContain(code);
      expect(response.headers['x-request-id'], url).toBeTruthy();
      expect(response.headers['content-security-policy'], url).toMatch(/default-src 'self'/);
    }
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
      code: 'request.invalid-json',
      fields: [{ field: 'body', message: 'is not valid JSON', code: 'request.invalid-json', params: {} }],
    });
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      payload: { name: 'x'.repeat(BODY_LIMIT_BYTES), answers: {} },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      code: 'request.too-large',
      params: { limit: expect.any(String) },
    });
  });

  it('refuses an unsupported content type with 415', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/xml' },
      payload: '<name/>',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({
      code: 'request.unsupported-type',
      fields: [{ field: 'headers.content-type', code: 'request.unsupported-type' }],
    });
  });

  it.each(Object.keys(unavailable))(
    'answers a database that cannot serve (%s) with 503 and Retry-After',
    async (kind) => {
      const response = await test.app.inject(`/api/test/unavailable?kind=${kind}`);
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json()).toMatchObject({
        code: 'service.database-unavailable',
        message: expect.stringMatching(/database is not reachable/),
      });
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
    expect(Object.keys(body).sort()).toEqual(['code', 'error', 'message', 'params', 'statusCode']);
    expect(body).toMatchObject({
      code: 'service.internal',
      params: { requestId: response.headers['x-request-id'] },
    });
    expect(response.body).not.toMatch(/SELECT|secret|at .*\.ts:\d+|stack/i);
    expect(body.message).toContain(response.headers['x-request-id']);
  });
});

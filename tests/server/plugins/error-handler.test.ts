import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BODY_LIMIT_BYTES } from '../../../server/app.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDatabases } from '../../support/databases.ts';

const [pglite] = testDatabases();

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

  it('never sends a stack trace or SQL in a 500', async () => {
    const response = await test.app.inject('/api/test/boom');
    expect(response.statusCode).toBe(500);
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(['error', 'message', 'statusCode']);
    expect(response.body).not.toMatch(/SELECT|secret|at .*\.ts:\d+|stack/i);
    expect(body.message).toContain(response.headers['x-request-id']);
  });
});

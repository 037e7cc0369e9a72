import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { testDatabases } from '../support/databases.ts';

describe.each(testDatabases())('the application on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database);
  });
  afterAll(() => test?.close());

  it('is alive', async () => {
    const response = await test.app.inject('/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('is ready once its schema is current', async () => {
    const response = await test.app.inject('/ready');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', database: database.name });
  });

  it('publishes an OpenAPI 3 document generated from the route schemas', async () => {
    const response = await test.app.inject('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(document.paths['/ready'].get.responses).toHaveProperty('503');
    // Refused while their budgets cannot be counted (Redis away), and documented as such.
    expect(document.paths['/api/auth/login'].post.responses).toHaveProperty('503');
    expect(document.paths['/api/auth/password'].post.responses).toHaveProperty('503');
    expect(document.paths['/health'].get.responses['200'].content['application/json'].schema).toMatchObject({
      type: 'object',
      properties: { status: { enum: ['ok'] } },
    });
  });

  it('serves a browsable API reference', async () => {
    const response = await test.app.inject('/api/docs/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const response = await test.app.inject('/api/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('marks every response with a request id', async () => {
    const response = await test.app.inject('/health');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

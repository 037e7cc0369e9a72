import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import type { DatabaseHandle } from '../../../server/db/connect.ts';
import type { App } from '../../../server/http/app-types.ts';
import { testConfig } from '../../support/app.ts';
import { testDatabases } from '../../support/databases.ts';
import { removeTempDir } from '../../support/temp-dir.ts';

const [pglite] = testDatabases();
const script = `console.log(${JSON.stringify('the survey '.repeat(400))});`;
const page = `<!doctype html><html><head><title>Trust OS</title></head><body>${'<p>page</p>'.repeat(200)}</body></html>`;

describe('serving the built client', () => {
  let root: string;
  let handle: DatabaseHandle;
  let app: App;
  beforeAll(async () => {
    // A build as client/precompress.ts leaves it: each text file with .br and .gz copies beside it.
    root = mkdtempSync(path.join(tmpdir(), 'trust-os-client-'));
    mkdirSync(path.join(root, 'assets'));
    for (const [file, content] of [
      ['index.html', page],
      ['assets/survey-1a2b3c.js', script],
    ] as const) {
      writeFileSync(path.join(root, file), content);
      writeFileSync(path.join(root, `${file}.br`), brotliCompressSync(content));
      writeFileSync(path.join(root, `${file}.gz`), gzipSync(content));
    }
    handle = await pglite!.open();
    app = await buildApp(testConfig(), { database: handle, logger: false, clientDir: root });
  });
  afterAll(async () => {
    await app?.close();
    await handle?.close();
    await removeTempDir(root);
  });

  const get = (url: string, encoding?: string) =>
    app.inject({ url, headers: encoding ? { 'accept-encoding': encoding } : {} });

  it('sends the compressed copy a phone asks for, and the plain file to anyone else', async () => {
    const brotli = await get('/assets/survey-1a2b3c.js', 'gzip, deflate, br');
    expect(brotli.statusCode).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(script);
    expect(brotli.rawPayload.length).toBeLessThan(script.length / 5);

    const gzip = await get('/assets/survey-1a2b3c.js', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(script);

    const plain = await get('/assets/survey-1a2b3c.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves the page for client routes, compressed and never cached, and 404s for the rest', async () => {
    const survey = await get('/s/AbCdEfGhIjKlMnOpQrStUv', 'br');
    expect(survey.statusCode).toBe(200);
    expect(survey.headers['content-encoding']).toBe('br');
    expect(survey.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(survey.rawPayload).toString()).toBe(page);

    expect((await get('/assets/missing.js', 'br')).statusCode).toBe(404);
    const api = await get('/api/nothing-here', 'br');
    expect(api.statusCode).toBe(404);
    expect(api.json().message).toBe('Nothing at GET /api/nothing-here');
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import type { DatabaseHandle } from '../../../server/db/connect.ts';
import type { App } from '../../../server/http/app-types.ts';
import { helmetOptions, securityHeaders } from '../../../server/plugins/security-headers.ts';
import { testConfig } from '../../support/app.ts';
import { testDatabases } from '../../support/databases.ts';
import { removeTempDir } from '../../support/temp-dir.ts';

// The app as it was is the app as it is with @fastify/helmet in the place of the headers computed
// once: the same plugin order, hooks and routes, so any difference on the wire is the new hook's.
const mode = vi.hoisted(() => ({ stockHelmet: false }));
vi.mock('../../../server/plugins/security-headers.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../server/plugins/security-headers.ts')>();
  const { default: fastifyHelmet } = await import('@fastify/helmet');
  const { default: fp } = await import('fastify-plugin');
  return {
    ...actual,
    securityHeadersPlugin: fp<{ options: typeof actual.helmetOptions }>(async (app, options) => {
      if (mode.stockHelmet) await app.register(fastifyHelmet, options.options);
      else await app.register(actual.securityHeadersPlugin, options);
    }),
  };
});

const [pglite] = testDatabases();
const code = 'Zx8c4kL2pQ9rT6vW1yB3dE';

interface Exchange {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Every header line of the answer, in order and spelled as sent; the clock and the random id masked. */
function rawHeaders(address: string, exchange: Exchange): Promise<{ status: number; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${address}${exchange.url}`,
      { method: exchange.method, headers: exchange.headers, agent: false },
      (response) => {
        const lines: string[] = [];
        for (let i = 0; i < response.rawHeaders.length; i += 2) {
          const name = response.rawHeaders[i]!;
          const masked = /^(date|x-request-id)$/i.test(name);
          lines.push(`${name}: ${masked ? '…' : response.rawHeaders[i + 1]}`);
        }
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode!, lines }));
      },
    );
    request.on('error', reject);
    request.end(exchange.body);
  });
}

const exchanges: Exchange[] = [
  { method: 'GET', url: '/health' },
  { method: 'HEAD', url: '/health' },
  { method: 'GET', url: '/api/openapi.json' },
  { method: 'GET', url: `/s/${code}` },
  { method: 'GET', url: '/assets/survey-1a2b3c.js', headers: { 'accept-encoding': 'br' } },
  { method: 'GET', url: '/assets/missing-9z9z9z.js' },
  { method: 'GET', url: '/api/nothing-here' },
  { method: 'GET', url: '/api/organizations' },
  { method: 'GET', url: `/api/participate/${code}` },
  // The second opening from the same address is over its budget of one: 429 with Retry-After.
  { method: 'GET', url: `/api/participate/${code}` },
  {
    method: 'POST',
    url: `/api/participate/${code}/responses`,
    headers: { 'content-type': 'application/json' },
    body: '{"submissionId": ',
  },
  { method: 'GET', url: '/boom' },
  // The API docs replace the CSP with their own in an onSend hook.
  { method: 'GET', url: '/api/docs/' },
];

describe('security headers computed once', () => {
  let root: string;
  const handles: DatabaseHandle[] = [];
  const apps: App[] = [];
  const answers: Record<'stock' | 'once', { status: number; lines: string[] }[]> = { stock: [], once: [] };

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'trust-os-headers-'));
    mkdirSync(path.join(root, 'assets'));
    for (const [file, content] of [
      ['index.html', '<!doctype html><title>Trust OS</title>'],
      ['assets/survey-1a2b3c.js', 'console.log("survey");'],
    ] as const) {
      writeFileSync(path.join(root, file), content);
      writeFileSync(path.join(root, `${file}.br`), brotliCompressSync(content));
      writeFileSync(path.join(root, `${file}.gz`), gzipSync(content));
    }
    for (const kind of ['stock', 'once'] as const) {
      mode.stockHelmet = kind === 'stock';
      const handle = await pglite!.open();
      handles.push(handle);
      const app = await buildApp(testConfig({ participationOpenAddressRateLimitPerMinute: 1 }), {
        database: handle,
        logger: false,
        clientDir: root,
        backgroundTimers: false,
      });
      apps.push(app);
      app.get('/boom', async () => {
        throw new Error('a bug');
      });
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      for (const exchange of exchanges) answers[kind].push(await rawHeaders(address, exchange));
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const handle of handles) await handle.close();
    await removeTempDir(root);
  });

  it('covers pages, files, API answers and errors', () => {
    expect(answers.once.map((a) => a.status)).toEqual([
      200, 200, 200, 200, 200, 404, 404, 401, 404, 429, 400, 500, 200,
    ]);
  });

  it.each(exchanges.map((exchange, i) => [`${exchange.method} ${exchange.url}`, i] as const))(
    '%s: the same header lines, byte for byte, as @fastify/helmet sent',
    (_name, i) => {
      const stock = answers.stock[i]!;
      const once = answers.once[i]!;
      expect(once.status).toBe(stock.status);
      expect(once.lines).toEqual(stock.lines);
      expect(once.lines.join('\n')).toMatch(/^content-security-policy: default-src 'self'/im);
      expect(once.lines).toContain('Referrer-Policy: no-referrer');
    },
  );

  it('keeps the API docs on their own CSP', () => {
    const docs = answers.once.at(-1)!.lines.find((line) => /^content-security-policy:/i.test(line));
    expect(docs).toMatch(/validator\.swagger\.io/);
  });
});

describe('securityHeaders', () => {
  it('is what helmet sets, in its order and spelling', () => {
    expect(securityHeaders(helmetOptions).map(([name]) => name)).toEqual([
      'Content-Security-Policy',
      'Cross-Origin-Opener-Policy',
      'Cross-Origin-Resource-Policy',
      'Origin-Agent-Cluster',
      'Referrer-Policy',
      'Strict-Transport-Security',
      'X-Content-Type-Options',
      'X-DNS-Prefetch-Control',
      'X-Download-Options',
      'X-Frame-Options',
      'X-Permitted-Cross-Domain-Policies',
      'X-XSS-Protection',
    ]);
  });

  it('refuses a CSP computed per request, which one set of headers cannot carry', () => {
    expect(() =>
      securityHeaders({
        contentSecurityPolicy: { directives: { scriptSrc: ["'self'", () => `'nonce-${Math.random()}'`] } },
      }),
    ).toThrow(/per request/);
  });
});

import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { testDatabases } from '../support/databases.ts';
import { everyRoute, type JsonSchema } from '../support/every-route.ts';
import { type MailCatcher, mailCatcher } from '../support/mail-catcher.ts';
import { percentEncode } from '../support/percent-encode.ts';

/** Draws per route: a few in the suite; more in a search for a failing one (FUZZ_RUNS=500). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

const nasty = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '../../etc/passwd',
    "'; drop table response; --",
    '%00',
    '\uD800',
    'a'.repeat(5000),
    '9'.repeat(400),
    '-1',
    '1e309',
    'NaN',
    '2027-02-30',
    '0000-01-01',
    '{}',
    '[]',
    'ops',
    'en',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const scalar = fc.oneof(
  nasty,
  fc.integer({ min: -5, max: 10 }),
  fc.constantFrom(2 ** 31, -(2 ** 53), Number.MAX_VALUE, -0, 0.5),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const anyValue = fc.oneof(
  { weight: 3, arbitrary: scalar },
  fc.array(scalar, { maxLength: 4 }),
  fc.dictionary(nasty, scalar, { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A body sent as it is, under a content type of its own: broken JSON, text of any kind. */
class RawBody {
  constructor(
    readonly text: string,
    readonly type: string,
  ) {}
}

/** Values at the edges of what a field's type allows, which pass validation and reach the handler. */
const edgeStrings = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFFx',
  ' ',
  '',
  'x'.repeat(64),
  'x'.repeat(100),
  'x'.repeat(120),
  'x'.repeat(200),
  '=HYPERLINK("http://example.org")',
  'Ünïcödé 👩🏽‍💻 عربى',
  '9999-12-31T23:59:59Z',
  // The year 10000 once in UTC.
  '9999-12-31T22:00:00-05:00',
  '1970-01-01T00:00:00Z',
  '2027-02-29T00:00:00Z',
  '2030-01-01T00:00:00+14:00',
  '2999-12-31',
  '1900-01-01',
  '2027-13-45',
  'ops',
  'eng',
  'nobody',
  'a@b.co',
  '00000000-0000-0000-0000-000000000000',
);
const edgeNumbers = fc.constantFrom(
  0,
  -1,
  1,
  3,
  5,
  90,
  91,
  100,
  2000,
  2001,
  2 ** 31,
  2 ** 53 + 2,
  1e308,
  0.5,
);
const edgeArrays = fc.array(fc.oneof(edgeStrings, edgeNumbers), { maxLength: 3 });
const edgeAny = fc.oneof(edgeStrings, edgeNumbers, edgeArrays, fc.constantFrom(true, false, null, {}));
/** An edge value, most often of the type the field had in the example. */
const edgeFor = (value: unknown): fc.Arbitrary<unknown> => {
  const same =
    typeof value === 'string'
      ? edgeStrings
      : typeof value === 'number'
        ? edgeNumbers
        : typeof value === 'boolean'
          ? fc.boolean()
          : Array.isArray(value)
            ? edgeArrays
            : edgeAny;
  return fc.oneof({ weight: 3, arbitrary: same }, edgeAny);
};

/** The example with some of its fields, or of the fields of its objects, set to edge values. */
function nearExample(example: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const paths: string[][] = [];
  const walk = (value: unknown, path: string[]) => {
    if (path.length > 0) paths.push(path);
    if (value && typeof value === 'object' && path.length < 3)
      for (const [key, inner] of Object.entries(value)) walk(inner, [...path, key]);
  };
  walk(example, []);
  const valueAt = (path: string[]) =>
    path.reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], example);
  return fc
    .subarray(paths, { minLength: 1, maxLength: Math.min(2, paths.length) })
    .chain((chosen) =>
      fc.tuple(fc.constant(chosen), fc.tuple(...chosen.map((path) => edgeFor(valueAt(path))))),
    )
    .map(([chosen, values]) => {
      const body = structuredClone(example);
      // Deepest first, so that a field replaced whole takes the place of one set inside it.
      const order = chosen.map((path, i) => ({ path, value: values[i] }));
      order.sort((a, b) => b.path.length - a.path.length);
      for (const { path, value } of order) {
        let at = body as Record<string, unknown>;
        for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
        at[path.at(-1)!] = value;
      }
      return body;
    });
}

/** A value for a field of this schema: often of the right type and shape, otherwise anything. */
function valueFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 3) return anyValue;
  const kinds: fc.Arbitrary<unknown>[] = [anyValue];
  if (schema.enum) kinds.push(fc.constantFrom(...schema.enum));
  for (const option of schema.anyOf ?? []) kinds.push(valueFor(option, depth + 1));
  if (schema.properties) kinds.push(objectFor(schema, depth + 1));
  if (schema.items) kinds.push(fc.array(valueFor(schema.items, depth + 1), { maxLength: 3 }));
  return fc.oneof(...kinds);
}

/** An object with some of the schema's own fields, each a `valueFor` it, and now and then others. */
function objectFor(schema: JsonSchema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, field]) => [name, valueFor(field, depth)]),
  );
  return fc
    .tuple(fc.record(fields, { requiredKeys: [] }), fc.dictionary(nasty, scalar, { maxKeys: 2 }))
    .map(([known, extra]) => ({ ...extra, ...known }));
}

/**
 * Every route of the API under random and hostile input, as an administrator, who passes every
 * route's access check: path parameters, query strings and bodies drawn from each route's own
 * OpenAPI entry (its fields with values of every kind) and from nothing (any JSON, broken JSON,
 * text of any type). No input may give a 5xx, a refusal says what it refuses, and a refused
 * request stores nothing.
 */
describe.each(testDatabases())('the console API under random and hostile input, on $name', (database) => {
  let test: TestApp;
  let smtp: MailCatcher;
  let walk: Awaited<ReturnType<typeof everyRoute>>;
  /** The count of rows of every table of the app, in one statement: what a refusal must leave as it was. */
  let rowCounts: () => Promise<Record<string, number>>;

  beforeAll(async () => {
    smtp = await mailCatcher();
    await smtp.start();
    test = await startTestApp(database, {
      participationRateLimitPerMinute: 100_000,
      mail: { smtpUrl: smtp.url, from: 'Trust OS <pulse@example.org>', perMinute: 60_000 },
    });
    walk = await everyRoute(test);
    const { rows: tables } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(test.handle.db);
    const counts = sql.join(
      tables.map(({ name }) => sql`(select count(*)::int from ${sql.table(name)}) as ${sql.ref(name)}`),
    );
    rowCounts = async () =>
      (await sql<Record<string, number>>`select ${counts}`.execute(test.handle.db)).rows[0]!;
  });
  afterAll(async () => {
    await test?.close();
    await smtp?.stop();
  });

  it('starts from an example body that each route takes as it is', async () => {
    // Those that cannot succeed here: a wrong password, an invitation never sent.
    const refused: Record<string, number> = {
      'POST /api/auth/login': 401,
      'POST /api/auth/accept-invite': 410,
    };
    for (const [route, body] of Object.entries(walk.examples)) {
      const found = walk.routes.find((r) => r.route === route);
      expect(found, route).toBeDefined();
      const response = await test.app.inject({
        method: found!.method.toUpperCase() as 'POST',
        url: walk.validUrl(found!),
        headers: { cookie: walk.admin },
        payload: body,
      });
      const said = `${route} ${response.body}`;
      if (route in refused) expect(response.statusCode, said).toBe(refused[route]);
      else expect(response.statusCode, said).toBeLessThan(300);
    }
  });

  // Signing out ends the session the walk relies on; the access matrix calls it.
  const skipped = new Set(['POST /api/auth/logout']);

  it(
    'never answers a 5xx, names what it refuses, and stores nothing it refuses',
    async () => {
      const problems: string[] = [];
      /** How many draws of each route got each status. */
      const tally = new Map<string, Record<number, number>>();
      const { params, validParam } = walk;
      for (const { route, path, method, operation } of walk.routes) {
        if (skipped.has(route)) continue;
        const pathNames = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        const queryNames = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
        const example = walk.examples[route];
        const pathValue = (name: string) =>
          fc.oneof(
            { weight: 4, arbitrary: fc.constant(validParam(route, name)) },
            ...(name === 'waveId'
              ? [fc.constantFrom(params.closedWaveId!, params.openWaveId!, params.draftWaveId!)]
              : []),
            fc.constant(randomUUID()),
            nasty.filter((text) => text.length > 0),
          );
        const input = fc.record({
          path: fc.tuple(...pathNames.map(pathValue)),
          query: fc.oneof(
            { weight: 3, arbitrary: fc.constant({}) },
            fc.dictionary(fc.oneof(fc.constantFrom(...queryNames, 'x'), nasty), nasty, { maxKeys: 3 }),
          ),
          body: fc.oneof(
            ...(example ? [{ weight: 4, arbitrary: nearExample(example) }] : []),
            { weight: 2, arbitrary: bodySchema ? objectFor(bodySchema) : anyValue },
            anyValue,
            fc
              .tuple(nasty, fc.constantFrom('application/json', 'text/plain', 'text/csv'))
              .map(([text, type]) => new RawBody(text, type)),
          ),
        });
        await fc.assert(
          fc.asyncProperty(input, async ({ path: values, query, body }) => {
            let at = 0;
            const url =
              path.replace(/\{\w+\}/g, () => percentEncode(values[at++]!)) +
              (Object.keys(query).length > 0
                ? `?${Object.entries(query)
                    .map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`)
                    .join('&')}`
                : '');
            const before = await rowCounts();
            const response = await test.app.inject({
              method: method.toUpperCase() as 'GET',
              url,
              headers: {
                cookie: walk.admin,
                ...(body instanceof RawBody ? { 'content-type': body.type } : {}),
              },
              ...(method === 'get'
                ? {}
                : { payload: body instanceof RawBody ? body.text : (body as object) }),
            });
            const status = response.statusCode;
            const counted = tally.get(route) ?? {};
            counted[status] = (counted[status] ?? 0) + 1;
            tally.set(route, counted);
            const said = `${route} ${url.slice(0, 200)} ${JSON.stringify(body).slice(0, 300)} → ${status} ${response.body.slice(0, 300)}`;
            if (status >= 500) problems.push(said);
            if (status >= 400) {
              const refusal = response.json();
              if (typeof refusal.code !== 'string' || typeof refusal.message !== 'string')
                problems.push(`unexplained: ${said}`);
              if (status === 400 && !(refusal.fields?.length > 0)) problems.push(`no field named: ${said}`);
              const after = await rowCounts();
              if (JSON.stringify(after) !== JSON.stringify(before))
                problems.push(`stored: ${said} ${JSON.stringify({ before, after })}`);
            }
          }),
          { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261128) },
        );
      }
      // A search further says how far its draws reached, route by route.
      if (process.env.FUZZ_RUNS) console.log(Object.fromEntries(tally));
      expect(problems).toEqual([]);
    },
    120_000 + RUNS * 3_000,
  );
});

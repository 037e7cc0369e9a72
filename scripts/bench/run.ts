// npm run bench [-- --quick] [--only=team-import|report|submission]: the performance targets,
// measured as ratios within one run on this machine, so a busy machine slows both sides alike.
// Prints a table; asserts nothing.
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { hashPassword } from '../../server/accounts/passwords.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createUser } from '../../server/db/accounts.ts';
import { type DatabaseHandle, openDatabase } from '../../server/db/connect.ts';
import { createOrganization, listTeams, replaceTeams } from '../../server/db/organizations.ts';
import { insertResponses } from '../../server/db/responses.ts';
import { waveLinks } from '../../server/db/waves.ts';
import { seededRandom } from '../../server/demo/random.ts';
import { generateResponses } from '../../server/demo/synthetic-responses.ts';
import type { App } from '../../server/http/app-types.ts';
import { closeWave, createWave, openWave } from '../../server/waves/wave-lifecycle.ts';

const quick = process.argv.includes('--quick');
// --only=team-import runs that row alone (seconds instead of minutes).
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length) ?? null;
const sizes = quick ? [2_000, 20_000] : [10_000, 100_000];
const TEAMS = 500;
const postgresUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const rows: string[][] = [];
const ms = (value: number) => `${value.toFixed(1)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function openBenchDatabase(dialect: 'postgres' | 'pglite'): Promise<DatabaseHandle | null> {
  if (dialect === 'pglite') return openDatabase({ databaseUrl: null, dataDir: null });
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.query(`create schema ${schema}`);
  } catch (error) {
    console.log(`PostgreSQL at ${postgresUrl} is not reachable (${(error as Error).message}); skipped.`);
    return null;
  } finally {
    await admin.end().catch(() => {});
  }
  const handle = await openDatabase({ databaseUrl: postgresUrl, dataDir: null, schema });
  return {
    ...handle,
    async close() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: postgresUrl });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}

// 20 departments of 24 teams each, plus the departments: 500 teams on two levels.
const benchTeams = Array.from({ length: TEAMS }, (_, i) =>
  i < 20
    ? { key: `dept-${i}`, name: `Department ${i}`, parentKey: null, headcount: null }
    : { key: `team-${i}`, name: `Team ${i}`, parentKey: `dept-${i % 20}`, headcount: null },
);

async function reportBench(dialect: string, app: App, handle: DatabaseHandle, cookie: string) {
  const db = handle.db;
  const definition = app.questionnaires.get('trust-os-diagnostic', '1.0.0')!;
  const random = seededRandom(7);

  /** A closed wave of `size` synthetic responses; returns how long freezing its figures took. */
  async function closedWave(organizationId: string, size: number) {
    const teamIds = new Map((await listTeams(db, organizationId)).map((t) => [t.key, t.id]));
    const wave = await createWave(
      db,
      {
        organizationId,
        title: `${size}`,
        questionnaireKey: definition.key,
        questionnaireVersion: definition.version,
        closesAt: null,
        teamIds: [...teamIds.values()],
      },
      null,
    );
    await openWave(db, wave.id, null, new Date());
    const perTeam = Math.floor(size / (TEAMS - 20));
    const responses = generateResponses({
      random,
      teams: benchTeams.slice(20).map((t) => ({ key: t.key, respondents: perTeam })),
      items: definition.items,
      dimensions: definition.dimensions,
    });
    await insertResponses(
      db,
      { id: wave.id, questionnaireVersion: `${definition.key}@${definition.version}` },
      teamIds,
      responses,
    );
    // Closed through the same command as the button: one transaction that seals and freezes.
    const closeStarted = performance.now();
    await closeWave(db, app.questionnaires, wave.id, null, new Date());
    return { waveId: wave.id, responses: responses.length, closeMs: performance.now() - closeStarted };
  }

  /** The median of nine reads of the report with item detail, the largest a leader asks for. */
  async function reportMedian(waveId: string) {
    const times: number[] = [];
    for (let run = 0; run < 9; run++) {
      const started = performance.now();
      const response = await app.inject({
        url: `/api/waves/${waveId}/report?detail=items`,
        headers: { cookie },
      });
      if (response.statusCode !== 200)
        throw new Error(`report ${response.statusCode}: ${response.body.slice(0, 200)}`);
      times.push(performance.now() - started);
    }
    return median(times);
  }

  // Each size in its own organization, so the larger wave's report does not also carry a trend
  // against the smaller one: both measure the same work at different response counts.
  const medians: number[] = [];
  let last = '';
  for (const size of sizes) {
    const organization = await db
      .transaction()
      .execute((trx) => createOrganization(trx, { name: `Bench ${dialect} ${size}`, anonymityThreshold: 5 }));
    await db.transaction().execute((trx) => replaceTeams(trx, organization.id, benchTeams));
    const wave = await closedWave(organization.id, size);
    medians.push(await reportMedian(wave.waveId));
    last = organization.id;
    rows.push([
      dialect,
      `report, ${wave.responses.toLocaleString('en')} responses, ${TEAMS} teams, 30 items`,
      ms(medians.at(-1)!),
      `freezing at close: ${ms(wave.closeMs)}`,
    ]);
  }
  rows.push([
    dialect,
    `report time at ${sizes[1]!.toLocaleString('en')} ÷ at ${sizes[0]!.toLocaleString('en')}`,
    `${(medians[1]! / medians[0]!).toFixed(2)}×`,
    'target ≤ 1.5×',
  ]);
  // A second wave of the same organization: its report also builds the first one's, for trends.
  const second = await closedWave(last, sizes[1]!);
  rows.push([
    dialect,
    `the same, second wave, with trends against the first`,
    ms(await reportMedian(second.waveId)),
    'no target; shows the cost of trends',
  ]);
}

/**
 * A consultant uploads the CSV of a large organization: 5,000 teams on 8 levels (4 divisions, each
 * team with about 3 below it), the most the import takes. The longest the event loop stood still
 * during the request is what every other user of the instance waited at worst meanwhile.
 */
async function teamImportBench(dialect: string, app: App, cookie: string) {
  const organization = await call(app, cookie, 'POST', '/api/organizations', { name: `Import ${dialect}` });
  const csv = [
    'key,name,parent_key,headcount',
    ...Array.from({ length: 5_000 }, (_, i) =>
      i < 4 ? `unit-${i},Division ${i},,` : `unit-${i},Team ${i},unit-${Math.floor((i - 4) / 3)},12`,
    ),
  ].join('\n');
  for (const pass of ['new teams', 'the same keys again']) {
    const stalls = monitorEventLoopDelay({ resolution: 10 });
    stalls.enable();
    const started = performance.now();
    const response = await app.inject({
      method: 'PUT',
      url: `/api/organizations/${organization.id}/teams`,
      headers: { cookie, 'content-type': 'text/csv' },
      payload: csv,
    });
    const elapsed = performance.now() - started;
    // A loop blocked until the very end is only sampled when its timer next fires: let it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    stalls.disable();
    if (response.statusCode !== 200)
      throw new Error(`team import ${response.statusCode}: ${response.body.slice(0, 200)}`);
    rows.push([
      dialect,
      `PUT /teams, 5,000 teams on 8 levels (CSV), ${pass}`,
      `max stall ${ms(stalls.max / 1e6)}`,
      `${ms(elapsed)} in all; target stall ≤ 200 ms`,
    ]);
  }
}

async function call(app: App, cookie: string, method: 'POST', url: string, payload: object) {
  const response = await app.inject({ method, url, headers: { cookie }, payload });
  if (response.statusCode >= 300)
    throw new Error(`${method} ${url} ${response.statusCode}: ${response.body}`);
  return response.json();
}

/**
 * Drives POST requests from autocannon's own worker thread, so the server's event loop serves
 * requests instead of also generating them. Every request is a new submission.
 */
async function load(
  url: string,
  options: { connections: number; duration: number; overallRate?: number },
  body: string,
) {
  return autocannon({
    url,
    method: 'POST',
    connections: options.connections,
    duration: options.duration,
    workers: 1,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    headers: { 'content-type': 'application/json' },
    body,
    requests: [{ setupRequest: fileURLToPath(new URL('./fresh-submission.cjs', import.meta.url)) }],
  });
}

async function submissionBench(dialect: string, app: App, handle: DatabaseHandle) {
  const db = handle.db;
  const organization = await db
    .transaction()
    .execute((trx) => createOrganization(trx, { name: 'Submissions', anonymityThreshold: 5 }));
  await db
    .transaction()
    .execute((trx) =>
      replaceTeams(trx, organization.id, [
        { key: 'office', name: 'Office', parentKey: null, headcount: null },
      ]),
    );
  const [team] = await listTeams(db, organization.id);
  const wave = await createWave(
    db,
    {
      organizationId: organization.id,
      title: 'load',
      questionnaireKey: 'trust-os-pulse',
      questionnaireVersion: '1.0.0',
      closesAt: null,
      teamIds: [team!.id],
    },
    null,
  );
  await openWave(db, wave.id, null, new Date());
  const [link] = await waveLinks(db, wave.id);
  const answers = Object.fromEntries(
    app.questionnaires.get('trust-os-pulse', '1.0.0')!.items.map((item, i) => [item.id, (i % 5) + 1]),
  );
  // fresh-submission.cjs puts a new id in place of the marker for each request.
  const body = JSON.stringify({ submissionId: '<submission-id>', answers });

  // The baseline: a bare Fastify route doing one INSERT on the same database.
  await sql`create table bench_insert (id uuid primary key, payload jsonb not null)`.execute(db);
  const bare = Fastify();
  bare.post('/insert', async (request) => {
    await sql`insert into bench_insert (id, payload) values (${randomUUID()}, ${JSON.stringify(request.body)})`.execute(
      db,
    );
    return { status: 'recorded' };
  });
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const duration = quick ? 3 : 8;

  const baseline = await load(`${bareUrl}/insert`, { connections: 50, duration }, body);
  const real = await load(
    `${appUrl}/api/participate/${link!.code}/responses`,
    { connections: 50, duration },
    body,
  );
  const steady = await load(
    `${appUrl}/api/participate/${link!.code}/responses`,
    { connections: 10, duration, overallRate: 100 },
    body,
  );
  for (const [name, result] of [
    ['bare INSERT route', baseline],
    ['submission route', real],
  ] as const) {
    if (result.non2xx > 0 || result.errors > 0)
      console.log(`${dialect} ${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  rows.push([
    dialect,
    'bare Fastify route, one INSERT, 50 clients',
    `${Math.round(baseline.requests.average)} req/s`,
    `p99 ${baseline.latency.p99} ms`,
  ]);
  rows.push([
    dialect,
    'POST /participate/:code/responses, 50 clients',
    `${Math.round(real.requests.average)} req/s`,
    `p99 ${real.latency.p99} ms`,
  ]);
  rows.push([
    dialect,
    'submissions ÷ bare INSERT',
    `${((real.requests.average / baseline.requests.average) * 100).toFixed(0)}%`,
    'target ≥ 70%',
  ]);
  rows.push([
    dialect,
    'submissions at 100 req/s',
    `p99 ${steady.latency.p99} ms`,
    `${Math.round(steady.requests.average)} req/s served; target p99 < 50 ms`,
  ]);
  await bare.close();
}

for (const dialect of ['postgres', 'pglite'] as const) {
  const handle = await openBenchDatabase(dialect);
  if (!handle) continue;
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent', DEMO: 'false' }),
    // The load comes from one address; the budgets stay in the path but never refuse it.
    participationRateLimitPerMinute: 10_000_000,
    participationAddressRateLimitPerMinute: 9_000_000,
    participationOpenRateLimitPerMinute: 10_000_000,
    participationOpenAddressRateLimitPerMinute: 9_000_000,
  };
  const app = await buildApp(config, { database: handle, logger: false });
  await createUser(handle.db, {
    email: 'bench@example.org',
    passwordHash: await hashPassword('bench password 123'),
    isAdmin: true,
  });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'bench@example.org', password: 'bench password 123' },
  });
  const cookie = `trust_os_session=${login.cookies.find((c) => c.name === 'trust_os_session')!.value}`;
  console.log(`Measuring on ${dialect}…`);
  if (!only || only === 'team-import') await teamImportBench(dialect, app, cookie);
  if (!only || only === 'report') await reportBench(dialect, app, handle, cookie);
  if (!only || only === 'submission') await submissionBench(dialect, app, handle);
  await app.close();
  await handle.close();
}

const widths = [0, 1, 2, 3].map((i) =>
  Math.max(...rows.map((r) => r[i]!.length), ['database', 'measure', 'result', 'note'][i]!.length),
);
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(
  `\nNode ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB${quick ? ' (quick)' : ''}\n`,
);
console.log(line(['database', 'measure', 'result', 'note']));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(row));

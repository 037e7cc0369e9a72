// npm run bench [-- --quick] [--only=submission,close,team-import,big-org] [--database=postgres,pglite]
//   [--rounds=3] [--window=30] [--teams=10000] [--answers=1000000]
//
// The performance targets, measured on the app as it ships: each server runs in a process of its
// own (scripts/bench/server-process.ts) with the default log level and every hook, and reports its
// own CPU time and memory; the load comes from this process (autocannon at full speed, requests
// at random moments for the steady rate: `steadyLoad`). Every ratio is taken
// against the same bare Fastify route doing one INSERT on PostgreSQL, measured in the same run, in
// rounds that take turns with the app (A, B, C, then B, C, A, …) so that a machine busy for a
// while slows each side alike; the table shows medians over the rounds. Prints a table; asserts
// nothing. PostgreSQL is DATABASE_URL or the local test server; without it, only PGlite is measured
// and the ratios are left out.
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import pg from 'pg';
import { seededRandom } from '../../server/demo/random.ts';
import { memoryEnvironment, memoryOptions } from '../memory-settings.mjs';
import { BENCH_EMAIL, BENCH_PASSWORD, type BenchCommand, type Usage } from './protocol.ts';

const option = (name: string) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? null;
const quick = process.argv.includes('--quick');
/** The parts to run (`--only=submission,close`), in the bench's own order; all when not given. */
const parts = ['team-import', 'submission', 'close', 'big-org'] as const;
const only = option('only')?.split(',');
const unknown = only?.filter((part) => !(parts as readonly string[]).includes(part));
if (unknown?.length) throw new Error(`--only takes ${parts.join(', ')}; not ${unknown.join(', ')}`);
const runs = (part: (typeof parts)[number]) => !only || only.includes(part);
const rounds = Number(option('rounds') ?? (quick ? 1 : 3));
const windowSeconds = Number(option('window') ?? (quick ? 5 : 30));
/** Full speed on each server before the first window, not measured (`submissionBench`). */
const warmUpSeconds = quick ? 2 : 5;
const databases = (option('database') ?? 'postgres,pglite').split(',');
const sizes = quick ? [2_000, 20_000] : [10_000, 100_000];
const TEAMS = 500;
// The big organization (--only=big-org, PostgreSQL only): its teams, and the answers of its larger
// wave; the smaller wave has a tenth of them, on the same hierarchy.
const bigTeams = Number(option('teams') ?? (quick ? 1_000 : 10_000));
const bigAnswers = Number(option('answers') ?? (quick ? 100_000 : 1_000_000));
const postgresUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

// The servers run compiled, as `npm start` runs them: run from the sources, tsx's loader thread,
// its compiled copies of every module and a second loader in the report thread added 50 to 60 MB
// of memory and some CPU time that the app as it ships does not have. The build is the server's
// own (`tsconfig.build.json`, into dist/) plus the bench's server process.
execFileSync(
  process.execPath,
  [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.bench.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
const serverProcess = path.join(root, 'dist/scripts/bench/server-process.js');

const rows: string[][] = [];
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const size = (bytes: number) =>
  bytes < 2 ** 20 ? `${Math.round(bytes / 1024)} kB` : `${(bytes / 2 ** 20).toFixed(1)} MB`;
const ratio = (value: number) => `${value.toFixed(2)}×`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

interface Server {
  name: string;
  url: string;
  /** Resident memory once ready, before any load. */
  startRss: number;
  call<T>(command: BenchCommand): Promise<T>;
  stop(): Promise<void>;
}

/** Creates a schema of its own on PostgreSQL, or answers null when PostgreSQL is not there. */
async function freshSchema(): Promise<string | null> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    return schema;
  } catch (error) {
    console.log(`PostgreSQL at ${postgresUrl} is not reachable (${(error as Error).message}); skipped.`);
    return null;
  } finally {
    await admin.end().catch(() => {});
  }
}

async function dropSchema(schema: string) {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`drop schema ${schema} cascade`);
  await admin.end();
}

async function startServer(name: string, role: 'app' | 'bare', database: 'postgres' | 'pglite') {
  const schema = database === 'postgres' ? await freshSchema() : null;
  if (database === 'postgres' && !schema) return null;
  const dataDir = database === 'pglite' ? mkdtempSync(path.join(os.tmpdir(), 'trust-os-bench-')) : null;
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_ROLE: role, DEMO: 'false', HOST: '127.0.0.1' };
  for (const key of ['DATABASE_URL', 'LOG_LEVEL', 'SMTP_URL', 'MAIL_FROM', 'PUBLIC_URL', 'DATA_DIR'])
    delete env[key];
  if (schema)
    Object.assign(env, { DATABASE_URL: postgresUrl, BENCH_DATABASE_URL: postgresUrl, BENCH_SCHEMA: schema });
  if (dataDir) env.DATA_DIR = path.join(dataDir, 'data');
  // The load comes from one address: the budgets stay in the request path but never refuse it.
  Object.assign(env, {
    PARTICIPATION_RATE_LIMIT_PER_MINUTE: '10000000',
    PARTICIPATION_ADDRESS_RATE_LIMIT_PER_MINUTE: '9000000',
    PARTICIPATION_OPEN_RATE_LIMIT_PER_MINUTE: '10000000',
    PARTICIPATION_OPEN_ADDRESS_RATE_LIMIT_PER_MINUTE: '9000000',
  });
  // Every server runs with the memory settings `npm start` gives the app (scripts/memory-settings.mjs).
  Object.assign(env, memoryEnvironment);
  const child: ChildProcess = fork(serverProcess, {
    execArgv: memoryOptions,
    // Log lines go where a real deployment's go: out of the process, here to /dev/null.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env,
  });
  let next = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
    child.on('message', (message: { ready?: string; id?: number; result?: unknown; error?: string }) => {
      if (message.ready) return resolve(message.ready);
      const waiting = pending.get(message.id!);
      pending.delete(message.id!);
      if (message.error) waiting?.reject(new Error(`${name}: ${message.error}`));
      else waiting?.resolve(message.result);
    });
  });
  const server: Server = {
    name,
    url,
    startRss: 0,
    call<T>(command: BenchCommand) {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ ...command, id });
      });
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      if (schema) await dropSchema(schema);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
  server.startRss = (await server.call<Usage>({ cmd: 'usage' })).rssBytes;
  return server;
}

async function http(
  server: Server,
  method: string,
  url: string,
  options: { cookie?: string; body?: unknown; type?: string } = {},
) {
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers: {
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.body !== undefined ? { 'content-type': options.type ?? 'application/json' } : {}),
    },
    ...(options.body !== undefined
      ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  const text = await response.text();
  if (response.status >= 300)
    throw new Error(`${server.name}: ${method} ${url} ${response.status}: ${text.slice(0, 200)}`);
  return { response, json: () => JSON.parse(text) };
}

async function signIn(server: Server) {
  const { response } = await http(server, 'POST', '/api/auth/login', {
    body: { email: BENCH_EMAIL, password: BENCH_PASSWORD },
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('trust_os_session='));
  return cookie!.split(';')[0]!;
}

/**
 * Drives POST requests from autocannon's own worker thread. Every request is a new submission
 * (fresh-submission.cjs puts a new id in place of the marker).
 */
function load(url: string, options: { connections: number; seconds?: number }, body: string) {
  return autocannon({
    url,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds ?? windowSeconds,
    workers: 1,
    headers: { 'content-type': 'application/json' },
    body,
    requests: [{ setupRequest: path.join(here, 'fresh-submission.cjs') }],
  });
}

/** What autocannon counts as not answered with a 2xx: other statuses, errors and timeouts. */
const failures = (result: autocannon.Result) => result.non2xx + result.errors + result.timeouts;

/**
 * Requests as independent people send them: `rate` a second on average, each at a random moment
 * (exponential gaps between them, a Poisson process) and none waiting for an earlier one's answer.
 * The schedule is drawn from `seed`, so every server of a round gets the same one. autocannon's
 * `overallRate` instead lets each of its 10 connections send its 10 requests of a second one after
 * another as the second starts, then nothing, which measures a burst, not a rate. Each latency runs
 * from the moment the request was due, so a late timer in this process counts against the figure
 * rather than hiding in it, to the end of its answer; a request unanswered after 10 s, or whose
 * connection ends first, counts as failed.
 */
async function steadyLoad(url: string, rate: number, body: string, seed: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const random = seededRandom(seed);
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const send = (due: number) =>
    new Promise<void>((resolve) => {
      let settled = false;
      const settle = (answered: boolean) => {
        if (settled) return;
        settled = true;
        if (answered) ok += 1;
        else failed += 1;
        resolve();
      };
      const text = body.replace('<submission-id>', randomUUID());
      const call = request(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            const latency = performance.now() - due;
            latencies.push(latency);
            if (latency > SLOW_MS) slow.push({ at: due - started, latency });
            settle(response.statusCode! >= 200 && response.statusCode! < 300);
          });
          response.on('error', () => settle(false));
        },
      );
      call.setTimeout(10_000, () => call.destroy(new Error('no answer within 10 s')));
      call.on('error', () => settle(false));
      // After the answer's end this changes nothing; before it, the request failed.
      call.on('close', () => settle(false));
      call.end(text);
    });
  const pending: Promise<void>[] = [];
  const slow: { at: number; latency: number }[] = [];
  const started = performance.now();
  for (let due = 0; ; ) {
    due += (-Math.log(1 - random.next()) / rate) * 1000;
    if (due > windowSeconds * 1000) break;
    const wait = started + due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(send(started + due));
  }
  await Promise.all(pending);
  agent.destroy();
  return {
    ok,
    failed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    slow: {
      count: slow.length,
      // Requests held up by one stall were due within the same second or two; many such seconds
      // are many stalls.
      seconds: new Set(slow.map(({ at }) => Math.floor(at / 1000))).size,
      max: Math.max(0, ...latencies),
    },
  };
}

/** A request at the steady rate that took longer than this is counted as held up (`Slow`). */
const SLOW_MS = 50;

/** The requests of a steady window that took over `SLOW_MS`, the seconds they were due in, and the slowest. */
interface Slow {
  count: number;
  seconds: number;
  max: number;
}

interface Window {
  perSecond: number;
  p50: number;
  p99: number;
  slow?: Slow;
  cpuPerRequestMs: number;
  failed: number;
}

async function measureWindow(
  server: Server,
  url: string,
  rate: number | null,
  body: string,
  seed: number,
): Promise<Window> {
  const before = await server.call<Usage>({ cmd: 'usage' });
  let ok: number;
  let p50: number;
  let p99: number;
  let failed: number;
  let slow: Slow | undefined;
  if (rate) ({ ok, p50, p99, failed, slow } = await steadyLoad(url, rate, body, seed));
  else {
    const result = await load(url, { connections: 50 }, body);
    ok = result['2xx'];
    p50 = result.latency.p50;
    p99 = result.latency.p99;
    failed = failures(result);
  }
  const after = await server.call<Usage>({ cmd: 'usage' });
  return {
    perSecond: ok / windowSeconds,
    p50,
    p99,
    cpuPerRequestMs: (after.cpuMicros - before.cpuMicros) / 1000 / Math.max(1, ok),
    failed,
    ...(slow ? { slow } : {}),
  };
}

/**
 * Submissions: the bare route and each app in turn, at full speed with 50 clients and at a steady
 * 100 requests per second arriving at random (`steadyLoad`), in rounds whose order rotates.
 */
async function submissionBench(bare: Server | null, apps: Server[]) {
  const targets: { server: Server; url: string; body: string }[] = [];
  for (const app of apps) {
    const { code, answers } = await app.call<{ code: string; answers: object }>({ cmd: 'submission-wave' });
    const body = JSON.stringify({ submissionId: '<submission-id>', answers });
    targets.push({ server: app, url: `${app.url}/api/participate/${code}/responses`, body });
  }
  if (bare) targets.unshift({ server: bare, url: `${bare.url}/insert`, body: targets[0]!.body });
  const results = new Map<Server, { full: Window[]; steady: Window[] }>(
    targets.map((t) => [t.server, { full: [], steady: [] }]),
  );
  // A server that has run for a while has its code compiled and its caches full, as one that
  // serves a survey has: in windows of 8 s, the app's first on a new process ran at about a third
  // of the rate of its later ones, and the bare route's at three quarters (docs/performance.md).
  // So each server first runs at full speed for a few seconds, not measured.
  for (const target of targets) {
    process.stdout.write(`  warming up: ${target.server.name}, ${warmUpSeconds} s…\n`);
    const warm = await load(target.url, { connections: 50, seconds: warmUpSeconds }, target.body);
    const failed = failures(warm);
    if (failed > 0) console.log(`  ${target.server.name}: ${failed} requests failed while warming up`);
  }
  for (let round = 0; round < rounds; round++) {
    const order = targets.map((_, i) => targets[(i + round) % targets.length]!);
    for (const rate of [null, 100]) {
      for (const target of order) {
        process.stdout.write(
          `  round ${round + 1}/${rounds}: ${target.server.name}, ${rate ? `${rate} req/s` : '50 clients'}…\n`,
        );
        const window = await measureWindow(target.server, target.url, rate, target.body, round + 1);
        if (window.failed > 0) console.log(`  ${target.server.name}: ${window.failed} requests failed`);
        results.get(target.server)![rate ? 'steady' : 'full'].push(window);
      }
    }
  }
  const of = (server: Server, kind: 'full' | 'steady', key: Exclude<keyof Window, 'slow'>) =>
    median(results.get(server)![kind].map((w) => w[key]));
  // A p99 far above the p50 is requests held up together, and the p99 alone does not say by what:
  // each round's count of them, how many seconds of the window they fell in, and the slowest.
  const held = (server: Server) =>
    results
      .get(server)!
      .steady.map(({ slow }) =>
        !slow
          ? '–'
          : slow.count === 0
            ? `none, slowest ${ms(slow.max)}`
            : `${slow.count} in ${slow.seconds} s, slowest ${ms(slow.max)}`,
      )
      .join('; ');
  if (bare) {
    rows.push([
      'postgres',
      `bare route (one INSERT), 50 clients, ${windowSeconds} s × ${rounds}`,
      `${Math.round(of(bare, 'full', 'perSecond'))} req/s`,
      `CPU ${ms(of(bare, 'full', 'cpuPerRequestMs'))}/request; at 100 req/s, p50 ${ms(of(bare, 'steady', 'p50'))} and p99 ${ms(of(bare, 'steady', 'p99'))}`,
    ]);
  }
  for (const app of apps) {
    const database = app.name;
    rows.push([
      database,
      `POST /participate/:code/responses, 50 clients`,
      `${Math.round(of(app, 'full', 'perSecond'))} req/s`,
      `p99 ${ms(of(app, 'full', 'p99'))}`,
    ]);
    rows.push([
      database,
      'Node CPU per accepted submission (process.cpuUsage)',
      ms(of(app, 'full', 'cpuPerRequestMs')),
      database === 'postgres'
        ? `target ≤ 0.18 ms${bare ? `; bare route ${ms(of(bare, 'full', 'cpuPerRequestMs'))}` : ''}`
        : 'includes the embedded database, which runs in the same process',
    ]);
    if (bare) {
      rows.push([
        database,
        'submissions ÷ bare route on PostgreSQL (req/s)',
        ratio(of(app, 'full', 'perSecond') / of(bare, 'full', 'perSecond')),
        database === 'postgres' ? 'target ≥ 1.2×' : 'no target: what the embedded database costs',
      ]);
    }
    rows.push([
      database,
      'p99 at 100 req/s, random arrivals',
      ms(of(app, 'steady', 'p99')),
      bare
        ? `${ratio(of(app, 'steady', 'p99') / of(bare, 'steady', 'p99'))} the bare route's; target ≤ 1.2×; p50 ${ms(of(app, 'steady', 'p50'))}; CPU ${ms(of(app, 'steady', 'cpuPerRequestMs'))}/request (bare route ${ms(of(bare, 'steady', 'cpuPerRequestMs'))})`
        : 'no bare route to compare with',
    ]);
    rows.push([
      database,
      `requests over ${SLOW_MS} ms at 100 req/s, by round`,
      held(app),
      `no target${bare ? `; bare route: ${held(bare)}` : ''}`,
    ]);
    const usage = await app.call<Usage>({ cmd: 'usage' });
    rows.push([
      database,
      'server memory: peak RSS under load',
      `${mb(usage.maxRssBytes)} (${mb(app.startRss)} at start)`,
      database === 'pglite' ? 'target ≤ 300 MB' : 'no target',
    ]);
  }
}

/**
 * Closing a wave and reading its report. The large wave is closed twice, each time a wave of its
 * own of the same size and shape (answers drawn from the next seed): once with nothing else asked
 * of the server, as a leader closes a wave whose employees have answered, which is what the target
 * is for; then, second, with code and caches warmed by the first, while one client asks
 * /health in a loop and another opens a survey (which reads the database) in a loop, which shows
 * whether the server stays responsive. The probing clients and the server's answers to them use
 * the same two cores as the close: on a busy machine of two cores, about a third of the CPU time
 * spent during the close (docs/performance.md).
 */
async function closeBench(app: Server) {
  const cookie = await signIn(app);
  const { code: surveyCode } = await app.call<{ code: string }>({ cmd: 'submission-wave' });
  const reports: number[] = [];
  const reportUrls: string[] = [];
  const seeded = (answers: number, skipRate?: number) =>
    app.call<{ waveId: string; responses: number }>({
      cmd: 'seeded-wave',
      responses: answers,
      teams: TEAMS,
      ...(skipRate === undefined ? {} : { skipRate }),
    });
  const shown: string[] = [];
  const target = `target ≤ ${app.name === 'postgres' ? '1.5 s' : '4 s'}`;
  for (const answers of sizes) {
    const large = answers === sizes.at(-1);
    if (large) {
      const alone = await seeded(answers);
      const started = performance.now();
      await http(app, 'POST', `/api/waves/${alone.waveId}/close`, { cookie });
      const closeMs = performance.now() - started;
      await app.call({ cmd: 'reclaimed' });
      rows.push([
        app.name,
        `close (seal, freeze), ${alone.responses.toLocaleString('en')} responses, ${TEAMS} teams, 30 items`,
        ms(closeMs),
        `${target}; nothing else asked of the server meanwhile`,
      ]);
    }
    const { waveId, responses } = await seeded(answers);
    let closing = true;
    const probe = async (url: string) => {
      const times: number[] = [];
      while (closing) {
        const started = performance.now();
        await fetch(`${app.url}${url}`).then((r) => r.arrayBuffer());
        times.push(performance.now() - started);
        await sleep(5);
      }
      return times;
    };
    await app.call({ cmd: 'loop', on: true });
    const health = probe('/health');
    const survey = probe(`/api/participate/${surveyCode}`);
    const started = performance.now();
    try {
      await http(app, 'POST', `/api/waves/${waveId}/close`, { cookie });
    } finally {
      // A failed close must not leave the probes asking forever.
      closing = false;
    }
    const closeMs = performance.now() - started;
    // The old row versions are reclaimed after the close's answer; the next part waits for that.
    const reclaim = app.call({ cmd: 'reclaimed' }).then(() => performance.now() - started - closeMs);
    const [healthTimes, surveyTimes] = await Promise.all([health, survey]);
    const { maxStallMs } = await app.call<{ maxStallMs: number }>({ cmd: 'loop', on: false });
    const reclaimMs = await reclaim;
    const what = `${responses.toLocaleString('en')} responses, ${TEAMS} teams, 30 items`;
    if (large) {
      rows.push([
        app.name,
        'a close of the same size while two clients probe the server (below)',
        ms(closeMs),
        'no target; they share its two cores',
      ]);
      rows.push([
        app.name,
        'reclaiming the old row versions after that close (VACUUM)',
        ms(reclaimMs),
        'no target; runs after the close has answered',
      ]);
      rows.push([app.name, 'longest event-loop stall during that close', ms(maxStallMs), 'target ≤ 100 ms']);
      rows.push([
        app.name,
        '/health during that close',
        `p99 ${ms(percentile(healthTimes, 99))}`,
        `${healthTimes.length} probes`,
      ]);
      rows.push([
        app.name,
        'opening a survey during that close',
        `p99 ${ms(percentile(surveyTimes, 99))}`,
        app.name === 'pglite'
          ? `${surveyTimes.length} probes; the embedded database runs one transaction at a time`
          : `${surveyTimes.length} probes`,
      ]);
    }
    // Warm: the first read fills the caches a leader's next read finds.
    await http(app, 'GET', `/api/waves/${waveId}/report?detail=items`, { cookie });
    const times: number[] = [];
    let body = { body: '', bytes: 0, gzipped: 0 };
    for (let run = 0; run < 9; run++) {
      const read = await timedGet(app, `/api/waves/${waveId}/report?detail=items`, cookie);
      times.push(read.elapsed);
      body = read;
    }
    reports.push(median(times));
    reportUrls.push(`/api/waves/${waveId}/report?detail=items`);
    shown.push(itemCellsShown(body.body));
    // The body grows with the answers through their comments (one answer in seven has one here),
    // while the figures stay the same size: what the ratio below compares is both.
    rows.push([
      app.name,
      `report, warm, ${what}`,
      ms(reports.at(-1)!),
      `target ≤ 150 ms; median of 9; ${size(body.bytes)} of JSON, ${size(body.gzipped)} gzip; ${shown.at(-1)} item cells shown`,
    ]);
  }
  // Whether a report's time grows with the answers is a comparison of two reports that show nearly
  // the same cells. The smaller wave above does not: about twenty people a team, with one answer in
  // about thirty skipped, leave most teams a few people who skipped one of a dimension's questions,
  // and rule 4 of docs/scoring.md then hides that dimension's questions for the team, so that
  // report is smaller and faster than the larger wave's. A wave of the same size in which everyone
  // answered every question shows nearly every cell the larger one shows (the rows say how many),
  // and is the one the target compares.
  const full = await seeded(sizes[0]!, 0);
  await http(app, 'POST', `/api/waves/${full.waveId}/close`, { cookie });
  await app.call({ cmd: 'reclaimed' });
  const fullUrl = `/api/waves/${full.waveId}/report?detail=items`;
  const fullShown = itemCellsShown((await timedGet(app, fullUrl, cookie)).body);
  // Two medians of reads of 20 ms taken minutes apart move with the machine more than with the
  // report: the ratio is taken from reads in turn, as the big organization's is.
  const [small, large, smallFull] = await readInTurn(app, [...reportUrls, fullUrl], cookie);
  const sizeRatio = `${sizes[1]!.toLocaleString('en')} ÷ at ${sizes[0]!.toLocaleString('en')}`;
  rows.push([
    app.name,
    `report time at ${sizeRatio}, every question answered in the smaller`,
    ratio(large! / smallFull!),
    `target ≤ 1.5×; medians of 15 reads of each, in turn (${ms(large!)} and ${ms(smallFull!)}); ${fullShown} item cells shown in the smaller`,
  ]);
  rows.push([
    app.name,
    `report time at ${sizeRatio}, both waves as above`,
    ratio(large! / small!),
    `no target; the smaller shows ${shown[0]} item cells (rule 4); read apart, ${ratio(reports[1]! / reports[0]!)}`,
  ]);
}

/** How many of a report's item cells show, of all its groups' (`12 of 30`). */
function itemCellsShown(body: string): string {
  type Group = { items?: Record<string, unknown> };
  const report = JSON.parse(body) as { organization: Group; groups: Group[] };
  let cells = 0;
  let standing = 0;
  for (const group of [report.organization, ...report.groups])
    for (const cell of Object.values(group.items ?? {})) {
      cells++;
      if (cell !== null) standing++;
    }
  return `${standing.toLocaleString('en')} of ${cells.toLocaleString('en')}`;
}

/**
 * A POST that may take minutes (closing a million answers on a busy machine), which fetch would
 * give up on after five: node:http waits as long as the server works.
 */
function longPost(server: Server, url: string, cookie: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const call = request(`${server.url}${url}`, { method: 'POST', headers: { cookie } }, (response) => {
      let body = '';
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () =>
        (response.statusCode ?? 500) < 300
          ? resolve()
          : reject(new Error(`${server.name}: POST ${url} ${response.statusCode}: ${body.slice(0, 200)}`)),
      );
    });
    call.on('error', reject);
    call.end();
  });
}

/**
 * The median time of 15 reads of each of some reports, read in turn with the order reversed every
 * other time, so that none is always read last and a machine busy for a while slows each alike.
 */
async function readInTurn(server: Server, urls: string[], cookie: string): Promise<number[]> {
  const times = urls.map(() => [] as number[]);
  const order = urls.map((_, i) => i);
  for (let run = 0; run < 15; run++)
    for (const i of run % 2 === 0 ? order : [...order].reverse())
      times[i]!.push((await timedGet(server, urls[i]!, cookie)).elapsed);
  return times.map(median);
}

/** A GET whose body is read as text, with its time, its size and its size gzipped. */
async function timedGet(server: Server, url: string, cookie: string) {
  const started = performance.now();
  const response = await fetch(`${server.url}${url}`, { headers: { cookie } });
  const body = await response.text();
  const elapsed = performance.now() - started;
  if (response.status !== 200)
    throw new Error(`${server.name}: GET ${url} ${response.status}: ${body.slice(0, 200)}`);
  return { elapsed, body, bytes: Buffer.byteLength(body), gzipped: gzipSync(body).length };
}

/**
 * A large employer on PostgreSQL: `bigTeams` teams on six levels (scripts/bench/big-organization.ts),
 * one wave of a tenth of `bigAnswers` answers and one of all of them, on the same hierarchy, seeded in
 * SQL. Each wave is closed through the API as the button does; then its heat map report is read
 * cold (built, then kept) and warm, whole and by hierarchy level, and the server's memory is read
 * at the end. The ratio of the two waves' warm reads is taken from reads of both, in turn, once
 * both are closed, as the submissions' ratios are: two medians taken minutes apart on a shared
 * machine gave anything from 0.73× to 1.55×.
 */
async function bigOrganizationBench(app: Server) {
  const cookie = await signIn(app);
  const teams = `${bigTeams.toLocaleString('en')} teams on 6 levels`;
  const warm: number[] = [];
  const reports: string[] = [];
  for (const responses of [Math.round(bigAnswers / 10), bigAnswers]) {
    const what = `${responses.toLocaleString('en')} answers, ${teams}`;
    const large = responses === bigAnswers;
    let started = performance.now();
    const { waveId } = await app.call<{ waveId: string }>({
      cmd: 'big-organization',
      teams: bigTeams,
      responses,
    });
    console.log(`  seeded ${what} in ${((performance.now() - started) / 1000).toFixed(0)} s; closing…`);
    started = performance.now();
    await longPost(app, `/api/waves/${waveId}/close`, cookie);
    const closeMs = performance.now() - started;
    await app.call({ cmd: 'reclaimed' });
    const reclaimMs = performance.now() - started - closeMs;
    console.log(
      `  closed in ${ms(closeMs)}, old row versions reclaimed ${ms(reclaimMs)} later; reading reports…`,
    );
    rows.push([
      'postgres',
      `close (seal, freeze), ${what}`,
      ms(closeMs),
      `${large ? 'target < 20 s' : 'no target'}; then ${ms(reclaimMs)} reclaiming the old row versions`,
    ]);
    const report = `/api/waves/${waveId}/report`;
    reports.push(report);
    const cold = await timedGet(app, report, cookie);
    const times: number[] = [];
    for (let run = 0; run < 9; run++) times.push((await timedGet(app, report, cookie)).elapsed);
    warm.push(median(times));
    rows.push([
      'postgres',
      `report (heat map, no items), warm, ${what}`,
      ms(warm.at(-1)!),
      `${large ? 'target < 300 ms; ' : ''}median of 9; first read ${ms(cold.elapsed)}`,
    ]);
    if (!large) continue;
    // Read after the first report, so that reading the sizes does not warm that read.
    const stored = await app.call<{ sums: number; published: number }>({ cmd: 'snapshot-size', waveId });
    rows.push([
      'postgres',
      `what the close froze, ${teams}`,
      size(stored.sums + stored.published),
      `no target; the sums ${size(stored.sums)} and the published figures ${size(stored.published)}, as JSON`,
    ]);
    rows.push([
      'postgres',
      `report size, ${teams}`,
      `${size(cold.gzipped)} gzip`,
      `${size(cold.bytes)} of JSON, ${JSON.parse(cold.body).comments.length} comment blocks`,
    ]);
    const level = await timedGet(app, `${report}?depth=2`, cookie);
    const levelTimes: number[] = [];
    for (let run = 0; run < 9; run++)
      levelTimes.push((await timedGet(app, `${report}?depth=2`, cookie)).elapsed);
    rows.push([
      'postgres',
      'report by hierarchy level (?depth=2: the organization and its first two levels), warm',
      ms(median(levelTimes)),
      `${size(level.gzipped)} gzip, ${size(level.bytes)} of JSON`,
    ]);
    // What a click on a heat-map cell asks: one team's items, cut from the report with items.
    const detail = `${report}?detail=items&root=l6-1&depth=0`;
    const first = await timedGet(app, detail, cookie);
    const detailTimes: number[] = [];
    for (let run = 0; run < 5; run++) detailTimes.push((await timedGet(app, detail, cookie)).elapsed);
    rows.push([
      'postgres',
      "one team's item detail (?detail=items&root=…&depth=0)",
      ms(median(detailTimes)),
      `median of 5; first read ${ms(first.elapsed)}; ${size(first.bytes)} of JSON`,
    ]);
  }
  const [small, large] = await readInTurn(app, reports, cookie);
  rows.push([
    'postgres',
    `report time at ${bigAnswers.toLocaleString('en')} ÷ at ${Math.round(bigAnswers / 10).toLocaleString('en')}, ${teams}`,
    ratio(large! / small!),
    `target ≤ 1.5×; medians of 15 reads of each, in turn (${ms(large!)} and ${ms(small!)}); read apart, ${ratio(warm[1]! / warm[0]!)}`,
  ]);
  const usage = await app.call<Usage>({ cmd: 'usage' });
  rows.push([
    'postgres',
    'server memory: peak RSS through seeding, closes and reports',
    mb(usage.maxRssBytes),
    `target < 400 MB; ${mb(usage.rssBytes)} at the end`,
  ]);
}

/**
 * A consultant uploads the CSV of a large organization: 5,000 teams on 8 levels (4 divisions, each
 * team with about 3 below it), the most the import takes. The longest the server's event loop
 * stood still meanwhile is what every other user of the instance waited at worst.
 */
async function teamImportBench(app: Server) {
  await app.call({ cmd: 'reset-peak' });
  const cookie = await signIn(app);
  const organization = (
    await http(app, 'POST', '/api/organizations', { cookie, body: { name: 'Import' } })
  ).json();
  const csv = [
    'key,name,parent_key,headcount',
    ...Array.from({ length: 5_000 }, (_, i) =>
      i < 4 ? `unit-${i},Division ${i},,` : `unit-${i},Team ${i},unit-${Math.floor((i - 4) / 3)},12`,
    ),
  ].join('\n');
  for (const pass of ['new teams', 'the same keys again']) {
    await app.call({ cmd: 'loop', on: true });
    const started = performance.now();
    await http(app, 'PUT', `/api/organizations/${organization.id}/teams`, {
      cookie,
      body: csv,
      type: 'text/csv',
    });
    const elapsed = performance.now() - started;
    // A loop blocked until the very end is only sampled when its timer next fires: let it.
    await sleep(50);
    const { maxStallMs } = await app.call<{ maxStallMs: number }>({ cmd: 'loop', on: false });
    rows.push([
      app.name,
      `PUT /teams, 5,000 teams on 8 levels (CSV), ${pass}`,
      `max stall ${ms(maxStallMs)}`,
      `${ms(elapsed)} in all; target stall ≤ 100 ms`,
    ]);
  }
  const usage = await app.call<Usage>({ cmd: 'usage' });
  rows.push([app.name, 'server memory: peak RSS through both imports', mb(usage.maxRssBytes), 'no target']);
}

const started = performance.now();
const servers: Server[] = [];
try {
  const bare = !runs('submission') ? null : await startServer('bare route', 'bare', 'postgres');
  if (bare) servers.push(bare);
  const apps: Server[] = [];
  for (const database of ['postgres', 'pglite'] as const) {
    if (
      !databases.includes(database) ||
      (only?.every((part) => part === 'big-org') && database !== 'postgres')
    )
      continue;
    const app = await startServer(database, 'app', database);
    if (app) apps.push(app);
  }
  servers.push(...apps);
  if (runs('team-import')) for (const app of apps) await teamImportBench(app);
  if (runs('submission')) {
    // Each part's peak memory is its own: the team import before it ran on the same servers.
    for (const app of apps) await app.call({ cmd: 'reset-peak' });
    console.log(`Submissions: ${rounds} round(s) of ${windowSeconds} s windows…`);
    await submissionBench(bare, apps);
  }
  if (runs('close')) for (const app of apps) await closeBench(app);
  if (runs('big-org')) {
    const postgres = apps.find((app) => app.name === 'postgres');
    await postgres?.call({ cmd: 'reset-peak' });
    if (postgres) await bigOrganizationBench(postgres);
  }
} finally {
  for (const server of servers) await server.stop().catch((error) => console.error(error));
}

const heads = ['database', 'measure', 'result', 'target and note'];
const widths = heads.map((head, i) => Math.max(head.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(
  `\nNode ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, ${Math.round((performance.now() - started) / 1000)} s${quick ? ' (quick)' : ''}\n`,
);
console.log(line(heads));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(row));
process.exit(0);

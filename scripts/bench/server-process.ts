// One server under test, started by run.ts in a process of its own, so that the CPU time and
// memory it reports are the server's alone (the load generator and the bench's own bookkeeping run
// in the parent). BENCH_ROLE=app is the app as it ships: buildApp with the configuration read from
// the environment, the default log level and every hook, writing its log lines to standard output
// (which the parent sends to /dev/null, as cheap as a real log pipe gets). BENCH_ROLE=bare is the
// yardstick every ratio is taken against: a bare Fastify route doing one INSERT on PostgreSQL.
//
// The parent talks to it over the IPC channel: `usage` (CPU time and memory so far), `loop`
// (start or stop measuring how long the event loop stood still) and the set-up commands below,
// which seed through the server's own database handle so PGlite is never opened twice.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { hashPassword } from '../../server/accounts/passwords.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createUser } from '../../server/db/accounts.ts';
import { type DatabaseHandle, openDatabase } from '../../server/db/connect.ts';
import { createOrganization, listTeams, replaceTeams } from '../../server/db/organizations.ts';
import { reclaimed } from '../../server/db/reclaim.ts';
import { insertResponses } from '../../server/db/responses.ts';
import { waveLinks } from '../../server/db/waves.ts';
import { seededRandom } from '../../server/demo/random.ts';
import { generateResponses } from '../../server/demo/synthetic-responses.ts';
import type { QuestionnaireCatalog } from '../../server/questionnaires/catalog.ts';
import { createWave, openWave } from '../../server/waves/wave-lifecycle.ts';
import { bigHierarchy, seedBigOrganization } from './big-organization.ts';
import { BENCH_EMAIL, BENCH_PASSWORD, type BenchCommand, type Usage } from './protocol.ts';

const role = process.env.BENCH_ROLE;
const databaseUrl = process.env.BENCH_DATABASE_URL ?? null;
const schema = process.env.BENCH_SCHEMA;
const handle: DatabaseHandle = await openDatabase({
  databaseUrl,
  dataDir: process.env.DATA_DIR ?? null,
  ...(schema ? { schema } : {}),
});

let catalog: QuestionnaireCatalog | null = null;
let url: string;
if (role === 'bare') {
  await sql`create table if not exists bench_insert (id uuid primary key, payload jsonb not null)`.execute(
    handle.db,
  );
  const bare = Fastify();
  bare.post('/insert', async (request) => {
    await sql`insert into bench_insert (id, payload) values (${randomUUID()}, ${JSON.stringify(request.body)})`.execute(
      handle.db,
    );
    return { status: 'recorded' };
  });
  url = await bare.listen({ port: 0, host: '127.0.0.1' });
} else {
  const app = await buildApp(loadConfig(process.env), { database: handle });
  catalog = app.questionnaires;
  await createUser(handle.db, {
    email: BENCH_EMAIL,
    passwordHash: await hashPassword(BENCH_PASSWORD),
    isAdmin: true,
  });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
}

/** One organization with `teams` teams: departments of 24 teams each, the responses on the teams. */
async function organizationWithTeams(name: string, teams: number) {
  const departments = Math.max(1, Math.round(teams / 25));
  const definitions = Array.from({ length: teams }, (_, i) =>
    i < departments
      ? { key: `dept-${i}`, name: `Department ${i}`, parentKey: null, headcount: null }
      : { key: `team-${i}`, name: `Team ${i}`, parentKey: `dept-${i % departments}`, headcount: null },
  );
  const organization = await handle.db
    .transaction()
    .execute((trx) => createOrganization(trx, { name, anonymityThreshold: 5 }));
  await handle.db.transaction().execute((trx) => replaceTeams(trx, organization.id, definitions));
  const ids = new Map((await listTeams(handle.db, organization.id)).map((t) => [t.key, t.id]));
  return { organization, ids, answering: definitions.slice(departments).map((t) => t.key) };
}

async function waveOf(organizationId: string, questionnaire: string, teamIds: string[]) {
  const definition = catalog!.latest(questionnaire)!;
  const wave = await createWave(
    handle.db,
    {
      organizationId,
      title: `bench ${questionnaire}`,
      questionnaireKey: definition.key,
      questionnaireVersion: definition.version,
      closesAt: null,
      teamIds,
    },
    null,
  );
  await openWave(handle.db, wave.id, null, new Date());
  const [link] = await waveLinks(handle.db, wave.id);
  return { wave, definition, code: link!.code };
}

let seed = 7;

/** The kernel's mark of the most resident memory (`VmHWM`, Linux), else the process's own peak. */
function peakRss(): number {
  try {
    const mark = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (mark) return Number(mark[1]) * 1024;
  } catch {
    // Not Linux: the peak since the process started.
  }
  return process.resourceUsage().maxRSS * 1024;
}
const commands = {
  usage(): Usage {
    const cpu = process.cpuUsage();
    return {
      cpuMicros: cpu.user + cpu.system,
      rssBytes: process.memoryUsage.rss(),
      maxRssBytes: peakRss(),
    };
  },
  /**
   * Starts the peak over, so that each part of the bench reads the peak of its own work: the
   * kernel's mark of the most resident memory (`VmHWM`), which writing 5 to `clear_refs` resets.
   */
  'reset-peak'() {
    try {
      writeFileSync('/proc/self/clear_refs', '5');
      return { reset: true };
    } catch {
      return { reset: false };
    }
  },
  loop: (() => {
    let histogram: IntervalHistogram | null = null;
    return ({ on }: { on: boolean }) => {
      if (on) {
        histogram = monitorEventLoopDelay({ resolution: 10 });
        histogram.enable();
        return { maxStallMs: 0 };
      }
      histogram?.disable();
      const maxStallMs = histogram ? histogram.max / 1e6 : 0;
      histogram = null;
      return { maxStallMs };
    };
  })(),
  /** An open wave of the pulse questionnaire for one team: where the load's submissions go. */
  async 'submission-wave'() {
    const { organization, ids } = await organizationWithTeams('Submissions', 1);
    const { code, definition } = await waveOf(organization.id, 'trust-os-pulse', [...ids.values()]);
    const answers = Object.fromEntries(definition.items.map((item, i) => [item.id, (i % 5) + 1]));
    return { code, answers };
  },
  /**
   * An open wave of the diagnostic questionnaire with `responses` synthetic answers over `teams`
   * teams, each answer skipped at `skipRate` (`generateResponses`' 3% when not given).
   */
  async 'seeded-wave'({
    responses,
    teams,
    skipRate,
  }: {
    responses: number;
    teams: number;
    skipRate?: number;
  }) {
    const { organization, ids, answering } = await organizationWithTeams(`Bench ${responses}`, teams);
    const { wave, definition, code } = await waveOf(organization.id, 'trust-os-diagnostic', [
      ...ids.values(),
    ]);
    const generated = generateResponses({
      random: seededRandom(seed++),
      teams: answering.map((key) => ({ key, respondents: Math.ceil(responses / answering.length) })),
      items: definition.items,
      dimensions: definition.dimensions,
      comments: ['More time for planning.', 'Decisions change too often.', 'Good team.'],
      ...(skipRate === undefined ? {} : { skipRate }),
    }).slice(0, responses);
    await insertResponses(
      handle.db,
      { id: wave.id, questionnaireVersion: `${definition.key}@${definition.version}` },
      definition.items,
      ids,
      generated,
    );
    // The statistics a wave's answers leave on a server after days of autovacuum; seeded in one
    // burst, they would be out of date when it closes a second later. The embedded database has
    // no autovacuum, so it closes without them, as it would in use.
    if (handle.dialect === 'postgres') await sql`analyze response`.execute(handle.db);
    return { waveId: wave.id, code, responses: generated.length };
  },
  /** An organization of `teams` teams on six levels and an open wave of `responses` answers, seeded in SQL. */
  async 'big-organization'({ teams, responses }: { teams: number; responses: number }) {
    const definition = catalog!.latest('trust-os-diagnostic')!;
    const waveId = await seedBigOrganization(handle.db, {
      name: `Big organization, ${responses.toLocaleString('en')} answers`,
      teams: bigHierarchy(teams),
      responses,
      definition,
      openWave: async (organizationId, teamIds) =>
        (await waveOf(organizationId, definition.key, teamIds)).wave.id,
    });
    return { waveId };
  },
  /** Waits for the old row versions of the waves closed so far to be reclaimed (`reclaimSoon`). */
  async reclaimed() {
    await reclaimed(handle.db);
    return {};
  },
  /** The bytes of JSON a closed wave's snapshot holds: its sums (and comments), and its published figures. */
  async 'snapshot-size'({ waveId }: { waveId: string }) {
    const { rows } = await sql<{ sums: number; published: number }>`
      select coalesce(octet_length(sums::text) + octet_length(comments::text), octet_length(aggregates::text))::int as sums,
        octet_length(published::text)::int as published
      from wave_snapshot where wave_id = ${waveId}`.execute(handle.db);
    return rows[0]!;
  },
};

process.on('message', async (message: BenchCommand & { id: number }) => {
  try {
    const { id, cmd, ...args } = message;
    // biome-ignore lint/suspicious/noExplicitAny: each command takes its own arguments.
    const result = await (commands[cmd] as (args: any) => unknown)(args);
    process.send!({ id, result });
  } catch (error) {
    process.send!({ id: message.id, error: (error as Error).stack ?? String(error) });
  }
});
process.send!({ ready: url });

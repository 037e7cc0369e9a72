// npx tsx scripts/bench/close-aggregates.ts [--responses=100000] [--questionnaire=trust-os-pulse]
//   [--database=pglite|postgres] [--runs=5]
// What closing a large wave costs: seeds one wave of synthetic responses over 480 teams, times
// computing its sums alone (median of several runs, wall and this process's CPU, which includes
// the embedded database), then closes it through the same command as the button (seal, freeze),
// and times the reclaim of the old row versions that follows (VACUUM). Prints a table; asserts
// nothing. PostgreSQL is DATABASE_URL or the local test server.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrations.ts';
import { createOrganization, listTeams, replaceTeams } from '../../server/db/organizations.ts';
import { publishQuestionnaires } from '../../server/db/questionnaire-versions.ts';
import { reclaimed } from '../../server/db/reclaim.ts';
import { insertResponses } from '../../server/db/responses.ts';
import { computeWaveAggregates } from '../../server/db/wave-aggregates.ts';
import { seededRandom } from '../../server/demo/random.ts';
import { generateResponses } from '../../server/demo/synthetic-responses.ts';
import { surveyDefinitionsDir } from '../../server/paths.ts';
import { loadCatalog } from '../../server/questionnaires/catalog.ts';
import { closeWave, createWave, openWave } from '../../server/waves/wave-lifecycle.ts';

const option = (name: string, fallback: string) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const size = Number(option('responses', '100000'));
const questionnaire = option('questionnaire', 'trust-os-pulse');
const runs = Number(option('runs', '5'));
const databases = option('database', 'pglite,postgres').split(',');
const postgresUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const TEAMS = 500;
const rows: string[][] = [];
const ms = (value: number) => `${value.toFixed(0)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function open(dialect: string): Promise<DatabaseHandle | null> {
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

const catalog = await loadCatalog(surveyDefinitionsDir);
const definition = catalog.latest(questionnaire)!;
const items = definition.items.map(({ id, dimension, reverse }) => ({ id, dimension, reverse }));
const dimensions = definition.dimensions.map(({ id, outcome }) => ({ id, outcome }));
// 20 departments of 24 teams each, as in run.ts; the responses go to the 480 teams.
const teams = Array.from({ length: TEAMS }, (_, i) =>
  i < 20
    ? { key: `dept-${i}`, name: `Department ${i}`, parentKey: null, headcount: null }
    : { key: `team-${i}`, name: `Team ${i}`, parentKey: `dept-${i % 20}`, headcount: null },
);
const responses = generateResponses({
  random: seededRandom(7),
  teams: teams.slice(20).map((t) => ({ key: t.key, respondents: Math.ceil(size / (TEAMS - 20)) })),
  items: definition.items,
  dimensions: definition.dimensions,
  comments: ['More time for planning.', 'Decisions change too often.', 'Good team.'],
}).slice(0, size);

for (const dialect of databases) {
  const handle = await open(dialect);
  if (!handle) continue;
  const db = handle.db;
  await migrateToLatest(db);
  await publishQuestionnaires(db, catalog.entries());
  const organization = await db
    .transaction()
    .execute((trx) => createOrganization(trx, { name: 'Close bench', anonymityThreshold: 5 }));
  await db.transaction().execute((trx) => replaceTeams(trx, organization.id, teams));
  const teamIds = new Map((await listTeams(db, organization.id)).map((t) => [t.key, t.id]));
  const wave = await createWave(
    db,
    {
      organizationId: organization.id,
      title: 'close bench',
      questionnaireKey: definition.key,
      questionnaireVersion: definition.version,
      closesAt: null,
      teamIds: [...teamIds.values()],
    },
    null,
  );
  await openWave(db, wave.id, null, new Date());
  await insertResponses(
    db,
    { id: wave.id, questionnaireVersion: `${definition.key}@${definition.version}` },
    definition.items,
    teamIds,
    responses,
  );
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let run = 0; run < runs; run++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await computeWaveAggregates(db, wave.id, items, dimensions);
    walls.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const started = performance.now();
  await closeWave(db, catalog, wave.id, null, new Date());
  const closeMs = performance.now() - started;
  await reclaimed(db);
  const reclaimMs = performance.now() - started - closeMs;
  const what = `${size.toLocaleString('en')} responses of ${definition.key} (${items.length} items)`;
  rows.push([dialect, `computeWaveAggregates, ${what}`, ms(median(walls)), `Node CPU ${ms(median(cpus))}`]);
  rows.push([dialect, `closeWave (seal, freeze), ${what}`, ms(closeMs), 'one run']);
  rows.push([dialect, 'then reclaiming the old row versions (VACUUM)', ms(reclaimMs), 'one run']);
  await handle.close();
}

console.log(
  `\nNode ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}\n`,
);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
process.exit(0);

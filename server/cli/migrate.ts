import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { createMigrator, migrateDown, migrateToLatest } from '../db/migrations.ts';

const usage = 'Usage: npm run migrate -- [up|down|status]';

const command = process.argv[2] ?? 'up';
if (!['up', 'down', 'status'].includes(command)) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}

const config = loadConfig(process.env);
const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  if (command === 'up') {
    const { results } = await migrateToLatest(handle.db);
    for (const r of results ?? []) console.log(`applied  ${r.migrationName}`);
    if (!results?.length) console.log('Already up to date.');
  } else if (command === 'down') {
    const { results } = await migrateDown(handle.db);
    for (const r of results ?? []) console.log(`reverted ${r.migrationName}`);
    if (!results?.length) console.log('Nothing to revert.');
  } else {
    for (const m of await (await createMigrator(handle.db)).getMigrations()) {
      console.log(
        `${m.executedAt ? `applied ${m.executedAt.toISOString()}` : 'pending                         '}  ${m.name}`,
      );
    }
  }
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await handle.close();
}

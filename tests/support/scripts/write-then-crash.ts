// Child process for the durability test: commits one organization to the embedded database in
// DATA_DIR, reports it, then dies without any shutdown (as with kill -9 or a power cut).
import { openDatabase } from '../../../server/db/connect.ts';
import { migrateToLatest } from '../../../server/db/migrations.ts';

const handle = await openDatabase({ databaseUrl: null, dataDir: process.env.DATA_DIR! });
await migrateToLatest(handle.db);
await handle.db.insertInto('organization').values({ name: process.env.ORG_NAME! }).execute();
process.stdout.write('committed\n');
process.kill(process.pid, 'SIGKILL');

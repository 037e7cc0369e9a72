import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrations.ts';
import { publishQuestionnaires } from '../db/questionnaire-versions.ts';
import { createDemo, describeDemo } from '../demo/create-demo.ts';
import { surveyDefinitionsDir } from '../paths.ts';
import { loadCatalog } from '../questionnaires/catalog.ts';
import { requireTemporaryTables } from '../waves/seal-wave.ts';

// npm run demo: adds a demo organization to any database, even one that has data already.
const config = loadConfig(process.env);
const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const catalog = await loadCatalog(surveyDefinitionsDir);
  // The demo closes waves, as the server does.
  await requireTemporaryTables(handle.db);
  await migrateToLatest(handle.db);
  await publishQuestionnaires(handle.db, catalog.entries());
  process.stdout.write(describeDemo(await createDemo(handle.db, catalog, Date.now() % 100_000)));
} finally {
  await handle.close();
}

import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirInUseError } from './db/data-dir-lock.ts';
import { MigrationFailedError } from './db/migrations.ts';
import { PublishedQuestionnaireChangedError } from './db/questionnaire-versions.ts';
import { createDemoIfEmpty, describeDemo } from './demo/create-demo.ts';
import { DefinitionsInvalidError } from './questionnaires/catalog.ts';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  let app: Awaited<ReturnType<typeof buildApp>>;
  try {
    app = await buildApp(config);
  } catch (error) {
    const startupErrors = [
      DataDirInUseError,
      MigrationFailedError,
      DefinitionsInvalidError,
      PublishedQuestionnaireChangedError,
    ];
    if (startupErrors.some((kind) => error instanceof kind)) {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(1);
    }
    throw error;
  }

  // On SIGTERM/SIGINT: answer new requests 503 with Connection: close, let in-flight requests
  // finish, then close the database (the embedded one flushes to disk). A second signal or 10 s
  // without finishing forces exit.
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.shutdown({ graceMs: 8_000 });
  });

  if (config.demo) {
    const demo = await createDemoIfEmpty(app.db, app.questionnaires);
    if (demo) process.stdout.write(describeDemo(demo));
  }

  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { database: app.dialect === 'pglite' ? `embedded (${config.dataDir})` : 'postgres' },
    'Trust OS Diagnostic is ready',
  );
}

await main();

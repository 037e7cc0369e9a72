import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import type { DatabaseHandle } from '../../../server/db/connect.ts';
import { statementLoggingSettings } from '../../../server/db/statement-logging.ts';
import { testConfig } from '../../support/app.ts';
import { capturedLog } from '../../support/captured-log.ts';
import { testDatabases } from '../../support/databases.ts';

const [pglite] = testDatabases();

/**
 * The database server can log every statement with its values: the answers, comment and code
 * hash of a submission side by side, with the time. The app cannot stop that for itself, so it
 * says at start which settings do it, for the operator to turn off.
 */
describe("the database's own statement log", () => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it('finds nothing to say under the default settings', async () => {
    handle = await pglite!.open();
    expect(await statementLoggingSettings(handle.db)).toEqual([]);
  });

  it('names each setting that logs statements with values, and warns at start', async () => {
    handle = await pglite!.open();
    // The embedded database has one connection: a session setting holds for every statement.
    await sql`set log_statement = 'mod'`.execute(handle.db);
    await sql`set log_min_duration_statement = 250`.execute(handle.db);
    expect(await statementLoggingSettings(handle.db)).toEqual([
      'log_statement=mod',
      'log_min_duration_statement=250',
    ]);
    // Values cut to nothing: the app sends every value as a parameter, so those lines hold none.
    await sql`set log_parameter_max_length = 0`.execute(handle.db);
    expect(await statementLoggingSettings(handle.db)).toEqual([]);
    await sql`set log_parameter_max_length = -1`.execute(handle.db);
    await sql`set log_min_duration_statement = -1`.execute(handle.db);
    // Every statement of a sampled share of transactions, and failing statements with their values.
    await sql`set log_transaction_sample_rate = 0.01`.execute(handle.db);
    await sql`set log_parameter_max_length_on_error = 64`.execute(handle.db);
    expect(await statementLoggingSettings(handle.db)).toEqual([
      'log_statement=mod',
      'log_transaction_sample_rate=0.01',
      'log_parameter_max_length_on_error=64',
    ]);
    await sql`set log_transaction_sample_rate = 0`.execute(handle.db);
    await sql`set log_parameter_max_length_on_error = 0`.execute(handle.db);

    const { lines, logger } = capturedLog('info');
    const app = await buildApp(testConfig(), { database: handle, logger, backgroundTimers: false });
    await app.close();
    const warning = lines.map((line) => JSON.parse(line)).find((line) => line.settings);
    expect(warning).toMatchObject({ level: 40, settings: ['log_statement=mod'] });
  });
});

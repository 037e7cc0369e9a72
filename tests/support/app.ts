import { buildApp } from '../../server/app.ts';
import { type Config, loadConfig } from '../../server/config.ts';
import type { DatabaseHandle } from '../../server/db/connect.ts';
import type { App } from '../../server/http/app-types.ts';
import type { TestDatabase } from './databases.ts';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ LOG_LEVEL: 'silent', DEMO: 'false', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' }),
    ...overrides,
  };
}

export interface TestApp {
  app: App;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

/** The whole application on a fresh database of the given kind; close it in afterAll. */
export async function startTestApp(
  database: TestDatabase,
  overrides: Partial<Config> = {},
): Promise<TestApp> {
  const handle = await database.open();
  // Deadlines are checked when a test says so (app.deadlines.runOnce()), never behind its back.
  const app = await buildApp(testConfig(overrides), {
    database: handle,
    logger: false,
    backgroundTimers: false,
  });
  return {
    app,
    handle,
    async close() {
      await app.close();
      await handle.close();
    },
  };
}

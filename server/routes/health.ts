import { aliveSchema, readySchema } from '../../shared/contract/health.ts';
import { pendingMigrations } from '../db/migrations.ts';
import type { App } from '../http/app-types.ts';

const READY_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function healthRoutes(app: App) {
  app.get(
    '/health',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['operations'],
        summary: 'The process is alive',
        response: { 200: aliveSchema },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['operations'],
        summary: 'The database is reachable and its schema is current',
        response: { 200: readySchema, 503: readySchema },
      },
    },
    async (_request, reply) => {
      try {
        const pending = await withTimeout(pendingMigrations(app.db), READY_TIMEOUT_MS);
        if (pending.length > 0) {
          return reply
            .code(503)
            .header('retry-after', '5')
            .send({
              status: 'unavailable',
              database: app.dialect,
              reason: `${pending.length} migration(s) pending`,
            });
        }
        return { status: 'ready' as const, database: app.dialect };
      } catch {
        return reply
          .code(503)
          .header('retry-after', '5')
          .send({ status: 'unavailable', database: app.dialect, reason: 'database not reachable' });
      }
    },
  );
}

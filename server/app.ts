import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import compress from '@fastify/compress';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { ensureFirstAdmin } from './accounts/first-admin.ts';
import type { Config } from './config.ts';
import { type DatabaseHandle, openDatabase } from './db/connect.ts';
import type { Database } from './db/database.ts';
import { migrateToLatest } from './db/migrations.ts';
import { publishQuestionnaires } from './db/questionnaire-versions.ts';
import { sharedRateLimitSecret } from './db/rate-limit-secret.ts';
import { statementLoggingSettings } from './db/statement-logging.ts';
import { waveOrganization } from './db/waves.ts';
import type { App } from './http/app-types.ts';
import { bufferedDestination, type LogDestination } from './http/log-destination.ts';
import { logSerializers } from './http/log-serializers.ts';
import { logAbortedRequest, RequestLogController } from './http/request-log.ts';
import { refuseUnstorableText, useStrictJsonParser } from './http/unstorable-text.ts';
import { createMailTask, type MailTask } from './mail/mail-task.ts';
import { smtpTransport } from './mail/transport.ts';
import { projectRoot, surveyDefinitionsDir } from './paths.ts';
import { accessControlPlugin } from './plugins/access-control.ts';
import { clientPlugin } from './plugins/client.ts';
import { csvBodyPlugin } from './plugins/csv-body.ts';
import { databasePlugin } from './plugins/database.ts';
import { errorHandlerPlugin, frameworkErrorHandler } from './plugins/error-handler.ts';
import { idempotencyPlugin } from './plugins/idempotency.ts';
import { openApiPlugin } from './plugins/openapi.ts';
import { securityPlugin } from './plugins/security.ts';
import { helmetOptions, securityHeaders } from './plugins/security-headers.ts';
import { sessionsPlugin } from './plugins/sessions.ts';
import { shutdownPlugin } from './plugins/shutdown.ts';
import { loadCatalog, type QuestionnaireCatalog } from './questionnaires/catalog.ts';
import { accountRoutes } from './routes/accounts.ts';
import { actionRoutes } from './routes/actions.ts';
import { authRoutes } from './routes/auth.ts';
import { deliveryRoutes } from './routes/delivery.ts';
import { healthRoutes } from './routes/health.ts';
import { memberRoutes } from './routes/members.ts';
import { organizationRoutes } from './routes/organizations.ts';
import { participationRoutes } from './routes/participation.ts';
import { progressRoutes } from './routes/progress.ts';
import { questionnaireRoutes } from './routes/questionnaires.ts';
import { reportRoutes } from './routes/reports.ts';
import { sharedResultsRoutes } from './routes/shared-results.ts';
import { teamRoutes } from './routes/teams.ts';
import { waveRoutes } from './routes/waves.ts';
import { createDeadlineTask, type DeadlineTask } from './waves/deadline-task.ts';
import { requireTemporaryTables, warnSummedInPlace } from './waves/seal-wave.ts';
import { sealClosedWaves } from './waves/wave-lifecycle.ts';

export interface BuildOptions {
  /** An open database to use instead of the one the config names; the caller closes it. */
  database?: DatabaseHandle;
  /** Logger settings; defaults to JSON lines at the configured level. */
  logger?: FastifyServerOptions['logger'];
  /** Where those default JSON lines go; standard output unless given. Flushed when the app closes. */
  logDestination?: LogDestination;
  /** Where the built client lives; defaults to dist/client. */
  clientDir?: string;
  /** Where questionnaire definitions live; defaults to survey-definitions/. */
  definitionsDir?: string;
  /**
   * Whether this instance runs its background tasks on their own timers (default true): closing
   * waves at their deadline and the schedule, and sending mail. Tests turn them off to decide when
   * they run (`app.deadlines.runOnce()`, `app.mail.runOnce()`), so none races their assertions.
   */
  backgroundTimers?: boolean;
  /**
   * Prefix of every rate-limit key in Redis (with `REDIS_URL`). Instances share budgets when they
   * share it; tests give each run its own, so parallel files never spend each other's budgets.
   */
  redisNameSpace?: string;
  /**
   * How long a survey submission waits for the database to store it before its sender hears 503
   * "try again" (`INTAKE_PATIENCE_MS` unless given); tests shorten it.
   */
  intakePatienceMs?: number;
}

/** Prefix of the rate-limit keys in Redis unless `BuildOptions.redisNameSpace` says otherwise. */
export const REDIS_NAME_SPACE = 'trust-os:rate-limit:';

declare module 'fastify' {
  interface FastifyInstance {
    questionnaires: QuestionnaireCatalog;
    /** Closes waves at their deadline in the background; `runOnce` lets a command or test run it now. */
    deadlines: DeadlineTask;
    /** Sends queued invitations and reminders; null when the server has no SMTP_URL. */
    mail: MailTask | null;
  }
}

const version = (JSON.parse(readFileSync(`${projectRoot}package.json`, 'utf8')) as { version: string })
  .version;

/** Request bodies are small JSON documents; anything larger is refused before it is read. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * The secrets of `RateKeys`. Signing (device cookies) takes the configured one, else the one every
 * instance reads from the database: a cookie outlives a restart. Naming budgets takes the same,
 * except with the counts in this process's memory and none configured: then a fresh one that
 * never leaves it, as the counts never do.
 */
async function rateLimitSecretsOf(
  config: Config,
  db: Kysely<Database>,
): Promise<{ secret: Uint8Array; signingSecret: Uint8Array }> {
  if (config.rateLimitSecret !== null) {
    const configured = new TextEncoder().encode(config.rateLimitSecret);
    return { secret: configured, signingSecret: configured };
  }
  const kept = await sharedRateLimitSecret(db);
  return { secret: config.redisUrl ? kept : new Uint8Array(randomBytes(32)), signingSecret: kept };
}

/**
 * Builds the whole application without listening or calling `ready()`: the entry point
 * listens, tests inject (and may add a route of their own first).
 * The database is opened and migrated here so a built app is always ready to serve.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const handle =
    options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  let questionnaires: QuestionnaireCatalog;
  const sealFailures: { waveId: string; error: unknown }[] = [];
  const summedInPlace: { waveId: string; error: unknown }[] = [];
  let rateLimitSecrets: { secret: Uint8Array; signingSecret: Uint8Array };
  let loggedStatements: string[];
  try {
    questionnaires = await loadCatalog(options.definitionsDir ?? surveyDefinitionsDir);
    // Before the migrations, which a role that cannot close a wave should not apply.
    await requireTemporaryTables(handle.db);
    await migrateToLatest(handle.db);
    await publishQuestionnaires(handle.db, questionnaires.entries());
    // Waves closed before closing sealed them are sealed once, before anything reads them.
    await sealClosedWaves(
      handle.db,
      questionnaires,
      (waveId, error) => sealFailures.push({ waveId, error }),
      (waveId, error) => summedInPlace.push({ waveId, error }),
    );
    if (config.adminEmail && config.adminPassword) {
      await ensureFirstAdmin(handle.db, config.adminEmail, config.adminPassword);
    }
    rateLimitSecrets = await rateLimitSecretsOf(config, handle.db);
    loggedStatements = await statementLoggingSettings(handle.db);
  } catch (error) {
    if (!options.database) await handle.close();
    throw error;
  }

  // One line per request, written in blocks and flushed when the app closes.
  const logs = options.logger === undefined ? (options.logDestination ?? bufferedDestination()) : null;
  const app: App = Fastify({
    logger: logs
      ? { level: config.logLevel, serializers: logSerializers, stream: logs.stream }
      : options.logger,
    logController: new RequestLogController(),
    genReqId: () => randomUUID(),
    bodyLimit: BODY_LIMIT_BYTES,
    // A union here makes TypeScript pick Fastify's HTTP/2 overload; each value is a valid option.
    trustProxy: config.trustProxy as boolean,
    return503OnClosing: true,
    frameworkErrors: frameworkErrorHandler(securityHeaders(helmetOptions)),
  }).withTypeProvider<ZodTypeProvider>();

  for (const { waveId, error } of sealFailures)
    app.log.error(
      { err: error, waveId },
      'a closed wave could not be sealed; its report answers 503 until it is',
    );
  for (const { waveId, error } of summedInPlace) warnSummedInPlace(app.log)(waveId, error);
  if (loggedStatements.length > 0)
    app.log.warn(
      { settings: loggedStatements },
      "the database logs the app's statements with their values, answers and code hashes included; turn these off for its role (docs/anonymity.md)",
    );

  // Only JSON (and CSV where a route registers it): a cross-site form cannot send either.
  app.removeContentTypeParser('text/plain');
  useStrictJsonParser(app);
  app.addHook('preValidation', refuseUnstorableText);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // During shutdown, a response that finishes a request in flight also ends its keep-alive
  // connection; otherwise the server would wait on that idle socket until the grace period ends.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });

  app.addHook('onRequestAbort', logAbortedRequest);
  if (logs) app.addHook('onClose', async () => logs.flush());

  // External tier: database, API description, errors.
  await app.register(databasePlugin, { handle, closeOnShutdown: !options.database });
  await app.register(errorHandlerPlugin);
  await app.register(shutdownPlugin);
  await app.register(openApiPlugin, { version });
  await app.register(securityPlugin, {
    ...rateLimitSecrets,
    ...(config.redisUrl && {
      redis: {
        client: rateLimitRedis(app, config.redisUrl),
        nameSpace: options.redisNameSpace ?? REDIS_NAME_SPACE,
      },
    }),
  });
  // Compression only where a route asks for it (the reports, which run to megabytes at 500 teams
  // with items); the survey's static files are compressed once, at build. No compressed request
  // bodies are accepted.
  await app.register(compress, { global: false });
  await app.register(csvBodyPlugin);

  app.decorate('questionnaires', questionnaires);
  app.decorate('publicUrl', config.publicUrl);
  app.decorate('resolveWaveOrganization', (waveId: string) => waveOrganization(handle.db, waveId));

  // Waves close at their deadline whether or not anyone reads them; stopped before the database
  // closes, after requests in flight.
  const deadlines = createDeadlineTask({
    db: handle.db,
    catalog: questionnaires,
    log: app.log,
    intervalMs: config.waveDeadlineCheckSeconds * 1000,
  });
  app.decorate('deadlines', deadlines);
  if (options.backgroundTimers !== false) app.addHook('onReady', async () => deadlines.start());
  app.addHook('preClose', async () => deadlines.stop());

  // Email goes out from a queue in the database, at a bounded rate, after requests in flight.
  const mail = config.mail
    ? createMailTask({
        db: handle.db,
        catalog: questionnaires,
        log: app.log,
        transport: smtpTransport(config.mail.smtpUrl, config.mail.from),
        publicUrl: config.publicUrl!,
        perMinute: config.mail.perMinute,
      })
    : null;
  app.decorate('mail', mail);
  if (mail && options.backgroundTimers !== false) app.addHook('onReady', async () => mail.start());
  if (mail) app.addHook('preClose', async () => mail.stop());

  // Application tier: who is calling, and who may call what.
  await app.register(sessionsPlugin, { config });
  await app.register(accessControlPlugin);
  await app.register(idempotencyPlugin);

  // Routes.
  await app.register(healthRoutes);
  await app.register(questionnaireRoutes);
  await app.register(authRoutes, { config });
  await app.register(accountRoutes);
  await app.register(memberRoutes);
  await app.register(organizationRoutes);
  await app.register(teamRoutes);
  await app.register(waveRoutes);
  await app.register(deliveryRoutes);
  await app.register(progressRoutes);
  await app.register(participationRoutes, { config, intakePatienceMs: options.intakePatienceMs });
  await app.register(reportRoutes);
  await app.register(actionRoutes);
  await app.register(sharedResultsRoutes, { config });

  // The client, and 404s for everything else.
  await app.register(clientPlugin, { root: options.clientDir ?? `${projectRoot}dist/client` });

  return app;
}

/**
 * The Redis client the rate limits count with, closed with the app. It connects on first use and
 * reconnects by itself. A count never waits long on a lost Redis: no command is retried after a
 * failed connection attempt (`maxRetriesPerRequest: 0`) and none waits more than a second, so the
 * budgets' `whenUncounted` decides at once instead of a request hanging.
 */
function rateLimitRedis(app: App, url: string): Redis {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, commandTimeout: 1000 });
  client.on('error', (error) => app.log.warn({ err: error }, 'rate-limit Redis unavailable'));
  app.addHook('onClose', async () => {
    if (client.status === 'ready') await client.quit();
    else client.disconnect();
  });
  return client;
}

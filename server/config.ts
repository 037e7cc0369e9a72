import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(256).optional(),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  PUBLIC_URL: z.url().optional(),
  DEMO: booleanFlag.default(true),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(false|true|[0-9A-Fa-f.:/]+(,[0-9A-Fa-f.:/]+)*)$/,
      'must be false, true, or a comma-separated list of proxy addresses or ranges',
    )
    .default('false'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(8 * 60),
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  PARTICIPATION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  PARTICIPATION_ADDRESS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  PARTICIPATION_OPEN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(3000),
  PARTICIPATION_OPEN_ADDRESS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  WAVE_DEADLINE_CHECK_SECONDS: z.coerce.number().int().min(1).max(30).default(10),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must look like smtp://user:password@host:587 or smtps://host:465')
    .optional(),
  MAIL_FROM: z.string().min(3).max(200).optional(),
  MAIL_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(120),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/[^\s]+$/, 'must look like redis://host:6379 or rediss://user:password@host:6380')
    .optional(),
  RATE_LIMIT_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (openssl rand -base64 32)')
    .optional(),
});

export type Environment = Record<string, string | undefined>;

export interface Config {
  port: number;
  host: string;
  /** Unset means the embedded database under `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  adminEmail: string | null;
  adminPassword: string | null;
  logLevel: (typeof logLevels)[number];
  /** Base of the links handed to employees and invitees; derived from the request when unset. */
  publicUrl: string | null;
  demo: boolean;
  /** `auto`: Secure cookies when the request came over HTTPS; `true` behind a TLS-terminating proxy. */
  cookieSecure: 'auto' | 'true' | 'false';
  /**
   * Which proxies to believe about the client's address (Fastify's `trustProxy`): behind a load
   * balancer every request otherwise comes from the proxy, and the per-address budgets (sign-in,
   * survey links) would become one budget for everyone.
   */
  trustProxy: boolean | string[];
  sessionIdleMinutes: number;
  sessionMaxDays: number;
  /** Submissions per minute through one participation link, from all addresses together. */
  participationRateLimitPerMinute: number;
  /**
   * Submissions per minute through one link from one client address: generous, since an office
   * of hundreds can share one address, and below the link's budget, so one address never uses up
   * the link for everyone else.
   */
  participationAddressRateLimitPerMinute: number;
  /** Openings of one link's survey per minute, counted apart from submissions. */
  participationOpenRateLimitPerMinute: number;
  /** Openings of one link's survey per minute from one client address. */
  participationOpenAddressRateLimitPerMinute: number;
  /** Login attempts per minute, per client and per account. */
  loginRateLimitPerMinute: number;
  /** How often waves past their deadline are looked for and closed (at most 30 s, so they close on time). */
  waveDeadlineCheckSeconds: number;
  /**
   * Redis shared by every instance, where all rate-limit budgets are counted; null keeps them in
   * this process's memory, which is right for a single instance only.
   */
  redisUrl: string | null;
  /**
   * The secret rate-limit keys are hashed with, the same on every instance; null takes one kept in the
   * database when the counts are in Redis, and a fresh one per process when they are in memory.
   * Device cookies are signed under it, or, null, under the one kept in the database.
   */
  rateLimitSecret: string | null;
  /** Email delivery, or null when the server sends none (consultants share links themselves). */
  mail: { smtpUrl: string; from: string; perMinute: number } | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the environment once, at start-up. Empty strings count as unset so that a
 * `VAR=` line in a compose file or shell means "use the default", as people expect.
 */
export function loadConfig(environment: Environment): Config {
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const shown =
      variable.includes('PASSWORD') ||
      variable === 'DATABASE_URL' ||
      variable === 'SMTP_URL' ||
      variable === 'REDIS_URL' ||
      variable === 'RATE_LIMIT_SECRET'
        ? ''
        : ` (got "${present[variable]}")`;
    throw new ConfigError(`Invalid environment variable ${variable}: ${issue.message}${shown}`);
  }
  const env = parsed.data;
  if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError(
      'Invalid environment variable ADMIN_PASSWORD: ADMIN_EMAIL and ADMIN_PASSWORD go together',
    );
  }
  for (const [address, link] of [
    ['PARTICIPATION_ADDRESS_RATE_LIMIT_PER_MINUTE', 'PARTICIPATION_RATE_LIMIT_PER_MINUTE'],
    ['PARTICIPATION_OPEN_ADDRESS_RATE_LIMIT_PER_MINUTE', 'PARTICIPATION_OPEN_RATE_LIMIT_PER_MINUTE'],
  ] as const) {
    // An address allowed a link's whole budget could use it up and lock everyone else out.
    if (env[address] >= env[link]) {
      throw new ConfigError(
        `Invalid environment variable ${address}: must be below ${link} (${env[link]}) (got "${env[address]}")`,
      );
    }
  }
  if (/^\d+$/.test(env.TRUST_PROXY)) {
    // Fastify (5.12 on) trusts nobody when given a number of proxies, since a count cannot tell a
    // proxy from a client that writes the header itself: every request would seem to come from
    // the proxy, and everyone behind it would share one budget. So the addresses are asked for.
    throw new ConfigError(
      `Invalid environment variable TRUST_PROXY: a number of proxies cannot be checked; give the proxies' addresses or ranges, such as 10.0.0.5 or 172.30.0.0/24 (got "${env.TRUST_PROXY}")`,
    );
  }
  if (env.SMTP_URL && !env.PUBLIC_URL) {
    // An email is read away from any request, so its links cannot borrow a request's host.
    throw new ConfigError(
      'Invalid environment variable PUBLIC_URL: SMTP_URL needs it, so emails carry working links',
    );
  }
  if (env.SMTP_URL && !env.MAIL_FROM) {
    throw new ConfigError('Invalid environment variable MAIL_FROM: SMTP_URL needs a sender address');
  }
  return {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL ?? null,
    dataDir: env.DATA_DIR,
    adminEmail: env.ADMIN_EMAIL ?? null,
    adminPassword: env.ADMIN_PASSWORD ?? null,
    logLevel: env.LOG_LEVEL,
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    demo: env.DEMO,
    cookieSecure: env.COOKIE_SECURE,
    trustProxy:
      env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY === 'false' ? false : env.TRUST_PROXY.split(','),
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionMaxDays: env.SESSION_MAX_DAYS,
    participationRateLimitPerMinute: env.PARTICIPATION_RATE_LIMIT_PER_MINUTE,
    participationAddressRateLimitPerMinute: env.PARTICIPATION_ADDRESS_RATE_LIMIT_PER_MINUTE,
    participationOpenRateLimitPerMinute: env.PARTICIPATION_OPEN_RATE_LIMIT_PER_MINUTE,
    participationOpenAddressRateLimitPerMinute: env.PARTICIPATION_OPEN_ADDRESS_RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE,
    waveDeadlineCheckSeconds: env.WAVE_DEADLINE_CHECK_SECONDS,
    redisUrl: env.REDIS_URL ?? null,
    rateLimitSecret: env.RATE_LIMIT_SECRET ?? null,
    mail: env.SMTP_URL
      ? { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM!, perMinute: env.MAIL_PER_MINUTE }
      : null,
  };
}

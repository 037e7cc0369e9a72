import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './database.ts';

/**
 * The secret every instance keys its rate-limit budgets with when they count in one Redis and no
 * RATE_LIMIT_SECRET is configured (`RateKeys` in server/plugins/security.ts): made once, at
 * random, by whichever instance starts first, and read by the others. Someone reading Redis alone
 * cannot name an address's or a link's key; someone who reads this table too can, which is why
 * docs/anonymity.md advises RATE_LIMIT_SECRET, kept apart from the database, beside REDIS_URL.
 */
export async function sharedRateLimitSecret(db: Kysely<Database>): Promise<Uint8Array> {
  await db
    .insertInto('rate_limit_secret')
    .values({ only_row: true, secret: randomBytes(32) })
    .onConflict((conflict) => conflict.column('only_row').doNothing())
    .execute();
  const { secret } = await db.selectFrom('rate_limit_secret').select('secret').executeTakeFirstOrThrow();
  return new Uint8Array(secret);
}

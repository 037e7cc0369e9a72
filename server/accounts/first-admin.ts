import type { Kysely } from 'kysely';
import { adminExists, createUser, findUserByEmail } from '../db/accounts.ts';
import type { Database } from '../db/database.ts';
import { normalizeEmail } from '../domain/accounts/password-policy.ts';
import { hashPassword } from './passwords.ts';

/**
 * Creates the first administrator from ADMIN_EMAIL/ADMIN_PASSWORD when none exists. Never
 * changes the password of an account that has one: the variables only bootstrap an instance.
 *
 * An account that exists without a password was invited by a consultant and never activated.
 * Made administrator as it is, whoever holds its invitation link (the consultant who sent it, or
 * anyone it was forwarded to) would choose its password and be the instance's administrator. So it
 * takes ADMIN_PASSWORD, and its invitations are withdrawn, in the same transaction.
 */
export async function ensureFirstAdmin(
  db: Kysely<Database>,
  email: string,
  password: string,
): Promise<boolean> {
  if (await adminExists(db)) return false;
  const normalized = normalizeEmail(email);
  const existing = await findUserByEmail(db, normalized);
  if (existing) {
    const passwordHash = existing.passwordHash === null ? await hashPassword(password) : null;
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('app_user')
        .set({ is_admin: true, ...(passwordHash ? { password_hash: passwordHash } : {}) })
        .where('id', '=', existing.id)
        .execute();
      if (passwordHash)
        await trx.deleteFrom('account_invitation').where('user_id', '=', existing.id).execute();
    });
    return true;
  }
  await createUser(db, { email: normalized, passwordHash: await hashPassword(password), isAdmin: true })
    // Two instances starting together: the other one created it first.
    .catch(async (error: unknown) => {
      if (!(await findUserByEmail(db, normalized))) throw error;
    });
  return true;
}

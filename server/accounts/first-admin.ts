import type { Kysely } from 'kysely';
import { adminExists, createUser, findUserByEmail } from '../db/accounts.ts';
import type { Database } from '../db/database.ts';
import { normalizeEmail } from '../domain/accounts/password-policy.ts';
import { hashPassword } from './passwords.ts';

/**
 * Creates the first administrator from ADMIN_EMAIL/ADMIN_PASSWORD when none exists. Never
 * changes an existing account or password: the variables only bootstrap an empty instance.
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
    await db.updateTable('app_user').set({ is_admin: true }).where('id', '=', existing.id).execute();
    return true;
  }
  await createUser(db, { email: normalized, passwordHash: await hashPassword(password), isAdmin: true })
    // Two instances starting together: the other one created it first.
    .catch(async (error: unknown) => {
      if (!(await findUserByEmail(db, normalized))) throw error;
    });
  return true;
}

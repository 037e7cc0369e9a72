import type { Kysely } from 'kysely';
import { hashPassword } from '../../server/accounts/passwords.ts';
import { addMembership, createUser } from '../../server/db/accounts.ts';
import type { Database } from '../../server/db/database.ts';
import type { App } from '../../server/http/app-types.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

// argon2 is deliberately slow; tests make many accounts, so they share one hash.
let sharedHash: Promise<string> | undefined;

export async function createAccount(
  db: Kysely<Database>,
  account: {
    email: string;
    role: 'admin' | 'consultant' | 'leader';
    organizationId?: string;
    teamKey?: string | null;
  },
) {
  sharedHash ??= hashPassword(TEST_PASSWORD);
  const user = await createUser(db, {
    email: account.email,
    passwordHash: await sharedHash,
    isAdmin: account.role === 'admin',
    canCreateOrganizations: account.role === 'consultant',
  });
  if (account.role !== 'admin' && account.organizationId) {
    await addMembership(db, {
      userId: user.id,
      organizationId: account.organizationId,
      role: account.role,
      teamKey: account.teamKey ?? null,
    });
  }
  return user;
}

/** Signs in and returns the Cookie header to send with later requests. */
export async function signIn(app: App, email: string, password = TEST_PASSWORD): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'trust_os_session');
  if (!cookie) throw new Error('no session cookie');
  return `trust_os_session=${cookie.value}`;
}

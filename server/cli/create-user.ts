import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { hashPassword } from '../accounts/passwords.ts';
import { loadConfig } from '../config.ts';
import { createUser, findUserByEmail } from '../db/accounts.ts';
import { openDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrations.ts';
import { normalizeEmail, passwordProblem } from '../domain/accounts/password-policy.ts';

// Usage: npm run user:create -- --email someone@example.org --role admin|consultant
// The password is asked for on a terminal, or read from standard input when it is piped in.
const { values } = parseArgs({
  options: { email: { type: 'string' }, role: { type: 'string', default: 'consultant' } },
});
const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};

const email = normalizeEmail(values.email ?? fail('--email is required'));
if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) fail(`--email: "${email}" is not an email address`);
if (values.role !== 'admin' && values.role !== 'consultant')
  fail('--role must be admin or consultant (leaders are invited by a consultant)');

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.replace(/\r?\n$/, '');
  }
  const terminal = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const password = await terminal.question('Password (at least 12 characters): ');
  terminal.close();
  return password;
}

const password = await readPassword();
const problem = passwordProblem(password);
if (problem) fail(`The password ${problem}.`);

const config = loadConfig(process.env);
const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateToLatest(handle.db);
  if (await findUserByEmail(handle.db, email)) fail(`An account for ${email} already exists.`);
  await createUser(handle.db, {
    email,
    passwordHash: await hashPassword(password),
    isAdmin: values.role === 'admin',
    canCreateOrganizations: true,
  });
  console.log(`Created ${values.role} ${email}.`);
} finally {
  await handle.close();
}

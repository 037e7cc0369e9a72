import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

describe.each(testDatabases())("an organization's last consultant, on $name", (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database);
  });
  afterAll(() => test?.close());

  /** An organization created by a consultant, who is its one consultant, and their cookie. */
  async function organization() {
    const email = `consultant-${randomUUID()}@example.org`;
    await createAccount(test.handle.db, { email, role: 'consultant' });
    const cookie = await signIn(test.app, email);
    const { id } = await call(test.app, cookie, 'POST', '/api/organizations', { name: 'Contoso' });
    return { orgId: id as string, email, cookie };
  }
  async function colleague(orgId: string) {
    const email = `consultant-${randomUUID()}@example.org`;
    await createAccount(test.handle.db, { email, role: 'consultant', organizationId: orgId });
    return { email, cookie: await signIn(test.app, email) };
  }
  const memberId = async (cookie: string, orgId: string, email: string) =>
    (
      (await call(test.app, cookie, 'GET', `/api/organizations/${orgId}/members`)) as {
        id: string;
        email: string;
      }[]
    ).find((m) => m.email === email)!.id;
  const remove = (cookie: string, orgId: string, id: string) =>
    test.app.inject({
      method: 'DELETE',
      url: `/api/organizations/${orgId}/members/${id}`,
      headers: { cookie },
    });
  const consultantsOf = async (orgId: string) =>
    (
      await test.handle.db
        .selectFrom('membership')
        .select('id')
        .where('organization_id', '=', orgId)
        .where('role', '=', 'consultant')
        .execute()
    ).length;

  it('cannot remove or demote themselves, even with a consultant still invited', async () => {
    const { orgId, email, cookie } = await organization();
    // Invited, not accepted: they could manage nothing until they accept.
    await call(test.app, cookie, 'POST', `/api/organizations/${orgId}/members`, {
      email: `invited-${randomUUID()}@example.org`,
      role: 'consultant',
    });
    const removed = await remove(cookie, orgId, await memberId(cookie, orgId, email));
    expect([removed.statusCode, removed.json().code]).toEqual([409, 'member.last-consultant']);
    const demoted = await test.app.inject({
      method: 'POST',
      url: `/api/organizations/${orgId}/members`,
      headers: { cookie },
      payload: { email, role: 'leader' },
    });
    expect([demoted.statusCode, demoted.json().code]).toEqual([409, 'member.last-consultant']);
    expect(
      (await test.app.inject({ url: `/api/organizations/${orgId}/members`, headers: { cookie } })).statusCode,
    ).toBe(200);
  });

  it('can leave once another consultant has accepted', async () => {
    const { orgId, email, cookie } = await organization();
    const other = await colleague(orgId);
    expect((await remove(cookie, orgId, await memberId(cookie, orgId, email))).statusCode).toBe(204);
    expect(await consultantsOf(orgId)).toBe(1);
    // And the one left is now the last.
    const last = await remove(other.cookie, orgId, await memberId(other.cookie, orgId, other.email));
    expect(last.statusCode).toBe(409);
  });

  it('leaves one consultant when two remove each other at once', async () => {
    // Several pairs at once: without the consultants' rows locked, some pair both succeed.
    const pairs = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const { orgId, email, cookie } = await organization();
        const other = await colleague(orgId);
        return {
          orgId,
          cookie,
          other,
          mine: await memberId(cookie, orgId, email),
          theirs: await memberId(cookie, orgId, other.email),
        };
      }),
    );
    const outcomes = await Promise.all(
      pairs.map(async ({ orgId, cookie, other, mine, theirs }) => {
        const answers = await Promise.all([remove(cookie, orgId, theirs), remove(other.cookie, orgId, mine)]);
        return [answers.filter((answer) => answer.statusCode === 204).length, await consultantsOf(orgId)];
      }),
    );
    expect(outcomes).toEqual(pairs.map(() => [1, 1]));
  });

  it('lets an administrator remove the last consultant', async () => {
    const { orgId, email, cookie } = await organization();
    const adminEmail = `admin-${randomUUID()}@example.org`;
    await createAccount(test.handle.db, { email: adminEmail, role: 'admin' });
    const admin = await signIn(test.app, adminEmail);
    expect((await remove(admin, orgId, await memberId(cookie, orgId, email))).statusCode).toBe(204);
    expect(await consultantsOf(orgId)).toBe(0);
  });
});

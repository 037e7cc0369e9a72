import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, launch, signInToConsole } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';

const ADMIN = { email: 'consultant@example.org', password: 'a long consultant passphrase' };

/**
 * A consultant who presses twice, or again after an answer that never arrived, makes one thing:
 * the form sends once while it waits, and its Idempotency-Key gets the first answer back.
 */
describe('a create pressed twice in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  const get = <T>(url: string) => page.evaluate((u) => fetch(u).then((r) => r.json()), url) as Promise<T>;

  beforeAll(async () => {
    server = await startServer({ DEMO: 'false', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    browser = await launch();
    page = await (await browser.newContext({ viewport: desktop })).newPage();
    await signInToConsole(page, server.url, ADMIN);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('makes one organization of a double click', async () => {
    await page.getByLabel('Name').fill('Northwind Mills');
    await page.getByLabel('Anonymity threshold (k)').fill('3');
    await page.getByRole('button', { name: 'New organization' }).last().dblclick();
    await page.getByRole('link', { name: 'Northwind Mills' }).waitFor();
    const organizations = await get<{ name: string }[]>('/api/organizations');
    expect(organizations.filter((org) => org.name === 'Northwind Mills')).toHaveLength(1);
  });

  it('makes one wave when its answer is lost and the consultant presses again', async () => {
    await page.getByRole('link', { name: 'Northwind Mills' }).click();
    await page.waitForURL('**/console/*');
    const orgId = page.url().split('/').at(-1)!;
    const imported = await page.evaluate(
      (id) =>
        fetch(`/api/organizations/${id}/teams`, {
          method: 'PUT',
          headers: { 'content-type': 'text/csv' },
          body: 'key,name,parent_key,headcount\nops,Operations,,20\nsales,Sales,,6',
        }).then((r) => r.status),
      orgId,
    );
    expect(imported).toBe(200);
    await page.reload();

    // The server makes the wave, then the connection drops before its answer reaches the page.
    const keys: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/waves'))
        keys.push(request.headers()['idempotency-key'] ?? '');
    });
    let posts = 0;
    await page.route(`**/api/organizations/${orgId}/waves`, async (route) => {
      if (route.request().method() !== 'POST' || posts++ > 0) return route.continue();
      await route.fetch();
      await route.abort('failed');
    });
    await page.getByRole('tab', { name: 'Waves' }).click();
    await page.getByLabel('Title').fill('Spring pulse');
    await page.getByRole('button', { name: 'Create wave' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByRole('button', { name: 'Create wave' }).click();
    await page.getByText('Spring pulse', { exact: true }).waitFor();

    expect(posts).toBe(2);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    const waves = await get<{ title: string }[]>(`/api/organizations/${orgId}/waves`);
    expect(waves.map((wave) => wave.title)).toEqual(['Spring pulse']);
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, launch } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';

const ADMIN = { email: 'consultant@example.org', password: 'a long consultant passphrase' };

describe("the server's refusals, in the person's language", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ DEMO: 'false', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    browser = await launch();
    page = await (await browser.newContext({ viewport: desktop, locale: 'es-ES' })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('says a wrong password in Spanish, not in the server’s English', async () => {
    await page.goto(server.url);
    await page.locator('input[name="email"]').fill(ADMIN.email);
    await page.locator('input[name="password"]').fill('not the passphrase');
    await page.locator('button[type="submit"]').click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toBe('El correo o la contraseña no son correctos.');
  });

  it('says a report that does not exist in Spanish, without the API’s address', async () => {
    await page.locator('input[name="password"]').fill(ADMIN.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL('**/console');
    await page.goto(`${server.url}/reports/00000000-0000-4000-8000-000000000000`);
    const alert = page.getByText('Aquí no hay nada');
    await alert.waitFor();
    const shown = (await page.locator('body').textContent()) ?? '';
    expect(shown).not.toContain('/api/');
    expect(shown).not.toContain('Nothing at');
  });
});

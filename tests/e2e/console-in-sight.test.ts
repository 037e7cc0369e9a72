import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, desktop, launch, pageWidth, phone, screenshot, signInToConsole } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';
import { setUpApi } from './survey-steps.ts';

const ADMIN = { email: 'consultant@example.org', password: 'a long consultant passphrase' };
// Sixteen teams, as many as the reviewer's wave: a links table taller than a laptop's screen.
const NAMES = [
  'Operations',
  'Warehouse',
  'Fleet',
  'Planning and Scheduling',
  'Engineering',
  'Platform',
  'Applications',
  'Mobile',
  'Web',
  'Data',
  'Sales',
  'Sales North',
  'Sales South',
  'People and Finance',
  'People',
  'Finance',
];
const TEAMS = [
  'key,name,parent_key,headcount',
  ...NAMES.map((name) => `${name.toLowerCase().replaceAll(' ', '-')},${name},,10`),
].join('\n');

/** Cells of tables that reach past the right edge of the screen outside a named, focusable scroll region. */
const cellsOffScreen = (page: Page, table: string): Promise<string[]> =>
  page.locator(`${table} th, ${table} td`).evaluateAll((cells) => {
    const doc = cells[0]!.ownerDocument;
    const edge = doc.documentElement.clientWidth;
    return cells
      .filter((cell) => {
        if (cell.getBoundingClientRect().right <= edge + 0.5) return false;
        const region = cell.closest('.scroll-x');
        const scrolls =
          region !== null &&
          region.getAttribute('tabindex') === '0' &&
          (region.getAttribute('aria-label') ?? '') !== '' &&
          doc.defaultView?.getComputedStyle(region).overflowX === 'auto' &&
          region.getBoundingClientRect().right <= edge + 0.5;
        return !scrolls;
      })
      .map((cell) => cell.textContent ?? '');
  });

/** Whether an element is wholly inside the viewport. */
const inViewport = (page: Page, selector: string): Promise<boolean> =>
  page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    const doc = element.ownerDocument;
    return (
      box.width > 0 &&
      box.top >= 0 &&
      box.left >= 0 &&
      box.bottom <= doc.documentElement.clientHeight &&
      box.right <= doc.documentElement.clientWidth
    );
  });

describe('what the consultant asked for is where they look', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let orgId = '';
  let waveId = '';

  const api = (...call: Parameters<ReturnType<typeof setUpApi>>) => setUpApi(page)(...call);

  beforeAll(async () => {
    server = await startServer({ DEMO: 'false', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    browser = await launch();
    page = await (
      await browser.newContext({ viewport: desktop, bypassCSP: true, locale: 'en-US' })
    ).newPage();
    await signInToConsole(page, server.url, ADMIN);
    orgId = (await api('POST', '/api/organizations', { name: 'Northwind Logistics', anonymityThreshold: 3 }))
      .id;
    await api('PUT', `/api/organizations/${orgId}/teams`, TEAMS, 'text/csv');
    waveId = (
      await api('POST', `/api/organizations/${orgId}/waves`, {
        title: 'Autumn pulse',
        questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
      })
    ).id;
    await api('POST', `/api/waves/${waveId}/open`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('draws a team’s QR code in sight, under its row, names it, and closes it', async () => {
    for (const viewport of [desktop, phone]) {
      await page.setViewportSize(viewport);
      await page.goto(`${server.url}/console/${orgId}/waves/${waveId}`);
      const firstRow = page.locator('table.team-links tbody tr').first();
      const team = (await firstRow.locator('th').textContent()) ?? '';
      expect(NAMES).toContain(team);
      const button = page.getByRole('button', { name: `QR code for ${team}` });
      await button.click();

      const qr = page.getByRole('figure', { name: team });
      await qr.waitFor();
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      // Right under the row it belongs to, on screen, and holding the focus.
      expect(await firstRow.evaluate((row) => row.nextElementSibling?.querySelector('figure') !== null)).toBe(
        true,
      );
      expect({ viewport, inView: await inViewport(page, 'figure.qr img') }).toEqual({
        viewport,
        inView: true,
      });
      expect(await qr.evaluate((figure) => figure.contains(figure.ownerDocument.activeElement))).toBe(true);
      expect(await qr.getByRole('img', { name: `QR code for ${team}` }).isVisible()).toBe(true);
      if (viewport === phone) expect(await pageWidth(page)).toBe(phone.width);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `wave-qr-${viewport.width}`);

      // Closed by its button (or Escape), the focus goes back to the button that opened it.
      await qr.getByRole('button', { name: 'Close' }).click();
      await qr.waitFor({ state: 'detached' });
      expect(await button.evaluate((b) => b === b.ownerDocument.activeElement)).toBe(true);
      await button.click();
      await qr.waitFor();
      await page.keyboard.press('Escape');
      await qr.waitFor({ state: 'detached' });
    }
  });

  it('keeps each “below target” badge on one line on a phone', async () => {
    await page.setViewportSize(phone);
    await page.goto(`${server.url}/console/${orgId}/waves/${waveId}`);
    const badges = page.locator('.progress-table .badge-warn');
    await badges.first().waitFor();
    const broken = await badges.evaluateAll((all) =>
      all
        .filter((badge) => badge.getClientRects().length > 1 || badge.scrollWidth > badge.clientWidth + 1)
        .map((badge) => badge.closest('tr')?.querySelector('th')?.textContent ?? ''),
    );
    expect(broken).toEqual([]);
    // A two-line pill is twice as tall as one: none is.
    const heights = await badges.evaluateAll((all) =>
      all.map((badge) => badge.getBoundingClientRect().height),
    );
    expect(Math.max(...heights)).toBeLessThan(1.5 * Math.min(...heights));
  });

  it('names each person’s team, and on a phone lets the people table scroll where it is cut', async () => {
    await api('POST', `/api/organizations/${orgId}/members`, {
      email: 'a.leader.with.a.long.address@example.org',
      role: 'leader',
      teamKey: 'planning-and-scheduling',
    });
    await api('POST', `/api/organizations/${orgId}/members`, { email: 'leader@example.org', role: 'leader' });
    await api('PUT', `/api/waves/${waveId}/teams/sales-north`, { personalCodes: true });

    await page.setViewportSize(desktop);
    await page.goto(`${server.url}/console/${orgId}?tab=people`);
    const row = page.getByRole('row', { name: /a\.leader\.with/ });
    await row.waitFor();
    expect(await row.locator('td').nth(2).textContent()).toBe('Planning and Scheduling');
    await screenshot(page, 'people-desktop');

    await page.setViewportSize(phone);
    expect(await pageWidth(page)).toBe(phone.width);
    expect(await cellsOffScreen(page, 'main table')).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'people-phone');

    // The audit log names the team too, not its key.
    await page.setViewportSize(desktop);
    await page.getByRole('tab', { name: 'Audit log' }).click();
    await page
      .getByText(
        'consultant@example.org turned on personal codes for the team Sales North in the wave Autumn pulse.',
      )
      .waitFor();
    await screenshot(page, 'audit-desktop');
  });
});

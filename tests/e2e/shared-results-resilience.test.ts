import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PULSE_ITEMS } from '../support/assessment.ts';
import { desktop, launch, phone, signInToConsole } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';
import { pageApi } from './survey-steps.ts';

const ADMIN = { email: 'consultant@example.org', password: 'a long consultant passphrase' };
const TEAMS = ['key,name,parent_key,headcount', 'ops,Operations,,10', 'eng,Engineering,,10'].join('\n');

/**
 * The results page a leader shares with a team, opened by many people at once at an all-hands,
 * some on a flaky connection: a busy server or a lost connection is waited out and the page fills
 * by itself, and what it showed before stays while it asks again. Only the network's failures are
 * made up; every figure is the server's.
 */
describe("the team's shared results through a busy server and a flaky connection", () => {
  let server: RunningServer;
  let browser: Browser;
  let resultsPath = '';

  beforeAll(async () => {
    server = await startServer({ DEMO: 'false', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    browser = await launch();
    const consultant = await (await browser.newContext({ viewport: desktop, locale: 'en-US' })).newPage();
    await signInToConsole(consultant, server.url, ADMIN);
    const api = pageApi(consultant);
    const orgId = (await api('POST', '/api/organizations', { name: 'Fabrikam', anonymityThreshold: 3 })).body
      .id;
    expect((await api('PUT', `/api/organizations/${orgId}/teams`, TEAMS, 'text/csv')).status).toBe(200);
    const wave = (
      await api('POST', `/api/organizations/${orgId}/waves`, {
        title: 'Spring pulse',
        questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
      })
    ).body;
    expect((await api('POST', `/api/waves/${wave.id}/open`)).status).toBe(200);
    const links = (await api('GET', `/api/waves/${wave.id}`)).body.links as {
      teamKey: string;
      code: string;
    }[];
    for (const { code } of links)
      for (let person = 0; person < 3; person += 1) {
        const answers = Object.fromEntries(PULSE_ITEMS.map((id) => [id, 2 + person]));
        const sent = await api('POST', `/api/participate/${code}/responses`, {
          submissionId: crypto.randomUUID(),
          answers,
        });
        expect(sent.status).toBe(201);
      }
    expect((await api('POST', `/api/waves/${wave.id}/close`)).status).toBe(200);
    const shared = await api('POST', `/api/waves/${wave.id}/share`);
    const operations = (shared.body.links as { teamKey: string; url: string }[]).find(
      (l) => l.teamKey === 'ops',
    )!;
    resultsPath = new URL(operations.url).pathname;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function employeePage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: phone,
      locale: 'en-US',
      isMobile: true,
      hasTouch: true,
    });
    return { context, page: await context.newPage() };
  }

  it('waits out a busy server, then shows the results with no error left on screen', async () => {
    const { context, page } = await employeePage();
    let reads = 0;
    await page.route('**/api/shared/**', (route) =>
      reads++ === 0
        ? route.fulfill({
            status: 429,
            headers: { 'content-type': 'application/json', 'retry-after': '1' },
            body: JSON.stringify({ code: 'request.too-many', message: 'Too many requests', params: {} }),
          })
        : route.continue(),
    );
    await page.goto(`${server.url}${resultsPath}`);
    await page.getByText('Many people are opening these results right now.').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByRole('heading', { name: 'Your team: Operations' }).waitFor();
    expect(await page.getByText('Many people are opening these results right now.').count()).toBe(0);
    expect(reads).toBe(2);
    await context.close();
  });

  it('waits for a lost connection to come back', async () => {
    const { context, page } = await employeePage();
    let reads = 0;
    await page.route('**/api/shared/**', (route) =>
      reads++ === 0 ? route.abort('internetdisconnected') : route.continue(),
    );
    await page.goto(`${server.url}${resultsPath}`);
    await page.getByText('No connection. The results will appear by themselves').waitFor();
    await page.getByRole('heading', { name: 'Your team: Operations' }).waitFor();
    expect(await page.getByText('No connection.').count()).toBe(0);
    await context.close();
  });

  it('keeps the results on screen while a change of language waits for the server', async () => {
    const { context, page } = await employeePage();
    await page.goto(`${server.url}${resultsPath}`);
    await page.getByRole('heading', { name: 'Your team: Operations' }).waitFor();
    let reads = 0;
    await page.route('**/api/shared/**', (route) =>
      reads++ === 0
        ? route.fulfill({
            status: 503,
            headers: { 'content-type': 'application/json', 'retry-after': '1' },
            body: JSON.stringify({ code: 'service.unavailable', message: 'Unavailable', params: {} }),
          })
        : route.continue(),
    );
    await page.getByRole('combobox').selectOption('fr');
    await page.getByText('Beaucoup de personnes ouvrent ces résultats en ce moment.').waitFor();
    // What was read before stays readable meanwhile, its headings already in French.
    expect(await page.getByRole('heading', { name: 'Votre équipe\u202f: Operations' }).count()).toBe(1);
    await page.getByText('Beaucoup de personnes').waitFor({ state: 'detached' });
    expect(reads).toBe(2);
    expect(await page.getByRole('alert').count()).toBe(0);
    await context.close();
  });

  it('says once, and plainly, that a withdrawn link shows nothing', async () => {
    const { context, page } = await employeePage();
    await page.goto(`${server.url}/r/${'x'.repeat(22)}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('This results link is not valid');
    await context.close();
  });
});

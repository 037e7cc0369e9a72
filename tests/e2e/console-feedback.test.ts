import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToLocalInput } from '../../client/src/pages/console/schedule.ts';
import { type MailCatcher, mailCatcher } from '../support/mail-catcher.ts';
import { axeViolations, desktop, failFirst, launch, signInToConsole } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';
import { pageApi } from './survey-steps.ts';

const ADMIN = { email: 'consultant@example.org', password: 'a long consultant passphrase' };
const TEAMS = [
  'key,name,parent_key,headcount',
  'wards,Wards,,',
  'ward-a,Ward A,wards,20',
  'pharmacy,Pharmacy,,6',
].join('\n');
const busy = { status: 503, json: { message: 'The server is busy.' } };

/** What the console leaves on screen after a step or a load: only what is still true. */
describe('what the console says after each step', () => {
  let server: RunningServer;
  let smtp: MailCatcher;
  let browser: Browser;
  let page: Page;
  let orgId = '';
  let waveId = '';
  const api = (...args: Parameters<ReturnType<typeof pageApi>>) => pageApi(page)(...args);

  beforeAll(async () => {
    // Mail set up, so a wave's delivery section offers the recipients' upload; a draft sends none.
    smtp = await mailCatcher();
    await smtp.start();
    server = await startServer((url) => ({
      DEMO: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      PUBLIC_URL: url,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Trust OS <pulse@example.org>',
    }));
    browser = await launch();
    page = await (
      await browser.newContext({ viewport: desktop, bypassCSP: true, acceptDownloads: true, locale: 'en-US' })
    ).newPage();
    await signInToConsole(page, server.url, ADMIN);
    orgId = (await api('POST', '/api/organizations', { name: 'Northwind Health', anonymityThreshold: 3 }))
      .body.id;
    expect((await api('PUT', `/api/organizations/${orgId}/teams`, TEAMS, 'text/csv')).status).toBe(200);
    // A draft: nothing polls it, so a part that failed to load has only its own retry to come back by.
    waveId = (
      await api('POST', `/api/organizations/${orgId}/waves`, {
        title: 'Autumn pulse',
        questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
      })
    ).body.id;
    expect((await api('PUT', `/api/waves/${waveId}/teams/pharmacy`, { personalCodes: true })).status).toBe(
      200,
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  it('names the person a one-time link is for, and takes it down when the next invitation fails or theirs is withdrawn', async () => {
    await page.goto(`${server.url}/console/${orgId}?tab=people`);
    await page.getByRole('heading', { name: 'People with access' }).waitFor();
    const email = page.getByLabel('Email', { exact: true });
    const invite = page.getByRole('button', { name: 'Invite', exact: true });
    const anyLink = page.getByText(/one-time link/);

    await email.fill('alice@example.org');
    await invite.click();
    await page.getByText('Send this one-time link to alice@example.org (valid 7 days):').waitFor();

    // Bob's invitation does not reach the server: Alice's link must not stand beside the failure,
    // where it reads as Bob's.
    await page.route(`**/api/organizations/${orgId}/members`, (route) =>
      route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue(),
    );
    await email.fill('bob@example.org');
    await invite.click();
    await page.getByRole('alert').getByText('The server could not be reached.', { exact: false }).waitFor();
    expect(await anyLink.count()).toBe(0);
    await page.unroute(`**/api/organizations/${orgId}/members`);

    // Alice's invitation withdrawn: her link goes with it.
    await email.fill('alice@example.org');
    await invite.click();
    await page.getByText('Send this one-time link to alice@example.org (valid 7 days):').waitFor();
    const row = page.getByRole('row', { name: /alice@example\.org/ });
    await row.getByRole('button', { name: 'Remove alice@example.org' }).click();
    await page
      .getByRole('dialog', { name: 'Remove alice@example.org?' })
      .getByRole('button', { name: 'Remove' })
      .click();
    await row.waitFor({ state: 'detached' });
    expect(await anyLink.count()).toBe(0);
  });

  it('takes a refused schedule down once a save of it works', async () => {
    await page.goto(`${server.url}/console/${orgId}/waves/${waveId}`);
    const change = page.getByRole('button', { name: 'Change schedule' });
    await change.click();
    const closes = page.getByLabel('Closes at (optional)');
    await closes.fill('2020-01-01T09:00');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const refusal = page
      .getByRole('alert')
      .getByText('The closing time must be in the future.', { exact: false });
    await refusal.waitFor();

    await closes.fill(isoToLocalInput(new Date(Date.now() + 30 * 86_400_000).toISOString()));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    // Saved: the editor closes and the summary gives the new deadline.
    await change.waitFor();
    await page.getByText(/^Closes on /).waitFor();
    expect(await refusal.count()).toBe(0);
  });

  it('offers a retry where the delivery and the participation could not be loaded, and shows them once retried', async () => {
    await page.route(`**/api/waves/${waveId}/delivery`, (route) => route.fulfill(busy));
    await page.route(`**/api/waves/${waveId}/progress`, (route) => route.abort('internetdisconnected'));
    await page.goto(`${server.url}/console/${orgId}/waves/${waveId}`);
    const delivery = page.getByRole('region', { name: 'Email delivery' });
    const progress = page.locator('.progress-view');
    await delivery.getByRole('button', { name: 'Try again' }).waitFor();
    await progress.getByText('The server could not be reached.', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.unroute(`**/api/waves/${waveId}/delivery`);
    await page.unroute(`**/api/waves/${waveId}/progress`);
    await delivery.getByRole('button', { name: 'Try again' }).click();
    await delivery.getByLabel('Paste CSV').waitFor();
    await progress.getByRole('button', { name: 'Try again' }).click();
    await progress.getByRole('rowheader', { name: 'Ward A' }).waitFor();
  });

  it('holds a count of personal codes outside 1 to 2000 back, names the field if the server refuses one, and takes the refusal down once codes come', async () => {
    const sent: unknown[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith(`/api/waves/${waveId}/invitations`)) sent.push(request.postDataJSON());
    });
    await page.goto(`${server.url}/console/${orgId}/waves/${waveId}`);
    const form = page.locator('.inline-form', {
      has: page.getByRole('heading', { name: 'Personal codes to hand out' }),
    });
    await form.getByLabel('Team').selectOption('pharmacy');
    const count = form.getByLabel('How many');
    const generate = form.getByRole('button', { name: 'Generate and download CSV' });
    type Validity = { validity: { rangeOverflow: boolean; valueMissing: boolean } };
    // A cleared box stays empty, and the browser says it is: no 0 written back into it.
    await count.fill('');
    await generate.click();
    expect(await count.inputValue()).toBe('');
    expect(await count.evaluate((input) => (input as unknown as Validity).validity.valueMissing)).toBe(true);
    await count.fill('5000');
    await generate.click();
    expect(await count.evaluate((input) => (input as unknown as Validity).validity.rangeOverflow)).toBe(true);

    // A browser that does not check: the server's refusal names the field as the reader knows it.
    await form.evaluate((element) => {
      (element as unknown as { noValidate: boolean }).noValidate = true;
    });
    await generate.click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Number of personal codes' });
    await refusal.waitFor();
    expect(await refusal.textContent()).not.toContain('count');

    await count.fill('3');
    await Promise.all([page.waitForEvent('download'), generate.click()]);
    expect(await refusal.count()).toBe(0);
    // The count out of bounds went out only once the browser no longer checked it.
    expect(sent).toEqual([
      { teamKey: 'pharmacy', count: 5000 },
      { teamKey: 'pharmacy', count: 3 },
    ]);
  });

  it('says the accounts could not be loaded, with a retry, rather than an empty list', async () => {
    await failFirst(page, '**/api/accounts', (route) => route.fulfill(busy));
    await page.goto(`${server.url}/console`);
    const accounts = page.locator('section.card', { has: page.getByRole('heading', { name: 'Accounts' }) });
    await accounts.getByRole('button', { name: 'Try again' }).click();
    await accounts.getByText(ADMIN.email).waitFor();
    await page.unroute('**/api/accounts');
  });

  it('says the teams were saved even if the look at the page after it fails', async () => {
    const org = (await api('POST', '/api/organizations', { name: 'Adatum Logistics' })).body.id;
    await page.goto(`${server.url}/console/${org}?tab=teams`);
    await page.getByLabel('Or paste CSV').fill(TEAMS);
    await page.getByText('Saving adds 3 teams', { exact: false }).waitFor();
    await page.route(`**/api/organizations/${org}`, (route) => route.fulfill(busy));
    await page.getByRole('button', { name: 'Save hierarchy' }).click();
    await page.getByText('Hierarchy saved: 3 teams.').waitFor();
    expect(await page.getByText('This page could not be loaded').count()).toBe(0);
    await page.unroute(`**/api/organizations/${org}`);
  });
});

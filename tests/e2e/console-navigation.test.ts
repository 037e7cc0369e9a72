import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, desktop, focusedText, launch, pageWidth, phone, screenshot } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';
import { setUpApi } from './survey-steps.ts';

const ADMIN = { email: 'consultant@example.org', password: 'a long consultant passphrase' };
const LEADER = { email: 'leader@example.org', password: 'the leader chose this phrase' };
const TEAMS = [
  'key,name,parent_key,headcount',
  'wards,Wards,,',
  'ward-a,Ward A,wards,20',
  'ward-b,Ward B,wards,15',
  'pharmacy,Pharmacy,,6',
].join('\n');

describe('finding one’s way around the console', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let orgId = '';
  let waveId = '';

  const api = (on: Page, ...call: Parameters<ReturnType<typeof setUpApi>>) => setUpApi(on)(...call);

  async function signIn(on: Page, who: { email: string; password: string }) {
    await on.getByLabel('Email').fill(who.email);
    await on.getByLabel('Password').fill(who.password);
    await on.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Shoots a page at 1280 and 390 px, checks axe and that nothing is wider than the phone. */
  async function check(on: Page, name: string) {
    await on.waitForLoadState('networkidle');
    expect({ name, violations: await axeViolations(on) }).toEqual({ name, violations: [] });
    await screenshot(on, `${name}-desktop`);
    await on.setViewportSize(phone);
    expect({ name, width: await pageWidth(on) }).toEqual({ name, width: phone.width });
    await screenshot(on, `${name}-phone`);
    await on.setViewportSize(desktop);
  }

  beforeAll(async () => {
    server = await startServer({ DEMO: 'false', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    browser = await launch();
    page = await (
      await browser.newContext({ viewport: desktop, bypassCSP: true, locale: 'en-US' })
    ).newPage();
    await page.goto(server.url);
    await signIn(page, ADMIN);
    await page.waitForURL('**/console');
    // An organization with teams and an open wave, one answer in, made through the API.
    const org = await api(page, 'POST', '/api/organizations', {
      name: 'Northwind Health',
      anonymityThreshold: 3,
    });
    orgId = org.id;
    await api(page, 'PUT', `/api/organizations/${orgId}/teams`, TEAMS, 'text/csv');
    const wave = await api(page, 'POST', `/api/organizations/${orgId}/waves`, {
      title: 'Autumn pulse',
      questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
    });
    waveId = wave.id;
    await api(page, 'POST', `/api/waves/${waveId}/open`);
    await api(page, 'POST', `/api/organizations`, { name: 'Adatum Logistics' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('brings a deep link back after signing in, and follows no address of another site', async () => {
    const context = await browser.newContext({ viewport: desktop, bypassCSP: true, locale: 'en-US' });
    const visitor = await context.newPage();
    const wavePage = `/console/${orgId}/waves/${waveId}`;
    await visitor.goto(`${server.url}${wavePage}?from=mail`);
    await visitor.waitForURL(
      (url) => url.pathname === '/' && url.searchParams.get('next') === `${wavePage}?from=mail`,
    );
    await visitor.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await axeViolations(visitor)).toEqual([]);
    await signIn(visitor, ADMIN);
    await visitor.waitForURL(`**${wavePage}?from=mail`);
    await visitor.getByRole('heading', { level: 1, name: 'Autumn pulse' }).waitFor();

    // A link to a report, opened after signing out, comes back to that report too.
    await api(visitor, 'POST', '/api/auth/logout');
    await visitor.goto(`${server.url}/reports/${waveId}`);
    await visitor.waitForURL((url) => url.searchParams.get('next') === `/reports/${waveId}`);
    await signIn(visitor, ADMIN);
    await visitor.waitForURL(`**/reports/${waveId}`);
    await visitor.getByText('preview of an open wave').waitFor();

    // Signed in, an address of another site in `next` is ignored: the console, not the other site.
    for (const next of ['//evil.example/x', 'https://evil.example/x', '/\\evil.example']) {
      await visitor.goto(`${server.url}/?next=${encodeURIComponent(next)}`);
      await visitor.waitForURL('**/console');
      expect(new URL(visitor.url()).host).toBe(new URL(server.url).host);
    }
    await context.close();
  });

  it('lists each organization with its latest wave, status and response rate, and says what to do when empty', async () => {
    const { links } = await api(page, 'GET', `/api/waves/${waveId}`);
    const { questionnaire } = await api(page, 'GET', `/api/participate/${links[0].code}`);
    await api(page, 'POST', `/api/participate/${links[0].code}/responses`, {
      submissionId: randomUUID(),
      answers: Object.fromEntries(questionnaire.items.map((item: { id: string }) => [item.id, 3])),
    });
    await page.goto(`${server.url}/console`);
    const card = page.locator('li.org-card', { hasText: 'Northwind Health' });
    await card.getByRole('link', { name: 'Autumn pulse' }).waitFor();
    await expect(card.textContent()).resolves.toContain('Open');
    // One answer of 20 + 15 + 6 = 41 people (Wards itself has no headcount of its own).
    await expect(card.textContent()).resolves.toContain('2% answered (1 of 41)');
    await page.locator('li.org-card', { hasText: 'Adatum Logistics' }).getByText('No wave yet.').waitFor();
    await check(page, 'console-organizations');

    // A new organization says what to do first, and takes you there.
    await page.getByRole('link', { name: 'Adatum Logistics' }).click();
    await page.getByText('Import the team hierarchy first').waitFor();
    await check(page, 'organization-empty');
    await page.getByRole('button', { name: 'Go to Teams' }).click();
    await page.waitForURL('**?tab=teams');
    await page.getByText('No teams yet. Upload a spreadsheet or paste CSV below').waitFor();
  });

  it('keeps the organization’s tab in the address, across a reload, and moves between tabs by keyboard', async () => {
    await page.goto(`${server.url}/console/${orgId}`);
    const tab = (name: string) => page.getByRole('tab', { name });
    await tab('Waves').waitFor();
    expect(await tab('Waves').getAttribute('aria-selected')).toBe('true');
    // A wave row is a link to the wave's own page.
    expect(await page.getByRole('link', { name: /Autumn pulse/ }).getAttribute('href')).toBe(
      `/console/${orgId}/waves/${waveId}`,
    );
    await check(page, 'organization-waves');

    await tab('Teams').click();
    await page.waitForURL('**?tab=teams');
    await page.reload();
    await page.getByRole('heading', { name: 'Teams', level: 2 }).waitFor();
    expect(await tab('Teams').getAttribute('aria-selected')).toBe('true');
    await check(page, 'organization-teams');

    await tab('Teams').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL('**?tab=people');
    expect(await tab('People').getAttribute('aria-selected')).toBe('true');
    expect(await focusedText(page)).toBe('People');
    await page.getByRole('heading', { name: 'People with access' }).waitFor();
    await check(page, 'organization-people');

    await page.keyboard.press('End');
    await page.waitForURL('**?tab=audit');
    await page.getByText('consultant@example.org opened the wave Autumn pulse.').waitFor();
    await check(page, 'organization-audit');
  });

  it('offers every questionnaire version the server has published, its latest pulse first chosen', async () => {
    // A version published after this console was built: the form must take it from the server.
    await page.route('**/api/questionnaires', async (route) => {
      const published = (await (await route.fetch()).json()) as {
        key: string;
        versions: string[];
        latest: string;
      }[];
      const pulse = published.find((q) => q.key === 'trust-os-pulse')!;
      pulse.versions.push('1.1.0');
      pulse.latest = '1.1.0';
      await route.fulfill({ json: published });
    });
    await page.goto(`${server.url}/console/${orgId}`);
    const field = page.getByLabel('Questionnaire');
    await field.locator('option', { hasText: 'Trust OS Pulse 1.1.0' }).waitFor({ state: 'attached' });
    expect(await field.locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['Trust OS Pulse 1.1.0', 'Trust OS Pulse 1.0.0', 'Trust OS Diagnostic 1.0.0']),
    );
    expect(await field.inputValue()).toBe('trust-os-pulse@1.1.0');
    await page.unroute('**/api/questionnaires');
  });

  it('asks before closing a wave, says what closing does, and closes only when confirmed', async () => {
    await page.goto(`${server.url}/console/${orgId}`);
    await page.getByRole('link', { name: /Autumn pulse/ }).click();
    await page.waitForURL(`**/console/${orgId}/waves/${waveId}`);
    await page.getByText('Participation links').waitFor();
    await check(page, 'wave-page');

    const close = page.getByRole('button', { name: 'Close wave' });
    const dialog = page.getByRole('dialog', { name: 'Close the wave Autumn pulse?' });
    const status = async () => (await api(page, 'GET', `/api/waves/${waveId}`)).status;

    // Escape leaves it open, and the focus back on the button.
    await close.click();
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain(
      'no more answers will be accepted from its 4 open links, and the report becomes final. This cannot be undone.',
    );
    expect(await focusedText(page)).toBe('Cancel');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'wave-close-confirm-desktop');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focusedText(page)).toBe('Close wave');
    expect(await status()).toBe('open');

    // Cancel leaves it open too.
    await close.click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await status()).toBe('open');

    await close.click();
    await dialog.getByRole('button', { name: 'Close the wave' }).click();
    await page.locator('.page-heading .badge', { hasText: 'Closed' }).waitFor();
    expect(await status()).toBe('closed');
    await page.getByRole('link', { name: 'Report' }).click();

    // Withdrawing the links shared with employees asks first as well.
    await page.getByRole('button', { name: 'Create the links' }).click();
    const shared = page.locator('section.share table');
    await shared.waitFor();
    const withdraw = page.getByRole('dialog', { name: 'Withdraw the results links?' });
    await page.getByRole('button', { name: 'Withdraw the links' }).click();
    await expect(withdraw.textContent()).resolves.toContain('The 4 links stop working at once');
    await withdraw.getByRole('button', { name: 'Cancel' }).click();
    await withdraw.waitFor({ state: 'hidden' });
    expect(await shared.isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Withdraw the links' }).click();
    await withdraw.getByRole('button', { name: 'Withdraw the links' }).click();
    await shared.waitFor({ state: 'detached' });
  });

  it('says plainly when an organization or a wave does not exist, with a way back, and offers a retry when loading fails', async () => {
    for (const id of [randomUUID(), 'not-an-id']) {
      await page.goto(`${server.url}/console/${id}`);
      await page.getByRole('heading', { name: 'Not found' }).waitFor();
      await page.getByText('There is no such organization, or you do not have access to it.').waitFor();
    }
    await check(page, 'organization-not-found');
    await page.getByRole('link', { name: 'Back to the organizations' }).click();
    await page.waitForURL('**/console');

    await page.goto(`${server.url}/console/${orgId}/waves/${randomUUID()}`);
    await page.getByText('There is no such wave in this organization').waitFor();
    await page.getByRole('link', { name: 'Back to the organization' }).click();
    await page.waitForURL(`**/console/${orgId}`);
    await page.getByRole('tab', { name: 'Waves' }).waitFor();

    // So does the actions page of an organization that does not exist.
    await page.goto(`${server.url}/console/${randomUUID()}/actions`);
    await page.getByRole('alert').getByRole('link', { name: 'Back to the organization' }).waitFor();

    // A report that does not exist says so, with a way back.
    await page.goto(`${server.url}/reports/${randomUUID()}`);
    await page.getByRole('alert').getByRole('heading', { name: 'Report' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Back to the organizations' }).click();
    await page.waitForURL('**/console');

    // The connection drops on the first load: the reason, a retry, and the page once it is back.
    await page.route(`**/api/organizations/${orgId}`, (route) => route.abort('internetdisconnected'));
    await page.goto(`${server.url}/console/${orgId}`);
    await page.getByText('The server could not be reached.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.unroute(`**/api/organizations/${orgId}`);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { level: 1, name: 'Northwind Health' }).waitFor();
  });

  it('lets a consultant run an organization they just made, or were just given, without reloading', async () => {
    const DELEGATE = { email: 'delegate@example.org', password: 'the delegate chose this phrase' };
    // A leader of Adatum, allowed to make organizations of their own.
    const adatum = (await api(page, 'GET', '/api/organizations')).find(
      (o: { name: string }) => o.name === 'Adatum Logistics',
    );
    const { inviteUrl } = await api(page, 'POST', `/api/organizations/${adatum.id}/members`, {
      email: DELEGATE.email,
      role: 'leader',
    });
    const account = (await api(page, 'GET', '/api/accounts')).find(
      (a: { email: string }) => a.email === DELEGATE.email,
    );
    const context = await browser.newContext({ viewport: desktop, bypassCSP: true, locale: 'en-US' });
    const delegate = await context.newPage();
    await delegate.goto(`${server.url}${new URL(inviteUrl).pathname}`);
    await delegate.getByLabel('Password').fill(DELEGATE.password);
    await delegate.getByRole('button', { name: 'Set password and sign in' }).click();
    await delegate.waitForURL('**/console');
    // Given once the account is theirs (an account still waiting for its owner is not given it),
    // while they look at another tab: coming back to this one shows it, without a reload.
    await api(page, 'PATCH', `/api/accounts/${account.id}`, { canCreateOrganizations: true });
    await delegate.evaluate(() => {
      const { document } = globalThis as unknown as { document: { dispatchEvent(event: unknown): void } };
      document.dispatchEvent(new Event('visibilitychange'));
    });

    await delegate.getByLabel('Name', { exact: true }).fill('Contoso Care');
    await delegate.getByRole('button', { name: 'New organization' }).click();
    await delegate.getByRole('link', { name: 'Contoso Care' }).click();
    await delegate.getByRole('tab', { name: 'Audit log' }).waitFor();
    expect(await delegate.getByRole('tab').allTextContents()).toEqual([
      'Waves',
      'Teams',
      'People',
      'Audit log',
    ]);
    await delegate.getByRole('tab', { name: 'Teams' }).click();
    await delegate.getByText('No teams yet. Upload a spreadsheet or paste CSV below').waitFor();

    // Made a consultant of Adatum while signed in: the next look at it offers them to run it.
    await api(page, 'POST', `/api/organizations/${adatum.id}/members`, {
      email: DELEGATE.email,
      role: 'consultant',
    });
    await delegate.getByRole('link', { name: 'Organizations' }).first().click();
    await delegate.getByRole('link', { name: 'Adatum Logistics' }).click();
    await delegate.getByRole('tab', { name: 'People' }).click();
    await delegate.getByRole('heading', { name: 'People with access' }).waitFor();

    // With a colleague to run it, making themselves a leader there takes the running of it away
    // at once (the last consultant may not step down).
    const colleague = await api(page, 'POST', `/api/organizations/${adatum.id}/members`, {
      email: 'colleague@example.org',
      role: 'consultant',
    });
    const elsewhere = await browser.newContext();
    const accepting = await elsewhere.newPage();
    await accepting.goto(server.url);
    await api(accepting, 'POST', '/api/auth/accept-invite', {
      token: new URL(colleague.inviteUrl).pathname.split('/').at(-1),
      password: 'the colleague chose this phrase',
    });
    await elsewhere.close();
    await delegate.getByLabel('Email', { exact: true }).fill(DELEGATE.email);
    await delegate.getByRole('button', { name: 'Invite', exact: true }).click();
    await delegate
      .getByRole('dialog', { name: `Change the access of ${DELEGATE.email}?` })
      .getByRole('button', { name: 'Change access' })
      .click();
    await delegate.getByRole('tab', { name: 'People' }).waitFor({ state: 'detached' });
    expect(await delegate.getByRole('tab').allTextContents()).toEqual(['Waves', 'Teams']);
    await context.close();
  });

  it('lands a leader on their latest report, and asks before taking a member’s access away', async () => {
    const { inviteUrl } = await api(page, 'POST', `/api/organizations/${orgId}/members`, {
      email: LEADER.email,
      role: 'leader',
    });
    const token = new URL(inviteUrl).pathname.split('/').at(-1);
    const context = await browser.newContext({ viewport: desktop, bypassCSP: true, locale: 'en-US' });
    const leader = await context.newPage();
    await leader.goto(server.url);
    await api(leader, 'POST', '/api/auth/accept-invite', { token, password: LEADER.password });
    await api(leader, 'POST', '/api/auth/logout');
    await leader.goto(server.url);
    await signIn(leader, LEADER);
    await leader.waitForURL(`**/reports/${waveId}`);
    await context.close();

    await page.goto(`${server.url}/console/${orgId}?tab=people`);
    const row = page.getByRole('row', { name: new RegExp(LEADER.email) });
    // Inviting them again with a team would narrow their access at once: asked first.
    const team = page.getByLabel('Limit to team (leaders, optional)');
    await page.getByLabel('Role').selectOption('consultant');
    expect(await team.isDisabled()).toBe(true);
    await page.getByLabel('Role').selectOption('leader');
    await page.getByLabel('Email', { exact: true }).fill(LEADER.email);
    await team.selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    const change = page.getByRole('dialog', { name: `Change the access of ${LEADER.email}?` });
    await expect(change.textContent()).resolves.toContain('Today: Leader of the whole organization.');
    await change.getByRole('button', { name: 'Cancel' }).click();
    const members = await api(page, 'GET', `/api/organizations/${orgId}/members`);
    expect(members.find((m: { email: string }) => m.email === LEADER.email).teamKey).toBeNull();

    await row.getByRole('button', { name: `Remove ${LEADER.email}` }).click();
    const dialog = page.getByRole('dialog', { name: `Remove ${LEADER.email}?` });
    await expect(dialog.textContent()).resolves.toContain('Their access to this organization ends at once');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await row.waitFor();
    await row.getByRole('button', { name: `Remove ${LEADER.email}` }).click();
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await row.waitFor({ state: 'detached' });
  });

  it('warns about a team too small to be asked on its own while something can be done, and says what', async () => {
    // k = 5: the head of clinics, a team of one with a link of their own, is read in the database.
    const org = await api(page, 'POST', '/api/organizations', { name: 'Fabrikam Clinics' });
    const teams = ['key,name,parent_key,headcount', 'clinics,Clinics,,30', 'head,Head of clinics,clinics,1'];
    await api(page, 'PUT', `/api/organizations/${org.id}/teams`, teams.join('\n'), 'text/csv');
    const wave = await api(page, 'POST', `/api/organizations/${org.id}/waves`, {
      title: 'Spring pulse',
      questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
    });
    await page.goto(`${server.url}/console/${org.id}/waves/${wave.id}`);
    const notice = page.getByRole('region', { name: 'Teams too small to be asked on their own' });
    await notice.getByText('Head of clinics: 1 person').waitFor();
    await expect(notice.textContent()).resolves.toContain(
      'anyone who can read the database can read its answers there',
    );
    await expect(notice.textContent()).resolves.toContain(
      "Before you open the wave, give their people their parent team's link",
    );
    await check(page, 'wave-small-teams-draft');

    await page.getByRole('button', { name: 'Open for answers' }).click();
    await notice
      .getByText("Answers already given through their own team's link stay stored under it.", {
        exact: false,
      })
      .waitFor();
    await api(page, 'POST', `/api/waves/${wave.id}/close`);
    await page.reload();
    await page.locator('.page-heading .badge', { hasText: 'Closed' }).waitFor();
    expect(await notice.count()).toBe(0);
  });
});

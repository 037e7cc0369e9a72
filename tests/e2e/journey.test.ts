import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  desktop,
  launch,
  phone,
  screenshot,
  screenshotOf,
  signInToConsole,
} from './browser.ts';
import { type RunningServer, startServer } from './server.ts';

const ADMIN = { email: 'consultant@example.org', password: 'a long consultant passphrase' };
const TEAMS = [
  'key,name,parent_key,headcount',
  'ops,Operations,,20',
  'eng,Engineering,,15',
  'sales,Sales,,6',
].join('\n');

describe('a whole assessment in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let consultant: BrowserContext;
  let page: Page;
  let orgId = '';
  let waveId = '';
  let codes: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer({ DEMO: 'false', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    browser = await launch();
    consultant = await browser.newContext({ viewport: desktop, bypassCSP: true, acceptDownloads: true });
    page = await consultant.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets a consultant sign in, create an organization, import teams and open a wave', async () => {
    await signInToConsole(page, server.url, ADMIN);

    await page.getByLabel('Name').fill('Contoso Freight');
    await page.getByLabel('Anonymity threshold (k)').fill('3');
    await page.getByRole('button', { name: 'New organization' }).last().click();
    await page.getByRole('link', { name: 'Contoso Freight' }).click();
    await page.waitForURL('**/console/*');
    orgId = page.url().split('/').at(-1)!;

    // The hierarchy is imported in the Teams tab.
    await page.getByRole('tab', { name: 'Teams' }).click();
    // A broken row is shown in the preview and blocks saving.
    await page.getByLabel('Or paste CSV').fill(`${TEAMS}\nbad,Bad,nowhere,`);
    await page.getByText('There is no team "nowhere" to be the parent.').waitFor();
    expect(await page.getByRole('button', { name: 'Save hierarchy' }).isDisabled()).toBe(true);
    await page.getByLabel('Or paste CSV').fill(TEAMS);
    await page.getByRole('button', { name: 'Save hierarchy' }).click();
    await page.getByText('Hierarchy saved: 3 teams.').waitFor();

    await page.getByRole('tab', { name: 'Waves' }).click();
    await page.getByLabel('Title').fill('Winter pulse');
    await page.getByRole('button', { name: 'Create wave' }).click();
    // The wave's row is a link to its own page.
    await page.getByText('Winter pulse', { exact: true }).click();
    await page.waitForURL('**/waves/*');
    await page.getByRole('button', { name: 'Open for answers' }).click();
    await page.getByText('Participation links').waitFor();
    await screenshot(page, 'console-desktop');
    expect(await axeViolations(page)).toEqual([]);

    const waves = (await page.evaluate(
      (id) => fetch(`/api/organizations/${id}/waves`).then((r) => r.json()),
      orgId,
    )) as { id: string }[];
    waveId = waves[0]!.id;
    const wave = (await page.evaluate((id) => fetch(`/api/waves/${id}`).then((r) => r.json()), waveId)) as {
      links: { teamKey: string; code: string }[];
    };
    codes = Object.fromEntries(wave.links.map((l: { teamKey: string; code: string }) => [l.teamKey, l.code]));
  });

  async function answerSurvey(
    code: string,
    options: { dropFirst?: boolean; shots?: string; axe?: boolean } = {},
  ) {
    const context = await browser.newContext({
      viewport: phone,
      bypassCSP: true,
      locale: 'en-US',
      hasTouch: true,
      isMobile: true,
    });
    const employee = await context.newPage();
    let dropped = false;
    if (options.dropFirst) {
      await employee.route('**/responses', (route) => {
        if (!dropped) {
          dropped = true;
          return route.abort('internetdisconnected');
        }
        return route.continue();
      });
    }
    await employee.goto(`${server.url}/s/${code}`);
    await employee.getByText('Your answers are anonymous').waitFor();
    if (options.shots) await screenshot(employee, `${options.shots}-phone-intro`);
    if (options.axe) expect(await axeViolations(employee)).toEqual([]);
    await employee.getByRole('button', { name: 'Start' }).click();
    for (let step = 0; step < 5; step++) {
      const groups = employee.locator('fieldset.question');
      const count = await groups.count();
      for (let i = 0; i < count; i++) {
        await groups
          .nth(i)
          .locator('label.scale-option')
          .nth((step + i) % 5)
          .click();
      }
      if (step === 0 && options.shots) await screenshot(employee, `${options.shots}-phone-question`);
      if (step === 0 && options.axe) expect(await axeViolations(employee)).toEqual([]);
      await employee.getByRole('button', { name: 'Next' }).click();
    }
    await employee.getByRole('textbox').fill('Decisions come back too often.');
    await employee.getByRole('button', { name: 'Submit my answers' }).click();
    if (options.dropFirst) {
      await employee.getByText('No connection.').first().waitFor();
    }
    await employee.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 20_000 });
    if (options.shots) await screenshot(employee, `${options.shots}-phone-thanks`);
    // A second visit says so instead of offering the form again.
    await employee.reload();
    await employee.getByText('You have already answered this survey').waitFor();
    await context.close();
    return dropped;
  }

  it('lets employees of several teams answer on their phones, including a retry after a dropped request', async () => {
    expect(await answerSurvey(codes.ops!, { shots: 'survey', axe: true })).toBe(false);
    // The same survey on a desktop, in Spanish, as a fresh visitor sees it.
    const desktopContext = await browser.newContext({ viewport: desktop, locale: 'es-ES' });
    const desktopPage = await desktopContext.newPage();
    await desktopPage.goto(`${server.url}/s/${codes.eng}`);
    await desktopPage.getByText('Tus respuestas son anónimas').waitFor();
    await screenshot(desktopPage, 'survey-desktop-es');
    await desktopContext.close();
    expect(await answerSurvey(codes.ops!, { dropFirst: true })).toBe(true);
    for (let i = 0; i < 2; i++) await answerSurvey(codes.ops!);
    for (let i = 0; i < 3; i++) await answerSurvey(codes.eng!);
    await answerSurvey(codes.sales!);
    const participation = (await page.evaluate(
      (id) => fetch(`/api/waves/${id}/participation`).then((r) => r.json()),
      waveId,
    )) as { teamKey: string; responses: number }[];
    expect(
      Object.fromEntries(
        participation.map((p: { teamKey: string; responses: number }) => [p.teamKey, p.responses]),
      ),
    ).toEqual({
      ops: 4,
      eng: 3,
      sales: 1,
    });

    // While the wave is open, the consultant's report is a preview: counts, no figures.
    const consoleUrl = page.url();
    await page.goto(`${server.url}/reports/${waveId}`);
    await page.getByText('preview of an open wave').waitFor();
    const organizationRow = page.getByRole('row', { name: /Whole organization/ });
    expect(await organizationRow.getByRole('cell').first().textContent()).toBe('8');
    expect(await page.locator('canvas').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'report-preview-desktop');
    await page.goto(consoleUrl);
  });

  it('closes the wave, and a leader sees the heat map with the small team suppressed and downloads the CSV', async () => {
    await page.reload();
    // Closing asks first, saying what it does.
    await page.getByRole('button', { name: 'Close wave' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Close the wave' }).click();
    await page.getByRole('link', { name: 'Report' }).waitFor();

    await page.goto(`${server.url}/console/${orgId}?tab=people`);
    await page.getByLabel('Email', { exact: true }).fill('leader@example.org');
    await page.getByRole('button', { name: 'Invite' }).click();
    const inviteUrl = (await page.locator('.success code').textContent())!;

    const leaderContext = await browser.newContext({
      viewport: desktop,
      bypassCSP: true,
      acceptDownloads: true,
    });
    const leader = await leaderContext.newPage();
    await leader.goto(inviteUrl);
    await leader.getByLabel('Password').fill('the leader chose this phrase');
    await leader.getByRole('button', { name: 'Set password and sign in' }).click();
    await leader.waitForURL('**/console');
    await leader.getByRole('link', { name: 'Contoso Freight' }).click();
    await leader.getByText('Winter pulse', { exact: true }).click();
    await leader.getByRole('link', { name: 'Report' }).click();
    await leader.getByRole('heading', { name: 'Heat map: teams × dimensions' }).waitFor();
    await leader.waitForTimeout(500);
    await screenshot(leader, 'report-desktop');
    expect(await axeViolations(leader)).toEqual([]);

    await leader.getByText('The same data as a table').click();
    const salesRow = leader.locator('table.data tr', { hasText: 'Sales' });
    await expect(salesRow.textContent()).resolves.toContain('hidden for anonymity');
    // Engineering has enough answers; it is hidden so that Sales cannot be worked out. Both read
    // alike: which is below k and which protects it would say on which side of k each n lies.
    const engineeringRow = leader.locator('table.data tr', { hasText: 'Engineering' });
    await expect(engineeringRow.textContent()).resolves.toContain('hidden for anonymity');
    for (const row of [salesRow, engineeringRow])
      await expect(row.textContent()).resolves.not.toMatch(/fewer than|smaller group/);

    // A team's item detail reads as the questions were asked, reverse-worded ones marked.
    await leader.getByRole('button', { name: 'Whole organization', exact: true }).click();
    const reopened = leader.getByRole('rowheader', {
      name: /Decisions we have already made get reopened without any new information/,
    });
    await reopened.waitFor();
    await expect(reopened.textContent()).resolves.toContain('worded negatively');
    expect(await axeViolations(leader)).toEqual([]);
    await screenshot(leader, 'report-detail-desktop');

    const download = leader.waitForEvent('download');
    await leader.getByRole('link', { name: 'Download CSV' }).click();
    const csv = await readFile((await (await download).path())!, 'utf8');
    expect(csv).toContain('team_key,team_name');
    expect(csv).toMatch(/sales,Sales,,0,decision-stability,true,group/);

    // The print layout, at A4 width, as the board will see it.
    await leader.emulateMedia({ media: 'print' });
    await leader.setViewportSize({ width: 794, height: 1123 });
    await leader.waitForTimeout(300);
    await screenshot(leader, 'report-print-a4');
    const pdf = await leader.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await leader.emulateMedia({ media: 'screen' });
    await leader.setViewportSize(phone);
    await screenshot(leader, 'report-phone');
    await page.setViewportSize(phone);
    await screenshot(page, 'console-phone');
    await leaderContext.close();
  });
  it("commits to an action in wave 1, measures it in wave 2, and opens the employees' results page on a phone", async () => {
    // The consultant commits from a heat-map cell, by keyboard: down to Operations, Enter.
    await page.setViewportSize(desktop);
    await page.goto(`${server.url}/reports/${waveId}`);
    const heatmap = page.getByRole('img', { name: 'Heat map: teams × dimensions' });
    await heatmap.waitFor();
    await heatmap.focus();
    await heatmap.press('ArrowDown');
    // A screen reader hears the cell the keyboard is on: its team, its dimension and its figures.
    const place = page.locator('.heatmap-place');
    expect(await place.getAttribute('aria-live')).toBe('polite');
    expect(await place.textContent()).toMatch(/^Operations · .+\. .*\d/);
    await heatmap.press('Enter');
    await page.getByRole('heading', { name: 'Questions for Operations' }).waitFor();
    // The organization's first wave: nothing to compare with, so no column of changes, always empty.
    expect(await page.locator('.detail thead th').allTextContents()).toEqual([
      'Question',
      'Score',
      'Favourable',
    ]);
    await page.getByRole('button', { name: /^Commit to an action · / }).click();
    const form = page.getByRole('form', { name: 'Commit to an action' });
    await form.waitFor();
    // Prefilled: the team and dimension in the title, the dimension's recommendations as steps.
    const title = await form.getByLabel('What will be done').inputValue();
    expect(title).toMatch(/^Improve .+ in Operations$/);
    expect((await form.getByLabel('Concrete steps, one per line').inputValue()).trim()).not.toBe('');
    await form.getByLabel('Owner (a name or a role)').fill('Head of Operations');
    expect(await axeViolations(page)).toEqual([]);
    await screenshotOf(form, 'action-form-desktop');
    await form.getByRole('button', { name: 'Save the action' }).click();
    const saved = (await form.getByRole('status').textContent())!;
    expect(saved).toMatch(/^Action saved\. Its starting point is [\d.]+ \(n = 4\)\.$/);
    // Saved once: the form can only be closed now, so a second press cannot make a copy.
    expect(await form.getByRole('button', { name: 'Save the action' }).count()).toBe(0);
    expect(await form.getByLabel('Owner (a name or a role)').isDisabled()).toBe(true);
    await form.getByRole('button', { name: 'Close' }).click();
    await form.waitFor({ state: 'detached' });

    // The organization's Actions page lists it, planned, with its starting point and no outcome yet.
    await page.goto(`${server.url}/console/${orgId}`);
    await page.getByRole('link', { name: 'Actions' }).click();
    await page.waitForURL('**/actions');
    const planned = page.locator('section', { has: page.getByRole('heading', { name: 'Planned (1)' }) });
    await planned.getByText(title).waitFor();
    await expect(planned.textContent()).resolves.toContain('Not measured yet');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'actions-desktop');
    await page.setViewportSize(phone);
    await screenshot(page, 'actions-phone');
    await page.setViewportSize(desktop);
    // Handed over: a new owner, saved from the action's own form, which then shows it.
    await planned.getByText('Change the title, owner or due date').click();
    await planned.getByLabel('Owner (a name or a role)').fill('Operations lead');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'actions-edit-desktop');
    await planned.getByRole('button', { name: 'Save', exact: true }).click();
    await planned
      .getByText(/Operations lead/)
      .first()
      .waitFor();
    await planned.getByLabel('Owner (a name or a role)').waitFor({ state: 'hidden' });

    // Meanwhile another leader adds a check-in. This page, still reading the action as it was, is
    // told so when it saves, shows the action as it now is, and has saved nothing of its own.
    await page.evaluate(async (orgId) => {
      const listed = await fetch(`/api/organizations/${orgId}/actions`);
      const list = (await listed.json()) as { id: string; revision: number }[];
      const action = list[0]!;
      const response = await fetch(`/api/actions/${action.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ note: 'Agreed with the team', revision: action.revision }),
      });
      if (!response.ok) throw new Error(`PATCH: ${response.status}`);
    }, orgId);
    await planned.getByLabel('Check-in note').fill('Kick-off held');
    await planned.getByRole('button', { name: 'Save', exact: true }).click();
    await planned.getByText(/^Someone changed this action after you opened it\./).waitFor();
    await planned.getByText(/Agreed with the team/).waitFor();
    expect(await planned.textContent()).not.toContain('Kick-off held');

    // Wave 2 of the same organization, answered through the API: three people per team give the
    // most favourable answer to every item (1 on negatively worded ones), so every published score
    // is 100, above wave 1, and the verdict on the action is "improved".
    const secondWave = await page.evaluate(
      async ({ orgId, firstWave }) => {
        const json = async <T>(url: string, method = 'GET', body?: unknown): Promise<T> => {
          const response = await fetch(url, {
            method,
            headers: body === undefined ? {} : { 'content-type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
          return (await response.json()) as T;
        };
        const { questionnaire } = (
          await json<{ wave: { questionnaire: { key: string; version: string } } }>(
            `/api/waves/${firstWave}/report`,
          )
        ).wave;
        const { items } = await json<{ items: { id: string; reverse: boolean }[] }>(
          `/api/questionnaires/${questionnaire.key}/versions/${questionnaire.version}`,
        );
        const best = Object.fromEntries(items.map((item) => [item.id, item.reverse ? 1 : 5]));
        const wave = await json<{ id: string }>(`/api/organizations/${orgId}/waves`, 'POST', {
          title: 'Spring pulse',
          questionnaire,
        });
        await json(`/api/waves/${wave.id}/open`, 'POST');
        const { links } = await json<{ links: { code: string }[] }>(`/api/waves/${wave.id}`);
        for (const link of links) {
          for (let i = 0; i < 3; i++) {
            await json(`/api/participate/${link.code}/responses`, 'POST', {
              submissionId: crypto.randomUUID(),
              answers: best,
              comment: 'A comment only leaders may read.',
            });
          }
        }
        await json(`/api/waves/${wave.id}/close`, 'POST');
        return wave.id;
      },
      { orgId, firstWave: waveId },
    );

    // The report of wave 2 says what came of the action, in words.
    await page.goto(`${server.url}/reports/${secondWave}`);
    const outcomes = page.locator('section.report-outcomes');
    await outcomes.getByRole('heading', { name: 'Actions from earlier waves' }).waitFor();
    const outcome = outcomes.locator('li', { hasText: title });
    await expect(outcome.textContent()).resolves.toMatch(
      /Improved: \d+\.\d → 100\.0 \(\+[\d.]+\)\. The rise is larger than chance would explain\./,
    );
    // The heat map's change view speaks of the previous wave, not of the organization.
    await page.getByText('Change since the previous wave').click();
    const legend = page.locator('.legend');
    await expect(legend.textContent()).resolves.toContain('higher than the previous wave');
    await expect(legend.textContent()).resolves.not.toContain('the organization');
    expect(await axeViolations(page)).toEqual([]);
    await screenshotOf(outcomes, 'report-outcome-desktop');

    // Shared back with employees: one link per team, opened on a phone.
    await page.getByRole('button', { name: 'Create the links' }).click();
    const operationsLink = page.locator('section.share tr', { hasText: 'Operations' }).getByRole('link');
    const sharedUrl = new URL((await operationsLink.getAttribute('href'))!);
    expect(sharedUrl.pathname).toMatch(/^\/r\/[\w-]{22,}$/);
    await page.setViewportSize(phone);
    await screenshotOf(outcomes, 'report-outcome-phone');
    await page.setViewportSize(desktop);

    const employeeContext = await browser.newContext({
      viewport: phone,
      bypassCSP: true,
      locale: 'en-US',
      hasTouch: true,
      isMobile: true,
    });
    const employee = await employeeContext.newPage();
    await employee.goto(`${server.url}${sharedUrl.pathname}`);
    await employee.getByRole('heading', { name: 'Results: Spring pulse' }).waitFor();
    await employee.getByRole('heading', { name: 'Your team: Operations' }).waitFor();
    await employee.getByText(title).waitFor();
    const body = (await employee.locator('body').textContent())!;
    expect(body).not.toContain('A comment only leaders may read.');
    expect(await axeViolations(employee)).toEqual([]);
    // Phone-first: nothing wider than the screen.
    expect(
      await employee.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
            .documentElement.scrollWidth,
      ),
    ).toBeLessThanOrEqual(phone.width);
    await screenshot(employee, 'results-phone');
    await employeeContext.close();
  });
});

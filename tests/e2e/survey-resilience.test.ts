import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, failFirst, launch, phone, signInToConsole } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';
import { answerAll, pageApi } from './survey-steps.ts';

const ADMIN = { email: 'consultant@example.org', password: 'a long consultant passphrase' };
const TEAMS = ['key,name,parent_key,headcount', 'ops,Operations,,40', 'eng,Engineering,,30'].join('\n');

/**
 * What an employee on a phone meets between opening a survey and its thank-you page: a consultant
 * changing the team's settings meanwhile, a change of language while the answers are on their way,
 * a connection that is not there yet, a proxy's error page, a wave that closed. Each answer is the
 * server's own; only the network's failures are made up.
 */
describe('an employee answering through what can go wrong', () => {
  let server: RunningServer;
  let browser: Browser;
  let consultant: Page;
  let orgId = '';
  let api: ReturnType<typeof pageApi>;

  beforeAll(async () => {
    server = await startServer({ DEMO: 'false', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    browser = await launch();
    consultant = await (await browser.newContext({ viewport: desktop, locale: 'en-US' })).newPage();
    await signInToConsole(consultant, server.url, ADMIN);
    api = pageApi(consultant);
    orgId = (await api('POST', '/api/organizations', { name: 'Fabrikam', anonymityThreshold: 3 })).body.id;
    expect((await api('PUT', `/api/organizations/${orgId}/teams`, TEAMS, 'text/csv')).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A fresh open wave, and its link per team. */
  async function openWave(): Promise<{ waveId: string; codes: Record<string, string> }> {
    const wave = await api('POST', `/api/organizations/${orgId}/waves`, {
      title: 'Spring pulse',
      questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
    });
    expect((await api('POST', `/api/waves/${wave.body.id}/open`)).status).toBe(200);
    const links = (await api('GET', `/api/waves/${wave.body.id}`)).body.links as {
      teamKey: string;
      code: string;
    }[];
    return { waveId: wave.body.id, codes: Object.fromEntries(links.map((l) => [l.teamKey, l.code])) };
  }

  const responses = async (waveId: string) =>
    (await api('GET', `/api/waves/${waveId}/participation`)).body.reduce(
      (sum: number, team: { responses: number }) => sum + team.responses,
      0,
    );

  async function employee(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: phone,
      locale: 'en-US',
      hasTouch: true,
      isMobile: true,
    });
    return { context, page: await context.newPage() };
  }

  it('asks for a personal code switched on while the survey was open, and sends it with the answers', async () => {
    const { waveId, codes } = await openWave();
    const { context, page } = await employee();
    await page.goto(`${server.url}/s/${codes.ops}`);
    await page.getByText('Your answers are anonymous').waitFor();
    await answerAll(page);
    // Meanwhile the consultant turns personal codes on for the team and hands them out.
    expect((await api('PUT', `/api/waves/${waveId}/teams/ops`, { personalCodes: true })).status).toBe(200);
    const issued = await api('POST', `/api/waves/${waveId}/invitations`, { teamKey: 'ops', count: 1 });
    const personal = issued.body.codes[0] as string;

    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await page.getByLabel('Your personal code').fill(personal);
    await page.getByRole('button', { name: 'Continue' }).click();
    // Back at the step they were on, answers kept; this time the code goes with them.
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 20_000 });
    expect(await responses(waveId)).toBe(1);
    await context.close();
  });

  it('keeps sending through a change of language while the server is busy, and thanks in the new one', async () => {
    const { waveId, codes } = await openWave();
    const { context, page } = await employee();
    const sent = await failFirst(page, '**/responses', (route) =>
      route.fulfill({ status: 503, headers: { 'retry-after': '1' }, body: '' }),
    );
    await page.goto(`${server.url}/s/${codes.ops}`);
    await answerAll(page);
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await page.getByText('Many people are answering right now').waitFor();
    await page.getByRole('combobox').selectOption('de');
    await page.getByRole('heading', { name: 'Vielen Dank' }).waitFor({ timeout: 20_000 });
    expect(sent.calls()).toBe(2);
    expect(await responses(waveId)).toBe(1);
    await context.close();
  });

  it('starts each step at its top on a phone, after Next at the foot of the one before', async () => {
    const wave = await api('POST', `/api/organizations/${orgId}/waves`, {
      title: 'Diagnostic',
      questionnaire: { key: 'trust-os-diagnostic', version: '1.0.0' },
    });
    expect((await api('POST', `/api/waves/${wave.body.id}/open`)).status).toBe(200);
    const links = (await api('GET', `/api/waves/${wave.body.id}`)).body.links as { code: string }[];
    const { context, page } = await employee();
    await page.goto(`${server.url}/s/${links[0]!.code}`);
    await page.getByRole('button', { name: 'Start' }).click();
    for (let step = 0; step < 3; step++) {
      const questions = page.locator('fieldset.question');
      for (let i = 0; i < (await questions.count()); i++)
        await questions.nth(i).locator('label.scale-option').nth(2).click();
      const next = page.getByRole('button', { name: 'Next' });
      await next.scrollIntoViewIfNeeded();
      await next.click();
      // The new step's first question and the progress above it are on screen, not its last one.
      const first = await page.locator('fieldset.question').first().boundingBox();
      const progress = await page.getByRole('progressbar').boundingBox();
      expect(first!.y).toBeGreaterThanOrEqual(0);
      expect(first!.y).toBeLessThan(phone.height);
      expect(progress!.y).toBeGreaterThanOrEqual(0);
    }
    await context.close();
  });

  it('opens the survey by itself once a connection that was not there at first comes back', async () => {
    const { codes } = await openWave();
    const { context, page } = await employee();
    await failFirst(page, `**/api/participate/${codes.eng}?*`, (route) =>
      route.abort('internetdisconnected'),
    );
    await page.goto(`${server.url}/s/${codes.eng}`);
    await page.getByText('No connection.').first().waitFor();
    await page.getByText('Your answers are anonymous').waitFor({ timeout: 20_000 });
    await context.close();
  });

  it("waits and sends again after a proxy's error page, with no answer lost", async () => {
    const { waveId, codes } = await openWave();
    const { context, page } = await employee();
    const sent = await failFirst(page, '**/responses', (route) =>
      route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad Gateway</h1>' }),
    );
    await page.goto(`${server.url}/s/${codes.eng}`);
    await answerAll(page);
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 20_000 });
    expect(sent.calls()).toBe(2);
    expect(await responses(waveId)).toBe(1);
    await context.close();
  });

  it.each([
    [
      'a Wi-Fi sign-in page answers in its place',
      (route: Route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Accept the terms</h1>' }),
    ],
    [
      'it is redirected to a sign-in page',
      (route: Route) => route.fulfill({ status: 302, headers: { location: '/portal' } }),
    ],
    [
      "a proxy's timeout page answers",
      (route: Route) =>
        route.fulfill({ status: 408, contentType: 'text/html', body: '<h1>Request Timeout</h1>' }),
    ],
  ])('thanks only once the server itself took the answers, when %s', async (_, portal) => {
    const { waveId, codes } = await openWave();
    const { context, page } = await employee();
    const sent = await failFirst(page, '**/responses', portal);
    await page.goto(`${server.url}/s/${codes.eng}`);
    await answerAll(page);
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await page.getByText('No connection.').first().waitFor();
    expect(await page.getByRole('heading', { name: 'Thank you' }).count()).toBe(0);
    await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 20_000 });
    expect(sent.calls()).toBe(2);
    expect(await responses(waveId)).toBe(1);
    await context.close();
  });

  it('keeps the answers of a send whose reply was lost as they were sent, until the server confirms them', async () => {
    const { waveId, codes } = await openWave();
    const { context, page } = await employee();
    let release = () => {};
    const retried = new Promise<void>((resolve) => {
      release = resolve;
    });
    let sends = 0;
    await page.route('**/responses', async (route) => {
      if (sends++ === 0) {
        await route.fetch();
        await route.abort('connectionreset');
        return;
      }
      await retried;
      await route.continue();
    });
    await page.goto(`${server.url}/s/${codes.eng}`);
    await answerAll(page);
    await page.getByRole('textbox').fill('First thoughts.');
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await page.getByText('No connection.').first().waitFor();
    // Stored already: a change now would be dropped by the server while the page said "recorded".
    await page.getByText('can no longer be changed').waitFor();
    expect(await page.getByRole('button', { name: 'Back' }).isDisabled()).toBe(true);
    expect(await page.getByRole('textbox').isEditable()).toBe(false);
    release();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 20_000 });
    expect(await responses(waveId)).toBe(1);
    await context.close();
  });

  it("starts afresh for another person's invitation on the same device, never with the first one's answers", async () => {
    const { waveId, codes } = await openWave();
    expect((await api('PUT', `/api/waves/${waveId}/teams/ops`, { personalCodes: true })).status).toBe(200);
    const issued = await api('POST', `/api/waves/${waveId}/invitations`, { teamKey: 'ops', count: 3 });
    const [first, second, third] = issued.body.codes as string[];
    const { context, page } = await employee();
    const chosen = () => page.locator('input[type=radio]:checked').count();

    // The first person answers part of the survey, then hands over the tablet.
    await page.goto(`${server.url}/s/${codes.ops}?code=${first}`);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.locator('fieldset.question').first().locator('label.scale-option').first().click();
    expect(await chosen()).toBe(1);
    await page.goto(`${server.url}/s/${codes.ops}?code=${second}`);
    // From the beginning, with nothing of the first person's chosen.
    await page.getByText('Your answers are anonymous').waitFor();
    await page.getByRole('button', { name: 'Start' }).click();
    expect(await chosen()).toBe(0);
    await page.getByRole('button', { name: 'Back' }).click();
    await answerAll(page);
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 20_000 });

    // The second person opens their own invitation again: told they answered, nothing more.
    await page.goto(`${server.url}/s/${codes.ops}?code=${second}`);
    await page.getByText('You have already answered this survey on this device').waitFor();
    expect(await page.getByRole('button', { name: 'Answer with this invitation' }).count()).toBe(0);

    // A third person opens their invitation on the device where the survey was answered.
    await page.goto(`${server.url}/s/${codes.ops}?code=${third}`);
    await page.getByText('You have already answered this survey on this device').waitFor();
    await page.getByRole('button', { name: 'Answer with this invitation' }).click();
    await page.getByText('Your answers are anonymous').waitFor();
    expect(await chosen()).toBe(0);
    await answerAll(page);
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 20_000 });
    expect(await responses(waveId)).toBe(2);
    await context.close();
  });

  it('keeps the questions on screen when a change of language cannot be fetched, and fetches it again', async () => {
    const { codes } = await openWave();
    const { context, page } = await employee();
    await page.goto(`${server.url}/s/${codes.eng}`);
    await page.getByRole('button', { name: 'Start' }).click();
    const heading = await page.getByRole('heading', { level: 1 }).textContent();
    const dropped = await failFirst(page, `**/api/participate/${codes.eng}?*`, (route) =>
      route.abort('internetdisconnected'),
    );
    await page.getByRole('combobox').selectOption('de');
    await page.getByText('Keine Verbindung').first().waitFor();
    expect(await page.locator('fieldset.question').count()).toBeGreaterThan(0);
    // Fetched again by itself, in the language chosen.
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 })
      .not.toBe(heading);
    expect(dropped.calls()).toBe(2);
    await expect.poll(() => page.getByText('Keine Verbindung').count(), { timeout: 20_000 }).toBe(0);
    await context.close();
  });

  it('forgets the answers kept on the phone once the wave has closed', async () => {
    const { waveId, codes } = await openWave();
    const { context, page } = await employee();
    await page.goto(`${server.url}/s/${codes.ops}`);
    await answerAll(page);
    await page.getByRole('textbox').fill('Nobody should read this on a shared tablet.');
    const kept = () => page.evaluate(() => Object.values(localStorage).join(''));
    expect(await kept()).toContain('shared tablet');
    expect((await api('POST', `/api/waves/${waveId}/close`)).status).toBe(200);

    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await page.getByText('This survey has closed').first().waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await kept()).toBe('');
    // The next person on the same device starts afresh and is told the same. The server keeps an
    // open link in memory for up to two seconds, so they come once it says the link has closed.
    await expect
      .poll(async () => (await page.request.get(`${server.url}/api/participate/${codes.ops}`)).status(), {
        timeout: 20_000,
      })
      .toBe(410);
    await page.reload();
    await page.getByText('This survey has closed').first().waitFor();
    expect(await kept()).toBe('');
    await context.close();
  });

  it.each([
    ['the connection drops', (route: Route) => route.abort('connectionreset')],
    [
      'a proxy answers with its error page',
      (route: Route) =>
        route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad Gateway</h1>' }),
    ],
  ])(
    'says the answers may have been counted when %s on the way back and the survey closes meanwhile',
    async (_, lose) => {
      const { waveId, codes } = await openWave();
      const { context, page } = await employee();
      let closed = false;
      // The first send reaches the server and is stored; its reply never reaches the phone. The wave
      // closes before the phone tries again.
      await failFirst(page, '**/responses', async (route) => {
        await route.fetch();
        expect(await responses(waveId)).toBe(1);
        expect((await api('POST', `/api/waves/${waveId}/close`)).status).toBe(200);
        closed = true;
        await lose(route);
      });
      await page.goto(`${server.url}/s/${codes.ops}`);
      await answerAll(page);
      await page.getByRole('button', { name: 'Submit my answers' }).click();
      await expect.poll(() => closed).toBe(true);
      // The server forgot the submission id at the close (A4): it can only say "closed", and the
      // page says what that means for someone whose send went out.
      await page.getByText('closed before your answers could be confirmed').waitFor({ timeout: 20_000 });
      expect(await page.getByText('no longer takes answers').count()).toBe(0);
      expect(await page.getByRole('textbox').count()).toBe(0);
      expect(await page.evaluate(() => Object.values(localStorage).join(''))).toBe('');
      await context.close();
    },
  );

  it('says the same when the page comes back after the close to answers whose reply was lost', async () => {
    const { waveId, codes } = await openWave();
    const { context, page } = await employee();
    // Stored, reply lost; and no later try gets through while the phone is still on the page.
    let sends = 0;
    await page.route('**/responses', async (route) => {
      if (sends++ === 0) await route.fetch();
      await route.abort('connectionreset');
    });
    await page.goto(`${server.url}/s/${codes.eng}`);
    await answerAll(page);
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await page.getByText('No connection.').first().waitFor();
    await page.close();
    expect(await responses(waveId)).toBe(1);
    expect((await api('POST', `/api/waves/${waveId}/close`)).status).toBe(200);

    // Days later, the person opens the link again on the same phone.
    const later = await context.newPage();
    await expect
      .poll(async () => (await later.request.get(`${server.url}/api/participate/${codes.eng}`)).status(), {
        timeout: 20_000,
      })
      .toBe(410);
    await later.goto(`${server.url}/s/${codes.eng}`);
    await later.getByText('closed before your answers could be confirmed').waitFor();
    expect(await later.evaluate(() => Object.values(localStorage).join(''))).toBe('');
    await context.close();
  });

  it('works served over plain HTTP under an office host name, as a first try on a laptop is', async () => {
    const { waveId, codes } = await openWave();
    // Not localhost: the browser treats the page as insecure, as it would at http://192.168.1.20.
    const lan = await launch(['--host-resolver-rules=MAP survey.office.test 127.0.0.1']);
    try {
      const context = await lan.newContext({
        viewport: phone,
        locale: 'en-US',
        hasTouch: true,
        isMobile: true,
      });
      const page = await context.newPage();
      const failures: string[] = [];
      page.on('requestfailed', (request) =>
        failures.push(`${request.url()} ${request.failure()?.errorText}`),
      );
      page.on('pageerror', (error) => failures.push(String(error)));
      const port = new URL(server.url).port;
      await page.goto(`http://survey.office.test:${port}/s/${codes.eng}`);
      expect(
        await page.evaluate(() => (globalThis as unknown as { isSecureContext: boolean }).isSecureContext),
      ).toBe(false);
      await page.getByText('Your answers are anonymous').waitFor();
      await answerAll(page);
      await page.getByRole('button', { name: 'Submit my answers' }).click();
      await page.getByRole('heading', { name: 'Thank you' }).waitFor();
      expect(failures).toEqual([]);
      expect(await responses(waveId)).toBe(1);

      // The consultant's console too: signed in, and a link they copy is selected for them, since
      // the browser keeps the clipboard from an insecure page.
      const desk = await (await lan.newContext({ viewport: desktop, locale: 'en-US' })).newPage();
      await signInToConsole(desk, `http://survey.office.test:${port}/`, ADMIN);
      await desk.goto(`http://survey.office.test:${port}/console/${orgId}/waves/${waveId}`);
      const row = desk.getByRole('row', { name: /Engineering/ });
      await row.getByRole('button', { name: 'Copy' }).click();
      await row.getByRole('button', { name: 'Selected: copy with Ctrl+C (⌘C on a Mac)' }).waitFor();
      const selected = await desk.evaluate(() =>
        String((globalThis as unknown as { getSelection(): unknown }).getSelection()),
      );
      expect(selected).toBe(`http://survey.office.test:${port}/s/${codes.eng}`);
    } finally {
      await lan.close();
    }
  });
});

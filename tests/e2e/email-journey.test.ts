import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToLocalInput } from '../../client/src/pages/console/schedule.ts';
import { type MailCatcher, mailCatcher } from '../support/mail-catcher.ts';
import { axeViolations, desktop, launch, phone, screenshot, signInToConsole } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';
import { answerAll, linkIn, mailFor, pageApi } from './survey-steps.ts';

const ADMIN = { email: 'consultant@example.org', password: 'a long consultant passphrase' };
const TEAMS = [
  'key,name,parent_key,headcount',
  'ops,Operations,,4',
  'field,Field service,ops,3',
  'sales,Sales,,2',
].join('\n');
const RECIPIENTS = [
  'email,team_key',
  'ana@example.org,ops',
  'bo@example.org,ops',
  'chen@example.org,field',
  'dee@example.org,sales',
  'eli@example.org,sales',
].join('\n');

describe('invitations by email, answered on a phone', () => {
  let server: RunningServer;
  let smtp: MailCatcher;
  let browser: Browser;
  let page: Page;
  let waveId = '';

  beforeAll(async () => {
    smtp = await mailCatcher();
    await smtp.start();
    server = await startServer((url) => ({
      DEMO: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      PUBLIC_URL: url,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Trust OS <pulse@example.org>',
      // The schedule looks every second, so a wave opening by itself shows without a long wait.
      WAVE_DEADLINE_CHECK_SECONDS: '1',
    }));
    browser = await launch();
    page = await (await browser.newContext({ viewport: desktop, bypassCSP: true })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  const api = (...args: Parameters<ReturnType<typeof pageApi>>) => pageApi(page)(...args);

  it('lets a consultant upload recipients, open the wave and see invitations go out', async () => {
    await signInToConsole(page, server.url, ADMIN);
    const org = await api('POST', '/api/organizations', { name: 'Fabrikam Care', anonymityThreshold: 3 });
    expect(org.status).toBe(201);
    expect((await api('PUT', `/api/organizations/${org.body.id}/teams`, TEAMS, 'text/csv')).status).toBe(200);
    const wave = await api('POST', `/api/organizations/${org.body.id}/waves`, {
      title: 'Spring pulse',
      questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
      reminderDays: [3],
    });
    expect(wave.status).toBe(201);
    waveId = wave.body.id;
    expect((await api('PUT', `/api/waves/${waveId}/teams/sales`, { personalCodes: true })).status).toBe(200);
    const uploaded = await api('PUT', `/api/waves/${waveId}/recipients`, RECIPIENTS, 'text/csv');
    expect(uploaded.status).toBe(200);
    expect((await api('POST', `/api/waves/${waveId}/open`)).status).toBe(200);

    for (const address of ['ana@example.org', 'chen@example.org', 'dee@example.org', 'eli@example.org'])
      await mailFor(smtp, address);
    const delivery = await api('GET', `/api/waves/${waveId}/delivery`);
    expect(delivery.body).toMatchObject({ emailConfigured: true, recipients: 5 });
  });

  it('opens the survey from the received email on a phone and answers it', async () => {
    const context = await browser.newContext({
      viewport: phone,
      bypassCSP: true,
      locale: 'en-US',
      hasTouch: true,
      isMobile: true,
    });
    const employee = await context.newPage();
    // A personal-code invitation: the code comes in the link, and the page takes it silently.
    const [dee] = await mailFor(smtp, 'dee@example.org');
    const link = linkIn(dee!, server.url);
    expect(link).toMatch(/\?code=([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
    await employee.goto(link);
    await employee.getByText('Your answers are anonymous').waitFor();
    // The code leaves the address bar once read, so it does not linger on a shared screen.
    expect(new URL(employee.url()).search).toBe('');
    await screenshot(employee, 'email-survey-phone-intro');
    expect(await axeViolations(employee)).toEqual([]);
    await answerAll(employee);
    await employee.getByRole('button', { name: 'Submit my answers' }).click();
    await employee.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 20_000 });
    await context.close();

    // The same link again, on another phone. Whether a code was used is said only when answers
    // are sent with it, so holding someone's email tells nothing quietly.
    const again = await browser.newContext({
      viewport: phone,
      bypassCSP: true,
      locale: 'es-ES',
      isMobile: true,
    });
    const second = await again.newPage();
    await second.goto(link);
    await second.getByText('Tus respuestas son anónimas').first().waitFor();
    await answerAll(second, { start: 'Empezar', next: 'Siguiente' });
    await second.getByRole('button', { name: 'Enviar mis respuestas' }).click();
    await second.getByText(/ya se ha usado/i).waitFor();
    await screenshot(second, 'email-survey-phone-code-used-es');
    await again.close();
  });

  it('asks for the code on the first screen when the link has none', async () => {
    const context = await browser.newContext({
      viewport: phone,
      bypassCSP: true,
      locale: 'en-US',
      isMobile: true,
    });
    const employee = await context.newPage();
    const [eli] = await mailFor(smtp, 'eli@example.org');
    const link = new URL(linkIn(eli!, server.url));
    const code = link.searchParams.get('code')!;
    link.search = '';
    await employee.goto(link.toString());
    const field = employee.getByLabel(/personal code/i);
    await field.waitFor();
    await screenshot(employee, 'email-survey-phone-code');
    await field.fill('WRONG-CODE');
    await employee.getByRole('button', { name: /continue/i }).click();
    await employee.getByText(/not a valid|isn.t valid|not valid/i).waitFor();
    await field.fill(code.toLowerCase().replaceAll('-', ' '));
    await employee.getByRole('button', { name: /continue/i }).click();
    await employee.getByText('Your answers are anonymous').waitFor();
    await context.close();
  });

  it('shows the consultant delivery and participation in the console, and reminds everyone from it', async () => {
    const org = (await api('GET', '/api/organizations')).body.find(
      (o: { name: string }) => o.name === 'Fabrikam Care',
    );
    await page.goto(`${server.url}/console/${org.id}`);
    await page.getByRole('link', { name: /Spring pulse/ }).click();
    await page.waitForURL(`**/console/${org.id}/waves/${waveId}`);
    const note = page.getByText(
      'Reminders go to every recipient, because nobody, not even this system, knows who has answered.',
    );
    await note.waitFor();
    await page.getByText('Answers / headcount').first().waitFor();
    // One answer came in through the personal-code link of Sales (headcount 2): 1 of 2 is 50 %, below target.
    await page.getByText('below target').first().waitFor();
    await screenshot(page, 'email-console-desktop');
    expect(await axeViolations(page)).toEqual([]);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Send a reminder to everyone' }).click();
    await page.getByText('Reminder on its way to 5 recipients.').waitFor();
    const reminder = (await mailFor(smtp, 'ana@example.org', 2))[1]!;
    expect(reminder.text).toContain('there is nothing more to do');
    for (const address of ['bo@example.org', 'chen@example.org', 'dee@example.org', 'eli@example.org'])
      await mailFor(smtp, address, 2);
    await page.setViewportSize(phone);
    await screenshot(page, 'email-console-phone');
  });

  it('shows a wave opening by itself without a reload, and saves only the schedule changed', async () => {
    await page.setViewportSize(desktop);
    const org = (await api('GET', '/api/organizations')).body.find(
      (o: { name: string }) => o.name === 'Fabrikam Care',
    );
    const wave = await api('POST', `/api/organizations/${org.id}/waves`, {
      title: 'Summer pulse',
      questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
      reminderDays: [2, 5],
      opensAt: new Date(Date.now() + 30_000).toISOString(),
    });
    expect(wave.status).toBe(201);
    const recipients = ['email,team_key', 'fay@example.org,ops'].join('\n');
    expect((await api('PUT', `/api/waves/${wave.body.id}/recipients`, recipients, 'text/csv')).status).toBe(
      200,
    );
    await page.goto(`${server.url}/console/${org.id}/waves/${wave.body.id}`);
    // Loaded as a draft, well before its opening time (30 s ahead).
    await page.locator('.page-heading .badge', { hasText: 'Draft' }).waitFor();
    await page.getByText(/Opens by itself on/).waitFor();
    // Nobody reloads: the page looks again once the opening time has passed.
    await page.locator('.page-heading .badge', { hasText: 'Open' }).waitFor({ timeout: 60_000 });
    await page.getByText(/Next reminder on/).waitFor();
    await page.getByRole('button', { name: 'Close wave' }).waitFor();
    await mailFor(smtp, 'fay@example.org');

    // Only the emails' language changes: only it is sent, and the reminder days stay as they were.
    await page.getByRole('button', { name: 'Change schedule' }).click();
    await page.getByLabel('Email language').selectOption('es');
    const saved = page.waitForRequest(
      (request) => request.method() === 'PATCH' && request.url().endsWith(`/api/waves/${wave.body.id}`),
    );
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    expect((await saved).postDataJSON()).toEqual({ locale: 'es' });
    await page.getByText('Emails in Español').waitFor();
    await page.getByText(/Next reminder on/).waitFor();

    // The wave runs late: its deadline moves out by a month, and nothing else is sent.
    await page.getByRole('button', { name: 'Change schedule' }).click();
    const later = new Date(Date.now() + 30 * 86_400_000);
    later.setSeconds(0, 0);
    await page.getByLabel('Closes at (optional)').fill(isoToLocalInput(later.toISOString()));
    const moved = page.waitForRequest(
      (request) => request.method() === 'PATCH' && request.url().endsWith(`/api/waves/${wave.body.id}`),
    );
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    expect((await moved).postDataJSON()).toEqual({ closesAt: later.toISOString() });
    await page
      .getByText(`Closes on ${later.toLocaleString('en-US', { month: 'short' })}`, { exact: false })
      .waitFor();
  });
});

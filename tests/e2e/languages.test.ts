import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailCatcher, mailCatcher } from '../support/mail-catcher.ts';
import { axeViolations, desktop, launch, phone, screenshot, signInToConsole } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';
import { answerAll, linkIn, mailFor, pageApi } from './survey-steps.ts';

const ADMIN = { email: 'consultant@example.org', password: 'a long consultant passphrase' };
const TEAMS = ['key,name,parent_key,headcount', 'ops,Opérations,,4', 'lager,Lager,,4'].join('\n');
const RECIPIENTS = ['email,team_key', 'amelie@example.org,ops', 'jonas@example.org,lager'].join('\n');
/** French sets a narrow no-break space before a colon, a question mark and the like. */
const NNBSP = '\u202f';

describe('French and German, from the email to the thank-you page', () => {
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
    }));
    browser = await launch();
    page = await (
      await browser.newContext({ viewport: desktop, bypassCSP: true, locale: 'en-GB' })
    ).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  const api = (...args: Parameters<ReturnType<typeof pageApi>>) => pageApi(page)(...args);

  it('offers four languages in the console, and keeps German across a reload', async () => {
    await signInToConsole(page, server.url, ADMIN);

    const menu = page.getByRole('combobox', { name: 'Language' });
    const offered = await menu
      .locator('option')
      .evaluateAll((options) => options.map((o) => [o.getAttribute('value'), o.textContent]));
    expect(offered).toEqual([
      ['en', 'English'],
      ['es', 'Español'],
      ['fr', 'Français'],
      ['de', 'Deutsch'],
    ]);
    await menu.selectOption('de');
    await page.getByRole('button', { name: 'Abmelden' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await page.reload();
    await page.getByRole('button', { name: 'Abmelden' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('fr');
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  });

  it('emails the invitations in the wave’s language', async () => {
    const org = await api('POST', '/api/organizations', { name: 'Fabrikam', anonymityThreshold: 3 });
    expect(org.status).toBe(201);
    expect((await api('PUT', `/api/organizations/${org.body.id}/teams`, TEAMS, 'text/csv')).status).toBe(200);
    const wave = await api('POST', `/api/organizations/${org.body.id}/waves`, {
      title: 'Baromètre de printemps',
      questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
      locale: 'fr',
    });
    expect(wave.status).toBe(201);
    waveId = wave.body.id;
    expect((await api('PUT', `/api/waves/${waveId}/recipients`, RECIPIENTS, 'text/csv')).status).toBe(200);
    expect((await api('POST', `/api/waves/${waveId}/open`)).status).toBe(200);

    const [amelie] = await mailFor(smtp, 'amelie@example.org');
    expect(amelie!.subject).toBe(`Fabrikam souhaite connaître votre avis${NNBSP}: Baromètre de printemps`);
    expect(amelie!.text).toContain('Bonjour,');
    expect(amelie!.text).toContain('Vos réponses sont anonymes.');
    expect(amelie!.text).toContain('au moins 3 personnes');
    expect(amelie!.html).toContain('<html lang="fr">');
    expect(amelie!.language).toBe('fr');
    expect(amelie!.text).not.toMatch(/anonymous|Hello/);
  });

  it('lets an employee answer in French on a phone, the questions in French too', async () => {
    const context = await browser.newContext({
      viewport: phone,
      bypassCSP: true,
      locale: 'fr-FR',
      hasTouch: true,
      isMobile: true,
    });
    const employee = await context.newPage();
    const [amelie] = await mailFor(smtp, 'amelie@example.org');
    await employee.goto(linkIn(amelie!, server.url));
    await employee.getByText('Vos réponses sont anonymes').waitFor();
    expect(await employee.locator('html').getAttribute('lang')).toBe('fr');
    await employee.getByText('personne ne peut donc voir vos réponses', { exact: false }).waitFor();
    expect(await axeViolations(employee)).toEqual([]);
    await screenshot(employee, 'survey-phone-fr');

    await answerAll(employee, { start: 'Commencer', next: 'Suivant' }, async () => {
      // The questionnaire's own words are French as well: its scale, not only the buttons.
      await employee
        .getByText(/Tout à fait d.accord/)
        .first()
        .waitFor();
      expect(await axeViolations(employee)).toEqual([]);
    });
    await employee.getByRole('button', { name: 'Envoyer mes réponses' }).click();
    await employee.getByRole('heading', { name: 'Merci' }).waitFor({ timeout: 20_000 });
    await context.close();
  });

  it('greets a German browser in German, on the same survey', async () => {
    const context = await browser.newContext({ viewport: phone, bypassCSP: true, locale: 'de-DE' });
    const employee = await context.newPage();
    const [jonas] = await mailFor(smtp, 'jonas@example.org');
    await employee.goto(linkIn(jonas!, server.url));
    await employee.getByText('Ihre Antworten sind anonym').waitFor();
    expect(await employee.locator('html').getAttribute('lang')).toBe('de');
    await employee.getByRole('button', { name: 'Starten' }).waitFor();
    expect(await axeViolations(employee)).toEqual([]);
    await context.close();
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  desktop,
  failFirst,
  firstOrganization,
  launch,
  phone,
  screenshot,
  screenshotDir,
  signInToConsole,
} from './browser.ts';
import { type RunningServer, startServer } from './server.ts';

const ADMIN = { email: 'admin@example.org', password: 'a long administrator passphrase' };

/**
 * Pixels of the heat map's canvas that something was drawn on. Chart.js leaves the background
 * transparent, so a blank chart (or a chart bound to a canvas no longer in the page) has none.
 */
function paintedPixels(page: Page): Promise<{ painted: number; width: number; height: number }> {
  return page.locator('.heatmap canvas').evaluate((node) => {
    // The tests compile without the DOM's types; this is the little of a canvas used here.
    const canvas = node as unknown as {
      width: number;
      height: number;
      getContext(kind: '2d'): {
        getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
      };
    };
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
    return { painted, width: canvas.width, height: canvas.height };
  });
}

/** One page of a PDF as poppler's `pdftotext -bbox` reads it: its height and its words, in points. */
interface PdfPage {
  height: number;
  words: { text: string; yMin: number; yMax: number }[];
}

/** The words of each page of a PDF, with their boxes, read by poppler-utils. */
function pdfPages(file: string): PdfPage[] {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const decodeEntities = (text: string) =>
    text
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'");
  return [...html.matchAll(/<page width="[\d.]+" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((page) => ({
    height: Number(page[1]),
    words: [...page[2]!.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g)].map((word) => ({
      yMin: Number(word[1]),
      yMax: Number(word[2]),
      text: decodeEntities(word[3]!),
    })),
  }));
}

describe("the demo organization's report, read, switched and printed", () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let reportUrl = '';
  let orgId = '';
  let closedWaves: string[] = [];

  beforeAll(async () => {
    server = await startServer({ DEMO: 'true', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    browser = await launch();
    context = await browser.newContext({ viewport: desktop, bypassCSP: true, locale: 'en-US' });
    page = await context.newPage();
    await signInToConsole(page, server.url, ADMIN);
    const demo = await firstOrganization(page);
    orgId = demo.orgId;
    closedWaves = [...demo.waves.values()];
    reportUrl = `${server.url}/reports/${demo.waves.get('Trust diagnostic, spring')!}`;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a leader limited to a team below the top their whole part, in the heat map and its table', async () => {
    const leader = { email: 'apps.lead@example.org', password: 'the applications lead chose this' };
    const { inviteUrl } = await page.evaluate(
      async ({ orgId, email }) =>
        (
          await fetch(`/api/organizations/${orgId}/members`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email, role: 'leader', teamKey: 'eng-apps' }),
          })
        ).json() as Promise<{ inviteUrl: string }>,
      { orgId, email: leader.email },
    );
    const own = await browser.newContext({ viewport: desktop, bypassCSP: true, locale: 'en-US' });
    const reader = await own.newPage();
    await reader.goto(server.url);
    const token = new URL(inviteUrl).pathname.split('/').at(-1);
    const accepted = await reader.evaluate(
      async (body) =>
        (
          await fetch('/api/auth/accept-invite', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          })
        ).status,
      { token, password: leader.password },
    );
    expect(accepted).toBeLessThan(300);
    await reader.goto(reportUrl);
    await reader.getByText('The same data as a table').click();
    // Applications hangs under the organization's row, and its two teams under it, unfolded.
    const rows = reader.locator('.table-view tbody th[scope="row"]');
    await rows.nth(3).waitFor();
    const names = (await rows.allTextContents()).map((name) => name.replace(/^[▸▾]/, '').trim());
    expect(names).toEqual(['Whole organization', 'Applications', 'Mobile', 'Web']);
    await screenshot(reader, 'report-scoped-leader-desktop');
    // Folded, on paper the row says what it leaves out, since no fold marker prints.
    await reader
      .locator('.table-view')
      .getByRole('button', { name: 'Hide the teams of Applications' })
      .click();
    const folded = reader.getByText('(2 teams below, folded on screen)');
    expect(await folded.isVisible()).toBe(false);
    await reader.emulateMedia({ media: 'print' });
    expect(await folded.isVisible()).toBe(true);
    await reader.emulateMedia({ media: 'screen' });
    await own.close();
  });

  it('keeps the heat map painted through a change of language, of view and a reload of the data', async () => {
    await page.goto(reportUrl);
    await page.getByRole('heading', { name: 'Heat map: teams × dimensions' }).waitFor();
    const first = await paintedPixels(page);
    // Drawn at the size of its card, not Chart.js's 300 × 150 fallback for a detached canvas.
    expect(first.width).toBeGreaterThan(600);
    expect(first.painted).toBeGreaterThan((first.width * first.height) / 4);

    await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
    await page.getByRole('heading', { name: 'Mapa de calor: equipos × dimensiones' }).waitFor();
    const spanish = await paintedPixels(page);
    expect(spanish.width).toBe(first.width);
    expect(spanish.painted).toBeGreaterThan(first.painted * 0.8);

    await page.getByText('Favorabilidad').click();
    expect((await paintedPixels(page)).painted).toBeGreaterThan(first.painted * 0.8);

    // The choice is kept in this browser, without a cookie: a reload comes back in Spanish.
    await page.reload();
    await page.getByRole('heading', { name: 'Mapa de calor: equipos × dimensiones' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await page.context().cookies()).not.toContainEqual(expect.objectContaining({ value: 'es' }));
    // Every score on the page with the heat map's one decimal, written as Spanish writes it.
    const scores = await page.locator('.headline .big').allTextContents();
    expect(scores.length).toBeGreaterThan(1);
    for (const score of scores) expect(score).toMatch(/^(\d+,\d|—)$/);

    await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await page.getByRole('heading', { name: 'Heat map: teams × dimensions' }).waitFor();
    expect((await paintedPixels(page)).painted).toBeGreaterThan(first.painted * 0.8);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'report-after-language-switch-desktop');
  });

  it('prints which view the heat map shows, and its figures in the table the print shows', async () => {
    await page.goto(reportUrl);
    await page.getByRole('heading', { name: 'Heat map: teams × dimensions' }).waitFor();
    await page.getByText('Difference from organization').click();
    const caption = page.locator('.print-view');
    expect(await caption.isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    expect(await caption.textContent()).toBe('Difference from organization');
    expect(await caption.isVisible()).toBe(true);
    // Back to no emulation at all: 'screen' would stay, and make later PDFs print the screen.
    await page.emulateMedia({ media: null });
    // Each shown team's cells carry the difference they are coloured by: "52.3 (61%) · −4.2".
    const cells = await page.locator('.table-view tbody tr:nth-child(2) td').allTextContents();
    expect(cells.slice(1).some((text) => / · [+−-]?\d/.test(text))).toBe(true);
    await page.getByText('Score', { exact: true }).click();
    const plain = await page.locator('.table-view tbody tr:nth-child(2) td').allTextContents();
    expect(plain.some((text) => text.includes(' · '))).toBe(false);
  });

  it("says when a group's questions could not be fetched, and fetches them again when asked", async () => {
    await page.goto(reportUrl);
    await page.getByRole('heading', { name: 'Heat map: teams × dimensions' }).waitFor();
    await failFirst(page, '**/report?detail=items*', (route) =>
      route.fulfill({ status: 503, headers: { 'retry-after': '1' }, body: '' }),
    );
    await page.getByText('The same data as a table').click();
    await page.getByRole('button', { name: 'Engineering', exact: true }).click();
    const alert = page.locator('.detail[role="alert"]');
    await alert.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Questions for Engineering' }).waitFor();
    expect(await alert.count()).toBe(0);
    await page.unroute('**/report?detail=items*');
  });

  it("says why a team's questions show no figures beside its scores", async () => {
    await page.goto(reportUrl);
    await page.getByRole('heading', { name: 'Heat map: teams × dimensions' }).waitFor();
    await page.getByText('The same data as a table').click();
    // In the demo, Engineering shows every dimension, and some people there skipped questions.
    await page.getByRole('button', { name: 'Engineering', exact: true }).click();
    await page.getByRole('heading', { name: 'Questions for Engineering' }).waitFor();
    const detail = page.locator('.detail');
    await expect(detail.getByText('hidden for anonymity').count()).resolves.toBeGreaterThan(0);
    await detail.getByText(/is hidden with the rest of its dimension's questions/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'report-detail-hidden-desktop');
    // The whole organization shows all of them, so says nothing of it.
    await page.getByRole('button', { name: 'Whole organization', exact: true }).click();
    await page.getByRole('heading', { name: 'Questions for Whole organization' }).waitFor();
    await expect(detail.getByText('hidden for anonymity').count()).resolves.toBe(0);
    await expect(detail.getByText(/is hidden with the rest/).count()).resolves.toBe(0);
  });

  it('prints the whole report on A4: header, page numbers, recommendations open, readable heat map, no half-empty pages', async () => {
    await page.goto(reportUrl);
    await page.getByRole('heading', { name: 'Heat map: teams × dimensions' }).waitFor();
    const recommendation = (await page.locator('.hotspots details li').first().textContent())!;
    expect(await page.locator('.hotspots details li').first().isVisible()).toBe(false);

    mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, 'report-print.pdf');
    writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));
    const pages = pdfPages(file);
    const text = pages.map((p) => p.words.map((w) => w.text).join(' '));
    const all = text.join(' ');

    // Collapsed on screen, printed open.
    expect(all).toContain(recommendation.split(' ').slice(0, 6).join(' '));
    // Every page says whose report it is and which page it is.
    text.forEach((words, index) => {
      expect(words).toContain('Northwind Logistics (demo) · Trust diagnostic, spring');
      expect(words).toContain(`${index + 1} / ${pages.length}`);
    });
    expect(all).toMatch(/Closed [\w ,]+ 20\d\d/);
    expect(all).toContain('k = 5');
    // The heat map prints as text at a size a board can read: 8 pt or more (a word's box is
    // about as tall as its font), and a suppressed cell says it is hidden, its legend why a cell
    // can be (not which reason is this group's: R1).
    const team = pages.flatMap((p) => p.words).find((w) => w.text === 'Warehouse')!;
    expect(team.yMax - team.yMin).toBeGreaterThanOrEqual(8);
    expect(all).toContain('hidden for anonymity');
    expect(all).toContain('fewer than 5 responses, or protecting a smaller group');
    // No page is left mostly blank before the next section: every page but the last is filled
    // at least two-thirds of the way down.
    for (const p of pages.slice(0, -1)) {
      const body = p.words.filter((w) => w.yMax < p.height - 40);
      expect(Math.max(...body.map((w) => w.yMax)) / p.height).toBeGreaterThan(2 / 3);
    }
    expect(pages.length).toBeLessThanOrEqual(6);
  });

  /** The document's width: more than the screen means the whole page scrolls sideways. */
  const pageWidth = (on: Page) =>
    on.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    );

  /** Opens a page and waits until it has stopped loading what it shows. */
  async function visit(on: Page, url: string) {
    await on.goto(url);
    await on.locator('main h1, main h2').first().waitFor();
    // Parts of a page load on their own, each saying so: wait until none still does.
    await expect.poll(() => on.getByText('Loading…').count(), { timeout: 15_000 }).toBe(0);
    // Sections that load on their own (members, audit, participation) have arrived too.
    await on.waitForLoadState('networkidle');
  }

  let openWave = { id: '', code: '' };

  /** The API as the signed-in page calls it (same cookies): GET, or POST when there is a body. */
  async function api<T = unknown>(url: string, body?: object): Promise<T> {
    const response = await (body === undefined
      ? page.request.get(`${server.url}${url}`)
      : page.request.post(`${server.url}${url}`, { data: body }));
    if (!response.ok()) throw new Error(`${url}: ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  }

  it('fits a 390 px phone on every console and report page, with a favicon and a web app manifest', async () => {
    // A third wave, open, for the report's preview and the survey.
    const { questionnaire } = (
      await api<{ wave: { questionnaire: object } }>(`/api/waves/${closedWaves[0]}/report`)
    ).wave;
    const wave = await api<{ id: string }>(`/api/organizations/${orgId}/waves`, {
      title: 'Winter pulse',
      questionnaire,
    });
    await api(`/api/waves/${wave.id}/open`, {});
    const { links } = await api<{ links: { teamKey: string; code: string }[] }>(`/api/waves/${wave.id}`);
    openWave = { id: wave.id, code: links.find((link) => link.teamKey === 'ops-warehouse')!.code };

    await page.setViewportSize(phone);
    const pages = {
      console: '/console',
      organization: `/console/${orgId}`,
      'organization-teams': `/console/${orgId}?tab=teams`,
      'organization-people': `/console/${orgId}?tab=people`,
      'organization-audit': `/console/${orgId}?tab=audit`,
      wave: `/console/${orgId}/waves/${openWave.id}`,
      'closed-wave': `/console/${orgId}/waves/${closedWaves[0]}`,
      actions: `/console/${orgId}/actions`,
      preview: `/reports/${openWave.id}`,
      ...Object.fromEntries(closedWaves.map((id, i) => [`report-${i + 1}`, `/reports/${id}`])),
    };
    for (const [name, url] of Object.entries(pages)) {
      await visit(page, `${server.url}${url}`);
      expect({ name, width: await pageWidth(page) }).toEqual({ name, width: phone.width });
      expect({ name, violations: await axeViolations(page) }).toEqual({ name, violations: [] });
      await screenshot(page, `phone-${name}`);
    }
    await page.setViewportSize(desktop);

    const assets = await page.evaluate(async () => {
      const manifest = (await (await fetch('/manifest.webmanifest')).json()) as { icons: { src: string }[] };
      const status = async (url: string) => {
        const response = await fetch(url);
        return `${response.status} ${response.headers.get('content-type')}`;
      };
      return {
        favicon: await status('/favicon.ico'),
        icons: await Promise.all(manifest.icons.map((icon) => status(icon.src))),
      };
    });
    expect(assets.favicon).toMatch(/^200 image\//);
    expect(assets.icons.length).toBeGreaterThan(0);
    for (const icon of assets.icons) expect(icon).toMatch(/^200 image\//);
    const linked = await Promise.all(
      (await page.locator('link[rel~="icon"], link[rel="manifest"]').all()).map((link) =>
        link.getAttribute('href'),
      ),
    );
    expect(linked).toEqual(expect.arrayContaining(['/favicon.ico', '/manifest.webmanifest']));
  });

  it("counts down the characters left in the survey's comment, politely for screen readers", async () => {
    const employeeContext = await browser.newContext({
      viewport: phone,
      bypassCSP: true,
      locale: 'en-US',
      isMobile: true,
      hasTouch: true,
    });
    const employee = await employeeContext.newPage();
    await employee.goto(`${server.url}/s/${openWave.code}`);
    await employee.getByRole('button', { name: 'Start' }).click();
    while (!(await employee.getByRole('button', { name: 'Submit my answers' }).isVisible())) {
      const questions = employee.locator('fieldset.question');
      for (let i = 0; i < (await questions.count()); i++)
        await questions.nth(i).locator('label.scale-option').nth(2).click();
      await employee.getByRole('button', { name: 'Next' }).click();
    }
    const comment = employee.getByRole('textbox');
    await comment.fill('Two lines:\nthe second one.');
    const remaining = employee.locator(`#${await comment.getAttribute('aria-describedby')}`);
    expect(await remaining.textContent()).toBe(
      `${(2000 - 'Two lines:\nthe second one.'.length).toLocaleString('en-US')} characters left`,
    );
    expect(await remaining.getAttribute('aria-live')).toBe('polite');
    expect(await pageWidth(employee)).toBeLessThanOrEqual(phone.width);
    expect(await axeViolations(employee)).toEqual([]);
    await screenshot(employee, 'survey-phone-comment');
    await employeeContext.close();
  });

  it('shows comments with their line breaks, and folds a long one until asked', async () => {
    // Ten people of one team answer (R5 shows comments from ten), one at length over several lines.
    const long = [
      'First, the context.',
      `Then what happened, at length: ${'it went on. '.repeat(120)}`,
      'Finally, a wish.',
    ].join('\n');
    const { questionnaire } = await api<{ questionnaire: { items: { id: string }[] } }>(
      `/api/participate/${openWave.code}`,
    );
    const answers = Object.fromEntries(questionnaire.items.map((item) => [item.id, 3]));
    for (let i = 0; i < 10; i++)
      await api(`/api/participate/${openWave.code}/responses`, {
        submissionId: crypto.randomUUID(),
        answers,
        comment: i === 0 ? long : `Short comment ${i}.\nWith a second line.`,
      });
    await api(`/api/waves/${openWave.id}/close`, {});
    await visit(page, `${server.url}/reports/${openWave.id}`);
    // The organization's block comes first; its parents' blocks repeat the team's comments.
    const folded = page.locator('li.comment', { hasText: 'First, the context.' }).first();
    const toggle = folded.getByRole('button', { name: 'Show all' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    const text = folded.locator('.comment-text');
    const foldedHeight = (await text.boundingBox())!.height;
    await toggle.click();
    expect(await folded.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    expect((await text.boundingBox())!.height).toBeGreaterThan(foldedHeight * 1.5);
    // Line breaks survive as rendered text (innerText, which follows the CSS; textContent would
    // have them even if the page ran them together).
    // biome-ignore lint/performance/useDomNodeTextContent: the rendering is what is tested
    expect(await text.innerText()).toContain('First, the context.\nThen what happened');
    const short = page.locator('li.comment', { hasText: 'Short comment 1.' }).first();
    // biome-ignore lint/performance/useDomNodeTextContent: the rendering is what is tested
    expect(await short.innerText()).toContain('Short comment 1.\nWith a second line.');
    expect(await short.getByRole('button').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});

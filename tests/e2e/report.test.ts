import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, desktop, launch, screenshot, screenshotDir } from './browser.ts';
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

  beforeAll(async () => {
    server = await startServer({ DEMO: 'true', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    browser = await launch();
    context = await browser.newContext({ viewport: desktop, bypassCSP: true, locale: 'en-US' });
    page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/console');
    const waveId = await page.evaluate(async () => {
      const organizations = (await (await fetch('/api/organizations')).json()) as { id: string }[];
      const waves = (await (await fetch(`/api/organizations/${organizations[0]!.id}/waves`)).json()) as {
        id: string;
        title: string;
      }[];
      return waves.find((wave) => wave.title === 'Trust diagnostic, spring')!.id;
    });
    reportUrl = `${server.url}/reports/${waveId}`;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
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

    await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await page.getByRole('heading', { name: 'Heat map: teams × dimensions' }).waitFor();
    expect((await paintedPixels(page)).painted).toBeGreaterThan(first.painted * 0.8);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'report-after-language-switch-desktop');
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
    // about as tall as its font), and a suppressed cell says why it is empty.
    const team = pages.flatMap((p) => p.words).find((w) => w.text === 'Warehouse')!;
    expect(team.yMax - team.yMin).toBeGreaterThanOrEqual(8);
    expect(all).toContain('fewer than 5 responses');
    // No page is left mostly blank before the next section: every page but the last is filled
    // at least two-thirds of the way down.
    for (const p of pages.slice(0, -1)) {
      const body = p.words.filter((w) => w.yMax < p.height - 40);
      expect(Math.max(...body.map((w) => w.yMax)) / p.height).toBeGreaterThan(2 / 3);
    }
    expect(pages.length).toBeLessThanOrEqual(6);
  });
});

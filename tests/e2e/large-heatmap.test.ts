import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigHierarchy } from '../../scripts/bench/big-organization.ts';
import { seededRandom } from '../../server/demo/random.ts';
import {
  axeViolations,
  desktop,
  firstOrganization,
  launch,
  screenshotDir,
  screenshotOf,
  signInToConsole,
} from './browser.ts';
import { type RunningServer, startServer } from './server.ts';

const ADMIN = { email: 'admin@example.org', password: 'a long administrator passphrase' };
const TEAMS = 10_000;

interface Dimension {
  id: string;
}

/**
 * The heat map of the bench's big organization (scripts/bench/big-organization.ts): 10,000 teams on
 * six levels, depth first as reports list them, with figures drawn at random around 60 and one
 * team in twelve suppressed. The page under test is the real one; only this one response is
 * made here, since the embedded database the end-to-end server runs on takes 5,000 teams at most.
 */
function bigReport(dimensions: Dimension[]) {
  const teams = bigHierarchy(TEAMS);
  const keyOf = new Map(teams.map((t) => [t.id, t.key]));
  const children = new Map<string | null, typeof teams>();
  for (const team of teams) {
    const siblings = children.get(team.parentId) ?? [];
    siblings.push(team);
    children.set(team.parentId, siblings);
  }
  const random = seededRandom(5);
  const cell = (organization: number, score: number) => {
    const mean = 1 + score / 25;
    return {
      n: 20,
      mean,
      score,
      favorable: Math.min(1, score / 90),
      neutral: 0.1,
      unfavorable: Math.max(0, 0.9 - score / 90),
      ci95: [mean - 0.3, mean + 0.3],
      rwg: 0.7,
      delta: Math.round((score - organization) * 10) / 10,
    };
  };
  const figures = (level: number) =>
    Object.fromEntries(
      dimensions.map((d) => {
        const score = Math.min(100, Math.max(0, 60 + random.normal(0, 4 + 2 * level)));
        return [d.id, cell(60, Math.round(score * 10) / 10)];
      }),
    );
  const groups = [];
  const stack = [...(children.get(null) ?? [])].reverse();
  while (stack.length > 0) {
    const team = stack.pop()!;
    const suppressed = team.level === 6 && random.next() < 1 / 12;
    groups.push({
      teamKey: team.key,
      name: team.name,
      parentKey: team.parentId === null ? null : keyOf.get(team.parentId)!,
      depth: team.level - 1,
      suppressed,
      n: suppressed ? null : 20,
      trustIndex: suppressed ? null : 60,
      dimensions: suppressed ? Object.fromEntries(dimensions.map((d) => [d.id, null])) : figures(team.level),
    });
    for (const child of [...(children.get(team.id) ?? [])].reverse()) stack.push(child);
  }
  return { groups, organization: { figures: figures(0) } };
}

/** The little of the page's globals used here (the tests compile without the DOM's types). */
interface PageGlobals {
  requestAnimationFrame(callback: () => void): void;
  document: { activeElement: unknown };
  scrollTo(x: number, y: number): void;
}

/** Runs `act` in the page and answers how long until the browser had drawn the frame after it. */
function timed(page: Page, act: string): Promise<number> {
  return page.evaluate(async (source) => {
    const { requestAnimationFrame } = globalThis as unknown as PageGlobals;
    const started = performance.now();
    new Function(source)();
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(null))));
    return performance.now() - started;
  }, act);
}

describe('the heat map of an organization of 10,000 teams', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ DEMO: 'true', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    browser = await launch();
    const context = await browser.newContext({ viewport: desktop, bypassCSP: true, locale: 'en-US' });
    page = await context.newPage();
    await signInToConsole(page, server.url, ADMIN);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("opens one group's questions from a heat-map cell by keyboard, fetching that group alone", async () => {
    const waveId = (await firstOrganization(page)).waves.get('Trust diagnostic, spring')!;
    await page.goto(`${server.url}/reports/${waveId}`);
    const heatmap = page.getByRole('img', { name: 'Heat map: teams × dimensions' });
    await heatmap.waitFor();
    const asked = page.waitForRequest((request) => request.url().includes('detail=items'));
    await heatmap.focus();
    await heatmap.press('ArrowDown');
    await heatmap.press('Enter');
    const url = new URL((await asked).url());
    expect(url.searchParams.get('depth')).toBe('0');
    expect(url.searchParams.get('root')).toBe('ops');
    await page.getByRole('heading', { name: 'Questions for Operations' }).waitFor();
    // Its questions, under a row naming each dimension.
    expect(await page.locator('.detail tbody tr:not(.item-dimension)').count()).toBe(30);
  });

  it('opens at its first levels, scrolls and unfolds drawing only the rows in view, finds a team, and prints what is open', async () => {
    const waveId = (await firstOrganization(page)).waves.get('Trust diagnostic, spring')!;
    const real = await (await page.request.get(`${server.url}/api/waves/${waveId}/report`)).json();
    const big = bigReport(real.dimensions);
    const body = JSON.stringify({
      ...real,
      organization: {
        ...real.organization,
        name: 'Big organization (bench)',
        n: 1_000_000,
        dimensions: big.organization.figures,
      },
      groups: big.groups,
      hotspots: [],
      comments: [],
      actions: [],
    });
    // The heat map's request only; a cell's item detail still comes from the server.
    await page.route(
      (url) => url.pathname === `/api/waves/${waveId}/report` && !url.searchParams.has('detail'),
      (route) => route.fulfill({ status: 200, contentType: 'application/json', body }),
    );
    await page.goto(`${server.url}/reports/${waveId}`);
    await page.getByRole('heading', { name: 'Heat map: teams × dimensions' }).waitFor();

    // The organization and its first two levels (4 divisions, 18 regions) are unfolded; the
    // chart draws 20 rows, the scrolling box is as tall as all 23.
    const rows = page.locator('.table-view tbody tr');
    expect(await rows.count()).toBe(23);
    const canvasHeight = async () => (await page.locator('.heatmap canvas').boundingBox())!.height;
    expect(await canvasHeight()).toBeLessThanOrEqual(20 * 34 + 60);

    // Scroll by a screen of rows, then unfold a region (Space on the keyboard's row), each timed
    // from the event to the frame drawn after it.
    const scroll = await timed(page, "document.querySelector('.heatmap-window').scrollTop += 340;");
    await page.locator('.heatmap canvas').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const before = await rows.count();
    const unfold = await timed(
      page,
      "document.querySelector('.heatmap canvas').dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));",
    );
    expect(await rows.count()).toBeGreaterThan(before);
    expect(await canvasHeight()).toBeLessThanOrEqual(20 * 34 + 60);
    // Measured, not asserted: a busy machine can take any time; the README carries the figures.
    console.log(`10,000 teams: scroll drawn in ${scroll.toFixed(1)} ms, unfold in ${unfold.toFixed(1)} ms`);

    // A team six levels down, found by name: every row above it unfolds and its row is shown.
    await page.getByLabel('Find a team').fill('Team 6.4321');
    await page.getByRole('button', { name: 'Team 6.4321', exact: true }).click();
    await page.locator('.table-view tbody th', { hasText: 'Team 6.4321' }).waitFor({ state: 'attached' });
    expect(await page.getByLabel('Find a team').inputValue()).toBe('');
    expect(
      await page
        .locator('.heatmap canvas')
        .evaluate((node) => node === (globalThis as unknown as PageGlobals).document.activeElement),
    ).toBe(true);

    // The table's fold buttons say what they do, for a screen reader and a keyboard.
    await page.locator('.table-view summary').click();
    const fold = page.getByRole('button', { name: 'Show the teams of Region 2.2' });
    expect(await fold.getAttribute('aria-expanded')).toBe('false');
    await fold.press('Enter');
    expect(
      await page.getByRole('button', { name: 'Hide the teams of Region 2.2' }).getAttribute('aria-expanded'),
    ).toBe('true');
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('.table-view summary').click();
    await page.evaluate(() => (globalThis as unknown as PageGlobals).scrollTo(0, 0));
    await screenshotOf(page.locator('.heatmap-card'), 'report-10000-teams-desktop');

    // Printed, the heat map is the table of the rows unfolded on screen, not 10,000 rows.
    mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, 'report-10000-teams-print.pdf');
    writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Team 6.4321');
    expect(text).toContain('Region 2.2');
    expect(text).not.toContain('Team 6.4322');
  });
});

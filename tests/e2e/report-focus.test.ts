import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, firstOrganization, launch, signInToConsole } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';

const ADMIN = { email: 'admin@example.org', password: 'a long administrator passphrase' };

// The tests compile without the DOM's types; this is the little of the page they read.
interface Shown {
  document: {
    activeElement: { textContent: string | null; className: string; tagName: string } | null;
  };
  innerHeight: number;
}

/** What has the keyboard focus: its tag, its class and its text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = (globalThis as unknown as Shown).document.activeElement;
    return {
      tag: active?.tagName ?? '',
      className: active?.className ?? '',
      text: active?.textContent ?? '',
    };
  });

/** Whether an element is wholly on screen (a fraction of a pixel above the top allowed). */
async function inViewport(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const height = await page.evaluate(() => (globalThis as unknown as Shown).innerHeight);
  return box !== null && box.y >= -1 && box.y + box.height <= height;
}

/**
 * Every text drawn on a canvas since the last call: the heat map's cell labels are pixels, so the
 * page records what `fillText` was asked to write.
 */
const drawnText = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const store = globalThis as unknown as { drawn: string[] };
    const drawn = store.drawn;
    store.drawn = [];
    return drawn;
  });

describe("the report's panels and forms, opened where a leader can see them", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let reportUrl = '';
  /** A later wave's report, which compares with the first. */
  let pulseUrl = '';
  let orgId = '';

  beforeAll(async () => {
    server = await startServer({ DEMO: 'true', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    browser = await launch();
    const context = await browser.newContext({ viewport: desktop, bypassCSP: true, locale: 'en-US' });
    await context.addInitScript(() => {
      const store = globalThis as unknown as {
        drawn: string[];
        CanvasRenderingContext2D: { prototype: { fillText: (text: string, ...rest: number[]) => void } };
      };
      store.drawn = [];
      const prototype = store.CanvasRenderingContext2D.prototype;
      const fillText = prototype.fillText;
      prototype.fillText = function (this: unknown, text: string, ...rest: number[]) {
        store.drawn.push(String(text));
        return fillText.call(this, text, ...rest);
      };
    });
    page = await context.newPage();
    await signInToConsole(page, server.url, ADMIN);
    const demo = await firstOrganization(page);
    orgId = demo.orgId;
    reportUrl = `${server.url}/reports/${demo.waves.get('Trust diagnostic, spring')!}`;
    pulseUrl = `${server.url}/reports/${demo.waves.get('Trust pulse, autumn')!}`;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The actions page, and its first action this consultant may change (it has a status to pick). */
  async function firstChangeableAction() {
    await page.goto(`${server.url}/console/${orgId}/actions`);
    const item = page
      .locator('.action-list > li')
      .filter({ has: page.getByRole('combobox') })
      .first();
    await item.waitFor();
    return item;
  }

  it('labels the favourability view with whole percentages after a switch from scores, and back', async () => {
    await page.goto(reportUrl);
    await page.getByRole('heading', { name: 'Heat map: teams × dimensions' }).waitFor();
    /** The figures the next draw writes in the cells (the axes' names are not figures). */
    const nextLabels = async () => {
      let labels: string[] = [];
      await expect
        .poll(async () => {
          labels = (await drawnText(page)).filter((text) => /^[+−-]?\d/.test(text));
          return labels.length;
        })
        .toBeGreaterThan(0);
      return labels;
    };
    // Created in the score view: one decimal.
    expect((await nextLabels()).some((label) => /^\d+\.\d/.test(label))).toBe(true);
    await page.getByText('Favourability', { exact: true }).click();
    const labels = await nextLabels();
    // "35", as the cards' "35% favourable", never "35.0".
    for (const label of labels) expect(label).toMatch(/^\+?\d+( ≈)?$/);
    await page.getByText('Score', { exact: true }).click();
    expect((await nextLabels()).some((label) => /^\d+\.\d/.test(label))).toBe(true);
    await page.getByText('Favourability', { exact: true }).click();
    await nextLabels();
    await page.screenshot({ path: 'build/screenshots/focus-heatmap-favourability.png' });
  });

  it("opens a cell's questions in view, its dimension's first under its name, with column headers", async () => {
    await page.goto(reportUrl);
    await page.getByRole('heading', { name: 'Heat map: teams × dimensions' }).waitFor();
    const rowNames = (await page.locator('.table-view tbody th[scope="row"]').allTextContents()).map((name) =>
      name.replace(/^[▸▾]/, '').trim(),
    );
    const columnNames = (await page.locator('.table-view thead th').allTextContents()).slice(2);
    const row = rowNames.indexOf('Mobile');
    const column = columnNames.indexOf('Ownership');
    expect(row).toBeGreaterThan(0);
    expect(column).toBeGreaterThanOrEqual(0);
    // The keyboard's way, which a click takes too (both open the cell).
    await page.locator('.heatmap canvas').focus();
    for (let i = 0; i < row; i++) await page.keyboard.press('ArrowDown');
    for (let i = 0; i < column; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { name: 'Questions for Mobile' });
    await heading.waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'H2', text: 'Questions for Mobile' });
    expect(await inViewport(page, '.detail h2')).toBe(true);
    const detail = page.locator('.detail');
    // The organization's first wave: no column of changes, which could only be empty.
    expect(await detail.locator('thead th').allTextContents()).toEqual(['Question', 'Score', 'Favourable']);
    // Ownership's questions first, under its name; then each other dimension under its own.
    const groups = await detail.locator('tbody').evaluateAll((bodies) =>
      bodies.map((body) => {
        const rows = (
          body as unknown as { querySelectorAll(s: string): { textContent: string | null }[] }
        ).querySelectorAll('th');
        return [...rows].map((th) => th.textContent ?? '');
      }),
    );
    expect(groups[0]![0]).toBe('Ownership');
    expect(groups.map((group) => group[0])).toEqual([
      'Ownership',
      ...columnNames.filter((name) => name !== 'Ownership'),
    ]);
    const ownership = await page.evaluate(async () => {
      const list = (await (await fetch('/api/questionnaires')).json()) as { key: string; latest: number }[];
      const all = await Promise.all(
        list.map(
          async (q) =>
            (await (await fetch(`/api/questionnaires/${q.key}/versions/${q.latest}`)).json()) as {
              items: { text: string; dimension: string }[];
            },
        ),
      );
      return all.flatMap((q) => q.items.filter((item) => item.dimension === 'ownership').map((i) => i.text));
    });
    for (const question of groups[0]!.slice(1))
      expect(ownership.some((text) => question.startsWith(text))).toBe(true);
    expect(groups[0]!.length).toBeGreaterThan(1);
    await page.screenshot({ path: 'build/screenshots/focus-cell-detail.png' });

    // A later wave compares with it, and says each question's change.
    await page.goto(pulseUrl);
    await page.getByRole('heading', { name: 'Heat map: teams × dimensions' }).waitFor();
    await page.locator('.heatmap canvas').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Questions for / }).waitFor();
    expect(await detail.locator('thead th').allTextContents()).toEqual([
      'Question',
      'Score',
      'Favourable',
      'Change',
    ]);
    expect(await detail.locator('.item-dimension th').first().getAttribute('colspan')).toBe('4');
  });

  it("brings a failed read of a cell's questions into view, and leaves the reader where they went while it came", async () => {
    await page.goto(reportUrl);
    await page.getByRole('heading', { name: 'Heat map: teams × dimensions' }).waitFor();
    const questions = (url: URL) => url.searchParams.get('detail') === 'items';
    // The read fails: why, and the way to try again, come into view with the keyboard on them.
    await page.route(questions, (route) => route.abort());
    await page.locator('.heatmap canvas').focus();
    await page.keyboard.press('Enter');
    const failure = page.locator('.detail[role="alert"]');
    await failure.waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'SECTION' });
    expect(await inViewport(page, '.detail[role="alert"]')).toBe(true);
    await page.unroute(questions);
    // Asked again, the answer is held back while the reader goes on to the view's choices: when it
    // comes, it is shown, and the keyboard stays where the reader put it.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(questions, async (route) => {
      await held;
      await route.continue();
    });
    await failure.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('radio', { name: 'Favourability' }).focus();
    release();
    await page.getByRole('heading', { name: /^Questions for / }).waitFor();
    expect(await focused(page)).toMatchObject({ tag: 'INPUT' });
    await page.unroute(questions);
  });

  it('brings the action form into view with focus on it, and says a saved action in the success style', async () => {
    await page.goto(reportUrl);
    await page.getByRole('heading', { name: 'Heat map: teams × dimensions' }).waitFor();
    await page.locator('.hotspots').getByRole('button', { name: 'Commit to an action' }).first().click();
    const form = page.locator('form.action-form');
    await form.waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'H3' });
    expect((await focused(page)).text).toMatch(/^Action on /);
    expect(await inViewport(page, 'form.action-form h3')).toBe(true);
    await page.screenshot({ path: 'build/screenshots/focus-action-form.png' });
    await form.getByLabel('Owner (a name or a role)').fill('The mobile lead');
    await form.getByRole('button', { name: 'Save the action' }).click();
    const said = form.getByRole('status');
    await said.getByText(/^Action saved/).waitFor();
    expect(await said.getAttribute('class')).toBe('success');
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'P', className: 'success' });
    await page.screenshot({ path: 'build/screenshots/focus-action-saved.png' });
  });

  it('keeps the keyboard on an action whose new status moves it, and says it was saved', async () => {
    const item = await firstChangeableAction();
    const title = (await item.locator('h3.action-title').textContent())!;
    const was = await item.getByRole('combobox').inputValue();
    const next = was === 'done' ? 'in-progress' : 'done';
    await item.getByRole('combobox').selectOption(next);
    await item.getByRole('button', { name: 'Save', exact: true }).click();
    const moved = page.locator('.action-list > li').filter({ has: page.getByText(title, { exact: true }) });
    await moved.getByRole('status').getByText('Saved.').waitFor();
    expect(await moved.getByRole('status').getAttribute('class')).toBe('success');
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'P', text: 'Saved.' });
    expect(await moved.getByRole('combobox').inputValue()).toBe(next);
    // Its check-ins in a list of their own, named, not under its steps.
    const checkIns = moved.locator('.check-ins');
    expect(await checkIns.getByRole('heading', { name: 'Check-ins' }).count()).toBe(1);
    expect(await checkIns.locator('li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: 'build/screenshots/focus-action-status-saved.png' });
    // Said in the page's language, whichever it becomes after the save.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await moved.getByRole('status').getByText('Enregistré.').waitFor();
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
    await moved.getByRole('status').getByText('Saved.').waitFor();
    // A later save of it that is refused takes "Saved." away: the two would contradict each other.
    await moved.getByText('Change the title, owner or due date').click();
    await moved.getByLabel('What will be done').fill('\u200b');
    await moved.getByRole('button', { name: 'Save', exact: true }).click();
    await moved.getByRole('alert').waitFor();
    expect(await moved.getByRole('status').count()).toBe(0);
  });

  it('shows an action someone else changed meanwhile as it is now, in the form too', async () => {
    const item = await firstChangeableAction();
    const title = (await item.locator('h3.action-title').textContent())!;
    // Someone else renames it, from the revision this page shows.
    await page.evaluate(
      async ({ orgId, title }) => {
        const list = (await (await fetch(`/api/organizations/${orgId}/actions`)).json()) as {
          id: string;
          title: string;
          revision: number;
        }[];
        const action = list.find((a) => a.title === title)!;
        await fetch(`/api/actions/${action.id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title: `${title} (renamed)`, revision: action.revision }),
        });
      },
      { orgId, title },
    );
    await item.getByRole('textbox', { name: 'Check-in note' }).fill('A note made on the old revision');
    await item.getByRole('button', { name: 'Save', exact: true }).click();
    const now = page.locator('.action-list > li').filter({ has: page.getByText(`${title} (renamed)`) });
    await now.getByRole('status').waitFor();
    expect(await now.getByRole('status').getAttribute('class')).toBe('notice');
    // The form starts again from the action as it is now.
    expect(await now.getByLabel('What will be done').inputValue()).toBe(`${title} (renamed)`);
    expect(await now.getByRole('textbox', { name: 'Check-in note' }).inputValue()).toBe('');
  });
});

import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page, type Route } from 'playwright-core';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const screenshotDir = path.join(root, 'build', 'screenshots');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const phone = { width: 390, height: 844 };
export const desktop = { width: 1280, height: 800 };

/** `args`: more of Chromium's switches, such as a host name mapped to loopback. */
export function launch(args: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      ...args,
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** A screenshot of one part of a page, for the README, where the whole page would bury it. */
export async function screenshotOf(locator: Locator, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await locator.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

/** Runs axe in the page (the context must bypass CSP to inject it) and returns its violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await (
      globalThis as unknown as {
        axe: { run(): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe.run();
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return violations;
}

/** The page's own width: wider than the screen means the page scrolls sideways. */
export const pageWidth = (page: Page): Promise<number> =>
  page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
        .documentElement.scrollWidth,
  );

/** The text of the element that has the keyboard focus. */
export const focusedText = (page: Page): Promise<string | null> =>
  page.evaluate(
    () =>
      (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } })
        .document.activeElement?.textContent ?? null,
  );

/**
 * Answers the first request to `url` as `first` does (a busy server, a proxy's error page, a
 * dropped connection) and lets every later one through; `calls()` counts the requests it saw.
 */
export async function failFirst(page: Page, url: string, first: (route: Route) => Promise<void>) {
  let calls = 0;
  await page.route(url, (route) => (calls++ > 0 ? route.continue() : first(route)));
  return { calls: () => calls };
}

/** Opens the app at `url` and signs in as `who`, a consultant or an administrator: the console. */
export async function signInToConsole(page: Page, url: string, who: { email: string; password: string }) {
  await page.goto(url);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/console');
}

/**
 * The first organization the signed-in page can see (the demo's, where the server made one) and
 * its waves by title, read through the page's own session.
 */
export async function firstOrganization(page: Page): Promise<{ orgId: string; waves: Map<string, string> }> {
  const { orgId, waves } = await page.evaluate(async () => {
    const organizations = (await (await fetch('/api/organizations')).json()) as { id: string }[];
    const orgId = organizations[0]!.id;
    const waves = (await (await fetch(`/api/organizations/${orgId}/waves`)).json()) as {
      id: string;
      title: string;
    }[];
    return { orgId, waves: waves.map((wave) => [wave.title, wave.id] as const) };
  });
  return { orgId, waves: new Map(waves) };
}

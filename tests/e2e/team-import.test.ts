import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx, writeXlsx } from '../../server/spreadsheets/xlsx-file.ts';
import { axeViolations, desktop, launch, phone, screenshot, signInToConsole } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';

const ADMIN = { email: 'hr-import@example.org', password: 'a long consultant passphrase' };
/** An org chart as HR sends it: its own column names, an extra column, Spanish and German names. */
const HR_SHEET = [
  ['Org Unit', 'Unit Title', 'Reports Into', 'FTE', 'Cost centre'],
  ['dir', 'Dirección General', '', '4', 'C100'],
  ['ops', 'Operaciones y Logística', 'dir', '25', 'C200'],
  ['muc', 'Büro München', 'ops', '12', 'C210'],
  ['esp', 'Señalización', 'dir', '9', 'C300'],
];

describe('importing an .xlsx with mapped columns in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let folder: string;
  let file: string;

  beforeAll(async () => {
    server = await startServer({ DEMO: 'false', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    browser = await launch();
    page = await (
      await browser.newContext({ viewport: desktop, bypassCSP: true, acceptDownloads: true })
    ).newPage();
    folder = await mkdtemp(path.join(tmpdir(), 'trust-os-import-'));
    file = path.join(folder, 'organigrama.xlsx');
    await writeFile(file, await writeXlsx('Organigrama', HR_SHEET));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('maps the columns, shows problems beside rows, saves, and remembers the mapping', async () => {
    await signInToConsole(page, server.url, ADMIN);
    await page.getByLabel('Name').fill('Ibérica Logística');
    await page.getByRole('button', { name: 'New organization' }).last().click();
    await page.getByRole('link', { name: 'Ibérica Logística' }).click();
    await page.waitForURL('**/console/*');
    await page.getByRole('tab', { name: 'Teams' }).click();

    const upload = page.getByLabel('Upload a spreadsheet (.xlsx or CSV)');
    const save = page.getByRole('button', { name: 'Save hierarchy' });
    await upload.setInputFiles(file);
    // None of these headers is a known name: the columns are offered, and Save waits.
    await page.getByText("The file's columns").waitFor();
    await page.getByText('Choose the column that holds this.').first().waitFor();
    expect(await save.isDisabled()).toBe(true);

    await page.getByLabel('Team key', { exact: true }).selectOption('Org Unit');
    await page.getByLabel('Team name', { exact: true }).selectOption('Unit Title');
    // A parent column that points nowhere is caught before saving, beside its rows.
    await page.getByLabel("Parent team's key", { exact: true }).selectOption('Cost centre');
    await page.getByText('There is no team "C200" to be the parent.').waitFor();
    expect(await save.isDisabled()).toBe(true);
    await page.getByLabel("Parent team's key", { exact: true }).selectOption('Reports Into');
    await page.getByLabel('Headcount (optional)', { exact: true }).selectOption('FTE');
    await page.getByText('Saving adds 4 teams, removes 0').waitFor();
    await page.getByRole('cell', { name: 'Büro München' }).waitFor();
    await screenshot(page, 'team-import-desktop');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize(phone);
    await screenshot(page, 'team-import-phone');
    await page.setViewportSize(desktop);

    await save.click();
    await page.getByText('Hierarchy saved: 4 teams.').waitFor();
    await page.getByRole('tab', { name: 'Audit log' }).click();
    await page.getByText('hr-import@example.org imported the team hierarchy (4 teams).').waitFor();
    await page.getByRole('tab', { name: 'Teams' }).click();

    // The same file again: the mapping comes back by itself, and nothing would change.
    await upload.setInputFiles(file);
    await page.getByText('These are the columns you chose for this organization last time.').waitFor();
    await page.getByText('This file matches the saved hierarchy: saving changes nothing.').waitFor();
    // Enabled once the check of the file has come back.
    await expect.poll(() => save.isEnabled()).toBe(true);
  });

  it('downloads the hierarchy as .xlsx in the import format', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Excel (.xlsx)' }).click(),
    ]);
    const sheets = await readXlsx(await readFile((await download.path())!));
    expect(sheets[0]!.rows).toEqual([
      ['key', 'name', 'parent_key', 'headcount'],
      ['dir', 'Dirección General', '', '4'],
      ['ops', 'Operaciones y Logística', 'dir', '25'],
      ['muc', 'Büro München', 'ops', '12'],
      ['esp', 'Señalización', 'dir', '9'],
    ]);
  });
});

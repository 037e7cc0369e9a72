import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Config, loadConfig } from '../../../server/config.ts';
import type { App } from '../../../server/http/app-types.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, someAnswers } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

// floor and desk have 20 people: their links take 20 + max(5, 4) = 25 answers. office is a
// team of 150 behind one address; open has no headcount, so no cap.
const TEAMS = [
  'key,name,parent_key,headcount',
  'floor,Floor,,20',
  'desk,Desk,,20',
  'office,Office,,150',
  'open,Open plan,,',
].join('\n');

let organizations = 0;

async function openWave(test: TestApp) {
  organizations += 1;
  const email = `budget-${organizations}-${randomUUID()}@example.org`;
  await createAccount(test.handle.db, { email, role: 'consultant' });
  const consultant = await signIn(test.app, email);
  const org = await call(test.app, consultant, 'POST', '/api/organizations', {
    name: `Budgets ${organizations}`,
    anonymityThreshold: 3,
  });
  await test.app.inject({
    method: 'PUT',
    url: `/api/organizations/${org.id}/teams`,
    headers: { cookie: consultant, 'content-type': 'text/csv' },
    payload: TEAMS,
  });
  const wave = await call(test.app, consultant, 'POST', `/api/organizations/${org.id}/waves`, {
    title: 'Budgets',
    questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
  });
  await call(test.app, consultant, 'POST', `/api/waves/${wave.id}/open`);
  const details = await call(test.app, consultant, 'GET', `/api/waves/${wave.id}`);
  const codes: Record<string, string> = Object.fromEntries(
    details.links.map((l: { teamKey: string; code: string }) => [l.teamKey, l.code]),
  );
  const stored = async (teamKey: string) => {
    const rows = await call(test.app, consultant, 'GET', `/api/waves/${wave.id}/participation`);
    return rows.find((r: { teamKey: string }) => r.teamKey === teamKey) as {
      responses: number;
      full: boolean;
    };
  };
  return { codes, stored };
}

const open = (app: App, code: string, address: string) =>
  app.inject({ method: 'GET', url: `/api/participate/${code}`, remoteAddress: address });

const submit = (app: App, code: string, address: string, submissionId: string = randomUUID()) =>
  app.inject({
    method: 'POST',
    url: `/api/participate/${code}/responses`,
    remoteAddress: address,
    payload: { submissionId, answers: someAnswers() },
  });

function tally(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

function retryAfterSeconds(response: { headers: Record<string, unknown> }): number {
  const seconds = Number(response.headers['retry-after']);
  expect(Number.isInteger(seconds) && seconds > 0).toBe(true);
  return seconds;
}

/**
 * People behind one address who each open the survey and submit, and who, told 429, wait exactly
 * the Retry-After they were given and try again, as the survey page does. The budgets' clock is
 * faked, so waiting costs no real time and nothing depends on a timing margin. Returns how long
 * (on that clock) until the last of them was stored.
 */
async function crowd(app: App, code: string, people: number, address: string): Promise<number> {
  const start = Date.now();
  let due = Array.from({ length: people }, () => ({
    at: start,
    opened: false,
    submissionId: randomUUID(),
  }));
  let last = start;
  while (due.length > 0) {
    const now = Math.min(...due.map((person) => person.at));
    vi.setSystemTime(now);
    const ready = due.filter((person) => person.at === now);
    const later = await Promise.all(
      ready.map(async (person) => {
        if (!person.opened) {
          const page = await open(app, code, address);
          if (page.statusCode === 429) return { ...person, at: now + retryAfterSeconds(page) * 1000 };
          expect(page.statusCode).toBe(200);
        }
        const sent = await submit(app, code, address, person.submissionId);
        if (sent.statusCode === 429)
          return { ...person, opened: true, at: now + retryAfterSeconds(sent) * 1000 };
        expect(sent.statusCode).toBe(201);
        last = now;
        return null;
      }),
    );
    due = [...due.filter((person) => person.at !== now), ...later.filter((person) => person !== null)];
  }
  return last - start;
}

describe.each(testDatabases())('public links under a flood on $name', (database) => {
  const apps: TestApp[] = [];
  const start = async (overrides: Partial<Config> = {}) => {
    const test = await startTestApp(database, overrides);
    apps.push(test);
    return test;
  };
  let test: TestApp;
  beforeAll(async () => {
    test = await start();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
  });
  // Only Date is faked: the budgets count by it, and the database and timers run as usual.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date());
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('one address flooding a team of 20 stores at most 25 answers and cannot stop anyone opening the link', async () => {
    const { codes, stored } = await openWave(test);
    const flooder = '198.51.100.7';
    const floods = await Promise.all(
      Array.from({ length: 300 }, () => submit(test.app, codes.floor!, flooder)),
    );
    // 120 a minute from one address (the default); of those, 25 fit the team and the rest are
    // told plainly that the link is full.
    expect(tally(floods.map((r) => r.statusCode))).toEqual({ 201: 25, 409: 95, 429: 180 });
    expect(floods.find((r) => r.statusCode === 409)!.json().message).toMatch(
      /more answers than the team has members/,
    );
    for (const refused of floods.filter((r) => r.statusCode === 429)) retryAfterSeconds(refused);
    const pages = await Promise.all(Array.from({ length: 700 }, () => open(test.app, codes.floor!, flooder)));
    expect(tally(pages.map((r) => r.statusCode))).toEqual({ 200: 600, 429: 100 });

    // Someone else, at another address, still opens the survey; their answer is refused because
    // the team is full (409, which the consultant sees), never because of the flood (429).
    expect((await open(test.app, codes.floor!, '203.0.113.9')).statusCode).toBe(200);
    expect((await submit(test.app, codes.floor!, '203.0.113.9')).statusCode).toBe(409);
    expect(await stored('floor')).toMatchObject({ responses: 25, full: true });
    expect(await stored('desk')).toMatchObject({ responses: 0, full: false });
  });

  it('holds the cap of 25 when 40 addresses flood a team of 20 at once', async () => {
    const { codes, stored } = await openWave(test);
    const floods = await Promise.all(
      Array.from({ length: 80 }, (_, i) => submit(test.app, codes.desk!, `10.0.${i % 40}.1`)),
    );
    expect(tally(floods.map((r) => r.statusCode))).toEqual({ 201: 25, 409: 55 });
    expect(await stored('desk')).toMatchObject({ responses: 25, full: true });
  });

  it('one address flooding a link spends its own budget, and another address opens and answers', async () => {
    const { codes, stored } = await openWave(test);
    const floods = await Promise.all(
      Array.from({ length: 300 }, () => submit(test.app, codes.office!, '198.51.100.8')),
    );
    expect(tally(floods.map((r) => r.statusCode))).toEqual({ 201: 120, 429: 180 });
    expect((await open(test.app, codes.office!, '203.0.113.10')).statusCode).toBe(200);
    expect((await submit(test.app, codes.office!, '203.0.113.10')).statusCode).toBe(201);
    expect((await stored('office')).responses).toBe(121);
  });

  it('120 people behind one address are all stored at once with the default budgets', async () => {
    const { codes, stored } = await openWave(test);
    expect(await crowd(test.app, codes.office!, 120, '192.0.2.1')).toBe(0);
    expect((await stored('office')).responses).toBe(120);
  });

  it('120 people behind one address are all stored within two minutes by a client that honours Retry-After', async () => {
    // Half the office fits a minute's budget, so half of them are told to wait and come back.
    const tight = await start({ participationAddressRateLimitPerMinute: 60 });
    const { codes, stored } = await openWave(tight);
    const took = await crowd(tight.app, codes.office!, 120, '192.0.2.2');
    expect(took).toBeGreaterThan(0);
    expect(took).toBeLessThanOrEqual(2 * 60_000);
    expect((await stored('office')).responses).toBe(120);
  });

  it("shares a link's budget among all addresses, and submissions never use up opening the survey", async () => {
    const small = await start({
      participationRateLimitPerMinute: 6,
      participationAddressRateLimitPerMinute: 2,
      participationOpenRateLimitPerMinute: 4,
      participationOpenAddressRateLimitPerMinute: 3,
    });
    const { codes } = await openWave(small);
    const statuses: number[] = [];
    for (const address of [
      '10.1.0.1',
      '10.1.0.1',
      '10.1.0.1',
      '10.1.0.2',
      '10.1.0.2',
      '10.1.0.3',
      '10.1.0.3',
    ])
      statuses.push((await submit(small.app, codes.open!, address)).statusCode);
    // The third from 10.1.0.1 is over its address's budget and spends nothing of the link's.
    expect(statuses).toEqual([201, 201, 429, 201, 201, 201, 201]);
    const linkSpent = await submit(small.app, codes.open!, '10.1.0.4');
    expect(linkSpent.statusCode).toBe(429);
    expect(retryAfterSeconds(linkSpent)).toBe(60);

    // Opening is counted apart: the link's spent submissions do not stop anyone loading the page.
    const pages = [];
    for (const address of ['10.1.0.4', '10.1.0.4', '10.1.0.4', '10.1.0.4', '10.1.0.5'])
      pages.push((await open(small.app, codes.open!, address)).statusCode);
    expect(pages).toEqual([200, 200, 200, 429, 200]);
    // Budgets hold per link: the same address still reaches another team's.
    expect((await submit(small.app, codes.floor!, '10.1.0.1')).statusCode).toBe(201);

    vi.setSystemTime(Date.now() + 60_000);
    expect((await submit(small.app, codes.open!, '10.1.0.4')).statusCode).toBe(201);
  });
});

describe('participation budgets in the environment', () => {
  it('refuses an address budget that could use up a whole link, naming the variable', () => {
    expect(() => loadConfig({ PARTICIPATION_ADDRESS_RATE_LIMIT_PER_MINUTE: '600' })).toThrow(
      /PARTICIPATION_ADDRESS_RATE_LIMIT_PER_MINUTE: must be below PARTICIPATION_RATE_LIMIT_PER_MINUTE \(600\)/,
    );
    expect(() =>
      loadConfig({
        PARTICIPATION_OPEN_RATE_LIMIT_PER_MINUTE: '100',
        PARTICIPATION_OPEN_ADDRESS_RATE_LIMIT_PER_MINUTE: '100',
      }),
    ).toThrow(/PARTICIPATION_OPEN_ADDRESS_RATE_LIMIT_PER_MINUTE/);
    expect(
      loadConfig({
        PARTICIPATION_RATE_LIMIT_PER_MINUTE: '2000',
        PARTICIPATION_ADDRESS_RATE_LIMIT_PER_MINUTE: '600',
      }),
    ).toMatchObject({ participationRateLimitPerMinute: 2000, participationAddressRateLimitPerMinute: 600 });
  });
});

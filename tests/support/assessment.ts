import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../server/db/database.ts';
import type { App } from '../../server/http/app-types.ts';
import type { TestApp } from './app.ts';
import { createAccount, signIn } from './auth.ts';

export const TEAMS_CSV = [
  'key,name,parent_key,headcount',
  'ops,Operations,,40',
  'eng,Engineering,,30',
  'eng-platform,Platform,eng,12',
  'eng-apps,Applications,eng,14',
  'sales,Sales,,8',
].join('\n');

export interface Assessment {
  orgId: string;
  waveId: string;
  consultant: string;
  codes: Record<string, string>;
}

let counter = 0;

/** A consultant, an organization with five teams and a wave of the pulse, optionally opened. */
export async function setUpAssessment(
  test: TestApp,
  options: { open?: boolean; threshold?: number } = {},
): Promise<Assessment> {
  const { app } = test;
  counter += 1;
  const email = `consultant-${counter}-${Math.random().toString(36).slice(2)}@example.org`;
  await createAccount(test.handle.db, { email, role: 'consultant' });
  const consultant = await signIn(app, email);
  const org = await call(app, consultant, 'POST', '/api/organizations', {
    name: `Client ${counter}`,
    anonymityThreshold: options.threshold ?? 3,
  });
  await importTeams(app, consultant, org.id, TEAMS_CSV);
  const wave = await call(app, consultant, 'POST', `/api/organizations/${org.id}/waves`, {
    title: 'Autumn pulse',
    questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
  });
  if (options.open !== false) await call(app, consultant, 'POST', `/api/waves/${wave.id}/open`);
  const details = await call(app, consultant, 'GET', `/api/waves/${wave.id}`);
  const codes = Object.fromEntries(
    details.links.map((l: { teamKey: string; code: string }) => [l.teamKey, l.code]),
  );
  return { orgId: org.id, waveId: wave.id, consultant, codes };
}

/** Replaces an organization's teams with those of a CSV file, as the console's import sends it. */
export function importTeams(app: App, cookie: string, orgId: string, csv: string) {
  return app.inject({
    method: 'PUT',
    url: `/api/organizations/${orgId}/teams`,
    headers: { cookie, 'content-type': 'text/csv' },
    payload: csv,
  });
}

export async function call(
  app: App,
  cookie: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
) {
  const response = await app.inject({
    method,
    url,
    headers: { cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  if (response.statusCode >= 300)
    throw new Error(`${method} ${url} → ${response.statusCode} ${response.body}`);
  return response.statusCode === 204 ? undefined : response.json();
}

export const PULSE_ITEMS = [
  'ds-decisions-hold',
  'ds-reopened',
  'ow-next-step-clear',
  'ow-quietly-displaced',
  'au-act-within-remit',
  'au-wait-for-confirmation',
  'ps-fix-not-blame',
  'ps-raise-problems',
  'ex-agreement-to-action',
  'ex-without-chasing',
];

export function someAnswers(value = 4): Record<string, number> {
  return Object.fromEntries(PULSE_ITEMS.map((id) => [id, value]));
}

let answered = 0;

/**
 * `count` people answering through a link, each from an address of their own so that no limit
 * meant for one person counts them together; person `i` answers `value(i)` to every question.
 */
export async function answerThrough(
  app: App,
  code: string,
  count: number,
  value: (i: number) => number = () => 4,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    answered += 1;
    const response = await app.inject({
      method: 'POST',
      url: `/api/participate/${code}/responses`,
      payload: { submissionId: randomUUID(), answers: someAnswers(value(i)) },
      remoteAddress: `10.${200 + ((answered >> 16) & 31)}.${(answered >> 8) & 255}.${answered & 255}`,
    });
    if (response.statusCode !== 201)
      throw new Error(`answer ${i + 1} of ${count}: ${response.statusCode} ${response.body}`);
  }
}

/** Turns personal codes on for a team of a wave and issues `count` of them by hand. */
export async function issueCodes(
  app: App,
  cookie: string,
  waveId: string,
  teamKey: string,
  count: number,
): Promise<{ codes: string[] }> {
  await call(app, cookie, 'PUT', `/api/waves/${waveId}/teams/${teamKey}`, { personalCodes: true });
  return call(app, cookie, 'POST', `/api/waves/${waveId}/invitations`, { teamKey, count });
}

/**
 * Holds a wave's row in a transaction of its own, as a close does, until `letGo`: statements
 * that take the wave's share lock wait meanwhile (on the embedded database, every statement
 * waits for its one connection).
 */
export function holdWave(db: Kysely<Database>, waveId: string): Promise<{ letGo(): Promise<void> }> {
  return holdTransaction(db, (trx) => sql`select id from wave where id = ${waveId} for update`.execute(trx));
}

/**
 * Runs `work` in a transaction of its own and holds it open, its locks and its uncommitted writes
 * with it, until `letGo` commits it: what another request does meanwhile meets them as it would
 * meet a close or an import still under way.
 */
export async function holdTransaction(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<unknown>,
): Promise<{ letGo(): Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let holding!: () => void;
  const holds = new Promise<void>((resolve) => {
    holding = resolve;
  });
  const holder = db.transaction().execute(async (trx) => {
    await work(trx);
    holding();
    await released;
  });
  await Promise.race([holds, holder]);
  return {
    async letGo() {
      release();
      await holder;
    },
  };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showsNothing } from '../../shared/contract/display-text.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { importTeams, setUpAssessment } from '../support/assessment.ts';
import { testDatabases } from '../support/databases.ts';

/**
 * Names and titles go into email bodies, the survey's header, the console's lists and CSV exports.
 * One that breaks a line there, rings a bell, or shows nothing at all is refused where it is
 * typed, with a 400 naming the field and a code a page can say in its language.
 */
const UNREADABLE = [
  ['Acme\r\n=1+1', 'validation.control-character'],
  ['Acme\tWest', 'validation.control-character'],
  ['\u0007\u0008', 'validation.control-character'],
  ['Acme\u2028West', 'validation.control-character'],
  ['\u200b', 'validation.shows-nothing'],
  ['\u200b\u00a0\u2060', 'validation.shows-nothing'],
  ['\u3164', 'validation.shows-nothing'],
  ['\u0301\u0308', 'validation.shows-nothing'],
] as const;

describe('showsNothing', () => {
  it('finds nothing to see in blanks that Unicode files as letters or symbols', () => {
    // Hangul fillers, the blank Braille pattern, a combining grapheme joiner, a variation selector,
    // a tag character, and combining marks with no letter to sit on.
    for (const text of [
      '\u3164',
      '\u115f\u1160',
      '\uffa0',
      '\u2800\u2800',
      '\u034f',
      '\ufe0f',
      '\u{e0041}',
      '\u0301\u0308',
    ])
      expect(showsNothing(text), JSON.stringify(text)).toBe(true);
  });

  it('sees any letter, digit, mark of punctuation or symbol, in any script', () => {
    for (const text of ['A', 'e\u0301', '日本', 'Ω', '٣', '-', '&', '😀', '\u3164x', '\u2800.'])
      expect(showsNothing(text), JSON.stringify(text)).toBe(false);
  });
});

describe.each(testDatabases())('names and titles a person reads, on $name', (database) => {
  let test: TestApp;
  let orgId: string;
  let consultant: string;
  const send = (method: 'POST' | 'PATCH', url: string, payload: object) =>
    test.app.inject({ method, url, headers: { cookie: consultant }, payload });
  const counts = async () =>
    Promise.all(
      (['organization', 'wave'] as const).map(
        async (table) => (await test.handle.db.selectFrom(table).select('id').execute()).length,
      ),
    );

  beforeAll(async () => {
    test = await startTestApp(database);
    ({ orgId, consultant } = await setUpAssessment(test, { open: false }));
  });
  afterAll(() => test?.close());

  it('refuses an organization name or a wave title that breaks a line or shows nothing', async () => {
    const before = await counts();
    for (const [text, code] of UNREADABLE) {
      const organization = await send('POST', '/api/organizations', { name: text, anonymityThreshold: 5 });
      const wave = await send('POST', `/api/organizations/${orgId}/waves`, {
        title: text,
        questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
      });
      for (const [response, field] of [
        [organization, 'body.name'],
        [wave, 'body.title'],
      ] as const) {
        expect(response.statusCode, JSON.stringify(text)).toBe(400);
        expect(response.json().fields).toEqual([expect.objectContaining({ field, code })]);
      }
    }
    expect(await counts()).toEqual(before);
    // Letters of any script, signs and emoji are names.
    const named = await send('POST', '/api/organizations', {
      name: 'Ünïcödé 👩🏽‍💻 عربى — №1',
      anonymityThreshold: 5,
    });
    expect(named.statusCode).toBe(201);
  });

  it('refuses a team name that shows nothing, in the import, as it refuses one with a line break', async () => {
    const csv = ['key,name,parent_key,headcount', 'ops,\u200b,,10', 'eng,Engineering,,10'].join('\n');
    const saved = await importTeams(test.app, consultant, orgId, csv);
    expect(saved.statusCode).toBe(400);
    expect(saved.json().fields).toEqual([expect.objectContaining({ field: 'row 2: name' })]);
    const preview = await test.app.inject({
      method: 'POST',
      url: `/api/organizations/${orgId}/teams/preview`,
      headers: { cookie: consultant, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(preview.json().rows[0].problems).toEqual([
      expect.objectContaining({ field: 'row 2: name', code: 'nameShowsNothing' }),
    ]);
  });
});

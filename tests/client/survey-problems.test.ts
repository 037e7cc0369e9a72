import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../client/src/api.ts';
import { problemText } from '../../client/src/i18n/problem-text.ts';
import { loadCatalog, translate } from '../../client/src/i18n/translate.ts';
import {
  isCodeProblem,
  surveyProblem,
  takePersonalCode,
  typedCode,
} from '../../client/src/pages/survey/survey-problems.ts';
import { codeMark, randomUuid } from '../../client/src/pages/survey/survey-storage.ts';

const refused = (status: number, reason: string | null, message = 'English from the server') =>
  new ApiError(status, message, [], reason);

describe('what the survey tells a person when the server says no', () => {
  // Languages other than English arrive on demand, as in the browser.
  beforeAll(() => loadCatalog('es'));

  it("says each reason the server names in the person's language", () => {
    const cases: [number, string][] = [
      [404, 'link-unknown'],
      [409, 'wave-not-open'],
      [410, 'wave-closed'],
      [409, 'team-full'],
      [400, 'invitation-required'],
      [400, 'invitation-unknown'],
      [409, 'invitation-used'],
    ];
    for (const [status, reason] of cases) {
      const problem = surveyProblem(refused(status, reason));
      expect(problem, reason).toEqual({ key: `survey.error.${reason}` });
      if ('key' in problem) expect(translate('es', problem.key)).not.toBe(translate('en', problem.key));
    }
    expect(translate('es', 'survey.error.invitation-used')).toMatch(/ya se ha usado/);
  });

  it("falls back to the server's words for a reason it does not know, and to 'offline' without an answer", () => {
    const newer = refused(400, 'something-new', 'A new rule');
    expect(surveyProblem(newer)).toEqual({ refusal: newer });
    expect(problemText('es', newer)).toBe('A new rule');
    const failed = refused(500, null, 'Internal Server Error');
    expect(surveyProblem(failed)).toEqual({ refusal: failed });
    expect(surveyProblem(new TypeError('Failed to fetch'))).toEqual({ key: 'common.offline' });
  });

  it('tells someone whose earlier send got no reply that a close may have come after their answers', () => {
    const closed = refused(410, 'wave-closed');
    expect(surveyProblem(closed, { unconfirmed: true })).toEqual({
      key: 'survey.error.closed-maybe-recorded',
    });
    expect(surveyProblem(closed, { unconfirmed: false })).toEqual({ key: 'survey.error.wave-closed' });
    // Other refusals mean what they say: the server knew the submission id and did not have it.
    expect(surveyProblem(refused(409, 'team-full'), { unconfirmed: true })).toEqual({
      key: 'survey.error.team-full',
    });
    expect(translate('es', 'survey.error.closed-maybe-recorded')).toMatch(/se contaron/);
  });

  it('sends the person back to the code screen only for a problem a different code can fix', () => {
    expect(
      ['invitation-required', 'invitation-unknown', 'invitation-used'].map((r) =>
        isCodeProblem(refused(400, r)),
      ),
    ).toEqual([true, true, true]);
    expect(['team-full', 'wave-closed', 'link-unknown'].some((r) => isCodeProblem(refused(409, r)))).toBe(
      false,
    );
    expect(isCodeProblem(new TypeError('Failed to fetch'))).toBe(false);
  });

  it('lets the person type again a code the server cannot read, said as a code that is not valid', () => {
    const unreadable = new ApiError(400, 'body.invitation: Too big', [
      { field: 'body.invitation', message: 'Too big' },
    ]);
    expect(isCodeProblem(unreadable)).toBe(true);
    expect(surveyProblem(unreadable)).toEqual({ key: 'survey.error.invitation-unknown' });
    // Another field's problem is not the code's.
    const other = new ApiError(400, 'x', [{ field: 'body.answers', message: 'x' }]);
    expect(isCodeProblem(other)).toBe(false);
  });

  it('takes the code from a whole invitation link pasted where the code goes', () => {
    expect(typedCode(' k7qm-3xd2 ')).toBe('k7qm-3xd2');
    expect(typedCode('https://trust.example/s/AbCdEfGhIjKl?code=K7QM-3XD2-9PFR')).toBe('K7QM-3XD2-9PFR');
    expect(typedCode('https://trust.example/s/AbCdEfGhIjKl?lang=fr&code=K7QM%203XD2#top')).toBe('K7QM 3XD2');
    // Broken escapes stay as typed, for the server to refuse.
    expect(typedCode('?code=%E0%A4%A')).toBe('?code=%E0%A4%A');
  });

  it('makes submission ids that are version 4 UUIDs, without randomUUID', () => {
    const id = randomUuid();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(randomUuid(new Uint8Array(16).fill(255))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(new Set(Array.from({ length: 100 }, () => randomUuid())).size).toBe(100);
  });

  it('takes the personal code out of an emailed link, keeping the rest of the address', () => {
    expect(takePersonalCode('https://trust.example/s/AbCdEfGhIjKl?code=k7qm-3xd2-9pfr')).toEqual({
      code: 'k7qm-3xd2-9pfr',
      address: '/s/AbCdEfGhIjKl',
    });
    // Spaces are kept as typed (the server ignores them); other parameters and the hash stay.
    expect(takePersonalCode('https://trust.example/s/AbCdEfGhIjKl?lang=es&code=K7QM%203XD2#top')).toEqual({
      code: 'K7QM 3XD2',
      address: '/s/AbCdEfGhIjKl?lang=es#top',
    });
    // An empty code still leaves the address, so nothing lingers.
    expect(takePersonalCode('https://trust.example/s/AbCdEfGhIjKl?code=')).toEqual({
      code: null,
      address: '/s/AbCdEfGhIjKl',
    });
    expect(takePersonalCode('https://trust.example/s/AbCdEfGhIjKl')).toEqual({ code: null, address: null });
  });
});

describe('what a device keeps of the code it answered with', () => {
  it('is 16 bits, the same for the same code and different for others', () => {
    const mark = codeMark('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345');
    expect(mark).toMatch(/^[0-9a-f]{4}$/);
    expect(codeMark('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345')).toBe(mark);
    const others = new Set(
      Array.from({ length: 200 }, (_, i) =>
        codeMark(`ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-${String(i).padStart(4, '0')}`),
      ),
    );
    // Spread over the 65,536 marks: 200 codes share hardly any.
    expect(others.size).toBeGreaterThan(190);
  });
});

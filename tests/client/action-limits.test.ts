import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadCatalog, translate } from '../../client/src/i18n/translate.ts';
import { ActionForm, type ActionTarget } from '../../client/src/pages/actions/action-form.tsx';
import {
  ACTION_LIMITS,
  fitToLength,
  stepProblems,
  stepsOf,
} from '../../client/src/pages/actions/action-limits.ts';
import { AppStateContext, createAppState } from '../../client/src/state/app-state.ts';
import { actionChangeSchema, newActionSchema } from '../../shared/contract/actions.ts';

interface Limits {
  properties: Record<string, { maxLength?: number; maxItems?: number; items?: { maxLength?: number } }>;
}
const created = z.toJSONSchema(newActionSchema) as unknown as Limits;
const changed = z.toJSONSchema(actionChangeSchema) as unknown as Limits;

/** The form as a page renders it, in `locale`, for a team and a dimension. */
function form(locale: string, target: Partial<ActionTarget> = {}): string {
  const app = createAppState(locale);
  const full: ActionTarget = {
    waveId: 'w1',
    teamKey: 'ops',
    teamName: 'Operations',
    dimension: 'ownership',
    dimensionName: 'Ownership',
    recommendations: [],
    ...target,
  };
  return renderToString(
    h(AppStateContext.Provider, { value: app }, h(ActionForm, { target: full, onClose: () => {} })),
  );
}

/** The value the title box starts with, read back from the rendered form. */
const titleOf = (html: string) =>
  /<input required maxlength="\d+" value="([^"]*)"/
    .exec(html)?.[1]
    ?.replaceAll('&amp;', '&')
    .replaceAll('&quot;', '"');

describe('an action form, held to the limits the server keeps', () => {
  beforeAll(async () => {
    await Promise.all(['en', 'fr'].map(loadCatalog));
  });

  it('knows the same limits as the shared contract', () => {
    expect(ACTION_LIMITS).toEqual({
      title: created.properties.title!.maxLength,
      owner: created.properties.owner!.maxLength,
      note: changed.properties.note!.maxLength,
      steps: created.properties.steps!.maxItems,
      stepLength: created.properties.steps!.items!.maxLength,
    });
  });

  it('cuts the suggested title to what the server takes when the team’s name is long', () => {
    // A team's name may be 200 characters: "Improve Ownership in …" would be longer.
    const title = titleOf(form('en', { teamName: 'T'.repeat(200) }))!;
    expect(title.length).toBe(ACTION_LIMITS.title);
    expect(title).toMatch(/^Improve Ownership in T+…$/);
    expect(newActionSchema.shape.title.safeParse(title).success).toBe(true);
    // A title that fits is left as it is.
    expect(titleOf(form('en'))).toBe('Improve Ownership in Operations');
  });

  it('never cuts a character in half', () => {
    const emoji = '😀'.repeat(150); // 300 UTF-16 units
    const cut = fitToLength(emoji, 200);
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(cut).toBe(`${'😀'.repeat(99)}…`);
    // No lone half of a surrogate pair, which the server would refuse to store.
    expect(cut).not.toMatch(/\p{Cs}/u);
  });

  it('says before sending that there are too many steps, or that one is too long, by its line', () => {
    const many = Array.from({ length: ACTION_LIMITS.steps + 1 }, (_, i) => `Step ${i + 1}`).join('\n');
    expect(stepProblems(many)).toEqual([{ key: 'actions.stepsTooMany', values: { max: 20, count: 21 } }]);
    const long = `First\n\n${'x'.repeat(301)}\n${'y'.repeat(300)}`;
    const problems = stepProblems(long);
    expect(problems).toEqual([{ key: 'actions.stepTooLong', values: { line: 3, length: 301, max: 300 } }]);
    expect(translate('en', problems[0]!.key, problems[0]!.values)).toBe(
      'Line 3 is 301 characters long; a step takes at most 300.',
    );
    expect(translate('fr', problems[0]!.key, problems[0]!.values)).toBe(
      'La ligne 3 compte 301 caractères\u202f; une étape en compte au plus 300.',
    );
    // Blank lines are not steps, and the ones that are go as the server takes them.
    expect(stepsOf(long)).toHaveLength(3);
    expect(stepProblems('One\n\n  Two  \n')).toEqual([]);
  });

  it('shows the steps’ problem beside the box as soon as the form opens with it', () => {
    const html = form('en', { recommendations: ['z'.repeat(400)] });
    expect(html).toContain('Line 1 is 400 characters long; a step takes at most 300.');
    expect(html).toContain('aria-invalid="true"');
    expect(form('en', { recommendations: ['Short'] })).not.toContain('aria-invalid');
  });
});

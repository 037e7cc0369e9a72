import { describe, expect, it } from 'vitest';
import type { Confirmation } from '../../client/src/components/confirm-dialog.tsx';
import {
  closeWave,
  removeMember,
  removeTeams,
  withdrawSharedLinks,
} from '../../client/src/components/confirmations.ts';
import { allCatalogs, translate } from '../../client/src/i18n/translate.ts';

const english = (c: Confirmation) => ({
  title: translate('en', c.title, c.values),
  body: translate('en', c.body, c.values),
  confirm: translate('en', c.confirm, c.values),
});

describe('what an irreversible step says before it runs', () => {
  it('says that closing stops every open link and cannot be undone, with the number of links', () => {
    expect(english(closeWave({ title: 'Winter pulse' }, 3))).toEqual({
      title: 'Close the wave Winter pulse?',
      body: 'Closing freezes the results: no more answers will be accepted from its 3 open links, and the report becomes final. This cannot be undone.',
      confirm: 'Close the wave',
    });
    expect(english(closeWave({ title: 'Solo' }, 1)).body).toContain('from its open link,');
  });

  it('tells a removed member from a withdrawn invitation', () => {
    expect(english(removeMember({ email: 'ana@example.org', status: 'active' }))).toMatchObject({
      title: 'Remove ana@example.org?',
      body: expect.stringContaining('Their access to this organization ends at once'),
    });
    expect(english(removeMember({ email: 'bo@example.org', status: 'invited' })).body).toContain(
      'Their invitation stops working at once.',
    );
  });

  it('says how many shared links stop working', () => {
    expect(english(withdrawSharedLinks(4)).body).toMatch(/^The 4 links stop working at once/);
    expect(english(withdrawSharedLinks(1)).body).toMatch(/^The link stops working at once/);
  });

  it('says how many teams a saved hierarchy removes', () => {
    expect(english(removeTeams(2)).body).toMatch(/^Saving removes 2 teams that are not in this file/);
    expect(english(removeTeams(1)).body).toMatch(/^Saving removes one team that is not in this file/);
  });

  it('leaves no placeholder unfilled in any language', async () => {
    const steps = [
      closeWave({ title: 'W' }, 2),
      closeWave({ title: 'W' }, 1),
      removeMember({ email: 'a@b.c', status: 'active' }),
      removeMember({ email: 'a@b.c', status: 'invited' }),
      withdrawSharedLinks(2),
      withdrawSharedLinks(1),
      removeTeams(2),
      removeTeams(1),
    ];
    for (const locale of Object.keys(await allCatalogs()))
      for (const step of steps)
        for (const key of [step.title, step.body, step.confirm])
          expect(translate(locale, key, step.values), `${locale} ${key}`).not.toMatch(/\{\w+\}/);
  });
});
